// The 対策 panel: the open checklist items of the issues the reader has read or saved,
// newest issue first, by article; ticking one takes it off the list, an article's title
// opens it, and the list exports as Markdown or CSV (copied, or saved as a file).
#include <algorithm>
#include <string>

#include "ui/painters.hpp"

namespace ui {

namespace {

// Buttons in a row that wraps on a phone.
bool flowing_button(const char* label, bool first) {
  const float w = ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
  if (!first) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
  }
  return ImGui::Button(label);
}

void export_buttons(const PaintContext& ctx, bool any) {
  static const char* const kExports[][3] = {{"Markdownをコピー", "markdown.copy", "対策リストをMarkdownでコピー"},
                                            {"Markdownを保存", "markdown.download", "対策リストをMarkdownで保存"},
                                            {"CSVをコピー", "csv.copy", "対策リストをCSVでコピー"},
                                            {"CSVを保存", "csv.download", "対策リストをCSVで保存"}};
  ImGui::BeginDisabled(!any);
  for (size_t i = 0; i < std::size(kExports); ++i) {
    const Action action{Action::Kind::ExportActions, kExports[i][1], 0};
    if (flowing_button(kExports[i][0], i == 0)) ctx.act(action.kind, action.id);
    ctx.describe(Role::Button, std::string("actions.export.") + kExports[i][1], kExports[i][2], action).disabled = !any;
  }
  ImGui::EndDisabled();
}

}  // namespace

void paint_actions_panel(const PaintContext& ctx, float width, float height, bool& open) {
  const float panel_w = std::min(width - 24, 560.0f);
  const float panel_h = std::min(height - kTopBarHeight - 16, 760.0f);
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, kTopBarHeight + 4), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(panel_w, panel_h));
  begin_panel(ctx, "対策", &open,
              ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
                  ImGuiWindowFlags_NoResize);
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

  ImGui::BeginChild("actions.list", ImVec2(0, 0));
  const host::Rect view = PaintContext::window_rect();
  ctx.semantics.open(Role::List, "actions.items", "未完了の対策", view);
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
      ctx.describe(Role::Item, "actions.article." + list.issue + "." + article.id, "記事を開く: " + article.title,
                   open_article);
      for (const digest::ActionEntry& item : article.items) {
        ImGui::PushID(item.key.c_str());
        const Action tick{Action::Kind::ToggleCheck, place + "\n" + item.key, 1};
        bool ticked = false;
        ImGui::Indent(ImGui::GetFontSize() * 0.5f);
        if (ImGui::Checkbox("##tick", &ticked)) ctx.act(tick.kind, tick.id, tick.index);
        ctx.describe(Role::Checkbox, "actions.item." + list.issue + "." + article.id + "." + item.key, item.text, tick)
            .checked = Flag::Off;
        ImGui::SameLine();
        ImGui::BeginGroup();
        wrapped_text(item.text, false);
        ImGui::EndGroup();
        ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
        ImGui::PopID();
      }
      ImGui::PopID();
    }
  }
  ctx.semantics.close();
  ImGui::EndChild();
  ctx.panels.note_window("actions");
  ctx.semantics.close();
  end_panel();
}

}  // namespace ui
