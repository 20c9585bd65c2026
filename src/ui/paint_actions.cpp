// The 対策 panel: the open checklist items of the issues the reader has read or saved,
// newest issue first, by article; ticking one takes it off the list, an article's title
// opens it, and the list exports as Markdown or CSV (copied, or saved as a file). Below
// them, 「フォロー中」: the followed topics, each with the articles of new issues that
// mention it (新着 until read) and 「フォロー解除」.
#include <algorithm>
#include <cmath>
#include <string>

#include "ui/painters.hpp"

namespace ui {

namespace {

// The exports: each format's name, then its two buttons (copy, save), wrapping as a
// whole on a phone.
void export_buttons(const PaintContext& ctx, bool any) {
  static const char* const kFormats[][2] = {{"Markdown", "markdown"}, {"CSV", "csv"}};
  static const char* const kTo[][3] = {{"コピー", "copy", "でコピー"}, {"保存", "download", "で保存"}};
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::BeginDisabled(!any);
  for (size_t f = 0; f < std::size(kFormats); ++f) {
    const float group = ImGui::CalcTextSize(kFormats[f][0]).x + ImGui::CalcTextSize("コピー保存").x +
                        4 * style.FramePadding.x + 3 * style.ItemSpacing.x;
    if (f > 0) {
      ImGui::SameLine(0, 2 * style.ItemSpacing.x);
      if (ImGui::GetContentRegionAvail().x < group) ImGui::NewLine();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", kFormats[f][0]);
    for (const auto& to : kTo) {
      ImGui::SameLine();
      const std::string id = std::string(kFormats[f][1]) + "." + to[1];
      const Action action{Action::Kind::ExportActions, id, 0};
      if (ImGui::Button((std::string(to[0]) + "##" + id).c_str())) ctx.act(action.kind, action.id);
      ctx.describe(Role::Button, "actions.export." + id, std::string("対策リストを") + kFormats[f][0] + to[2], action)
          .disabled = !any;
    }
  }
  ImGui::EndDisabled();
}

// An item's box, drawn as the page draws it (an outline in the muted colour), with the
// frame's height for its row: a click ticks the item.
bool item_box(const PaintContext& ctx, const char* id) {
  const float side = std::round(ImGui::GetFontSize() * 0.95f);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float top = at.y + std::round((ImGui::GetTextLineHeightWithSpacing() - side) * 0.5f);
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(side, ImGui::GetTextLineHeightWithSpacing()));
  const float stroke = std::max(1.5f, side * 0.09f);
  const ImU32 colour = ImGui::IsItemHovered() ? ctx.palette.accent : ctx.palette.muted;
  ImGui::GetWindowDrawList()->AddRect(ImVec2(at.x + stroke * 0.5f, top + stroke * 0.5f),
                                      ImVec2(at.x + side - stroke * 0.5f, top + side - stroke * 0.5f), colour,
                                      side * 0.2f, 0, stroke);
  return clicked;
}

// 「フォロー中」: each topic, its matches newest first (unread ones 新着), and a button
// to stop following it.
void followed_topics(const PaintContext& ctx) {
  const Follows& follows = ctx.follows;
  ImGui::Spacing();
  if (!ctx.open_actions.empty()) ImGui::Separator();  // else the exports' rule is just above
  ImGui::PushFont(ctx.bold_font, 0.0f);
  ImGui::TextUnformatted("フォロー中");
  ImGui::PopFont();
  const size_t fresh = follows.new_count(ctx.reading);
  std::string heading = "フォロー中";
  if (!follows.topics().empty()) {
    heading += " " + std::to_string(follows.topics().size()) + "件";
    if (fresh) heading += "、新着 " + std::to_string(fresh) + "件";
  }
  ctx.semantics.add(Role::Text, "actions.follows", heading, PaintContext::item_rect());
  if (follows.topics().empty()) {
    wrapped_text(
        "検索バーの「フォロー」か、本文で語を選んで出る「フォロー」で、CVE番号や製品名などを"
        "フォローできます。その語が新しい号に出ると、ここと号の一覧に「新着」で示します。",
        true);
    return;
  }
  if (follows.checking()) {
    ImGui::TextDisabled("新しい号を確かめています…");
    ctx.semantics.add(Role::Status, "actions.follows.checking", "新しい号を確かめています", PaintContext::item_rect());
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  for (const Follows::Topic& topic : follows.topics()) {
    if (topic.text.empty()) continue;
    ImGui::PushID(topic.folded.c_str());
    const char* unfollow_label = "フォロー解除";
    const float button_w = ImGui::CalcTextSize(unfollow_label).x + 2 * style.FramePadding.x;
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - button_w;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(fit_text("「" + topic.text + "」", ImGui::GetContentRegionAvail().x - button_w - 8).c_str());
    ctx.semantics.add(Role::Text, "actions.topic." + topic.folded, "「" + topic.text + "」", PaintContext::item_rect());
    ImGui::SameLine(right);
    const Action unfollow{Action::Kind::FollowTopic, topic.text, 0};
    if (ImGui::Button(unfollow_label)) ctx.act(unfollow.kind, unfollow.id, unfollow.index);
    ctx.describe(Role::Button, "actions.unfollow." + topic.folded, "「" + topic.text + "」のフォローを解除", unfollow);
    if (topic.found.empty()) {
      ImGui::Indent(ImGui::GetFontSize() * 0.5f);
      wrapped_text("新しい号にはまだ出ていません(" + spoken_date(topic.checked) + "の号まで確認)", true);
      ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
    }
    for (const Follows::Match& match : topic.found) {
      const bool unread = !ctx.reading.is_read(match.issue, match.article);
      const std::string place = match.issue + "\n" + match.article;
      ImGui::PushID(place.c_str());
      ImGui::Indent(ImGui::GetFontSize() * 0.5f);
      if (unread) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.accent), "新着");
        ImGui::SameLine();
      }
      const std::string title = match.title.empty() ? match.article : match.title;
      ImGui::PushStyleColor(ImGuiCol_Text, unread ? ctx.palette.accent : ctx.palette.muted);
      const Action open{Action::Kind::OpenAction, place, 0};
      if (ImGui::Selectable(fit_text(match.date.substr(5) + "  " + title, ImGui::GetContentRegionAvail().x).c_str()))
        ctx.act(open.kind, open.id);
      ImGui::PopStyleColor();
      ctx.describe(Role::Button, "actions.match." + topic.folded + "." + match.issue + "." + match.article,
                   "記事を開く: " + title + "、" + spoken_date(match.date) + (unread ? "、新着" : ""), open);
      ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
      ImGui::PopID();
    }
    ImGui::PopID();
  }
}

}  // namespace

void paint_actions_panel(const PaintContext& ctx, float width, float height, bool& open) {
  // As tall as what it lists, up to the window's room (then it scrolls).
  const float panel_w = std::min(width - 24, 560.0f);
  const float panel_h = std::min(height - kTopBarHeight - 16, 760.0f);
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, kTopBarHeight + 4), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(panel_w, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(panel_w, 0), ImVec2(panel_w, panel_h));
  begin_panel(ctx, "対策", &open,
              ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
                  ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize);
  ctx.semantics.open(Role::Dialog, "actions", "対策", PaintContext::window_rect());
  describe_close_button(ctx, "actions.close", Action::Kind::CloseActions);

  const size_t count = Checklists::count(ctx.open_actions);
  const std::string summary =
      count ? "未完了の対策 " + std::to_string(count) + "件(読んだ号と保存した号から)"
            : ctx.open_actions.empty() && ctx.checklists.items().empty()
                  ? "読んだ号の「今すぐやるべき対策」がここに並びます。記事でチェックを付けた項目は消えます。"
                  : "未完了の対策はありません。";
  wrapped_text(summary, count == 0);
  ctx.semantics.add(Role::Status, "actions.count", summary, PaintContext::item_rect());
  export_buttons(ctx, count > 0);
  ImGui::Separator();

  // Not a list for the mirror: its rows are headings, buttons and checkboxes.
  for (const digest::ActionList& list : ctx.open_actions) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.bold_font, 0.0f);  // null: the current font
    const std::string heading = spoken_date(list.date) + (list.title.empty() ? "" : " ・ " + list.title);
    ImGui::TextUnformatted(fit_text(heading, ImGui::GetContentRegionAvail().x).c_str());
    ImGui::PopFont();
    ctx.semantics.add(Role::Text, "actions.issue." + list.issue, heading, PaintContext::item_rect());
    for (const digest::ActionArticle& article : list.articles) {
      const std::string place = list.issue + "\n" + article.id;
      ImGui::PushID(place.c_str());
      ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.accent);
      const Action open_article{Action::Kind::OpenAction, place, 0};
      if (ImGui::Selectable(fit_text(article.title, ImGui::GetContentRegionAvail().x).c_str()))
        ctx.act(open_article.kind, open_article.id);
      ImGui::PopStyleColor();
      ctx.describe(Role::Button, "actions.article." + list.issue + "." + article.id, "記事を開く: " + article.title,
                   open_article);
      for (const digest::ActionEntry& item : article.items) {
        ImGui::PushID(item.key.c_str());
        const Action tick{Action::Kind::ToggleCheck, place + "\n" + item.key, 1};
        ImGui::Indent(ImGui::GetFontSize() * 0.5f);
        if (item_box(ctx, "##tick")) ctx.act(tick.kind, tick.id, tick.index);
        ctx.describe(Role::Checkbox, "actions.item." + list.issue + "." + article.id + "." + item.key, item.text, tick)
            .checked = Flag::Off;
        ImGui::SameLine(0, ImGui::GetFontSize() * 0.5f);
        ImGui::BeginGroup();
        wrapped_text(item.text, false);
        ImGui::EndGroup();
        ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
        ImGui::PopID();
      }
      ImGui::PopID();
    }
  }
  followed_topics(ctx);
  ctx.panels.note_window("actions");
  ctx.semantics.close();
  end_panel();
}

}  // namespace ui
