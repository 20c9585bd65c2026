// The top bar: contents button (narrow windows), older/newer issue with the date, the
// archive, the offline pill, and the text size, theme and help buttons (folded into a
// menu on phones; help too when a phone's bar has no room for it).
#include <algorithm>
#include <string>

#include "ui/painters.hpp"

namespace ui {

namespace {

// The offline pill: the reader is reading what was kept, not what the network has now.
// Drawn at `scale` of the bar's text size.
float pill_width(float scale) {
  return ImGui::CalcTextSize("オフライン").x * scale + 16 * scale;
}

void draw_pill(const PaintContext& ctx, float scale) {
  const char* label = "オフライン";
  ImGui::PushFont(nullptr, ImGui::GetFontSize() * scale);
  const ImVec2 text = ImGui::CalcTextSize(label);
  ImGui::PopFont();
  const float pad = 8 * scale, height = text.y + 8 * scale;
  const ImVec2 at(ImGui::GetCursorScreenPos().x,
                  ImGui::GetCursorScreenPos().y + (ImGui::GetFrameHeight() - height) * 0.5f);
  ImGui::Dummy(ImVec2(text.x + 2 * pad, ImGui::GetFrameHeight()));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + text.x + 2 * pad, at.y + height), ctx.palette.offline_badge, height * 0.5f);
  ImGui::PushFont(nullptr, ImGui::GetFontSize() * scale);
  dl->AddText(ImVec2(at.x + pad, at.y + (height - text.y) * 0.5f), ctx.palette.offline_badge_text, label);
  ImGui::PopFont();
}

}  // namespace

void paint_top_bar(const PaintContext& ctx, float width, bool display_open) {
  const digest::Issue* issue = ctx.issue;
  const bool narrow = width < kNarrowWindow;
  const bool contents_button = width < kSidebarMinWindow && issue;
  const bool offline = !ctx.offline.online;
  const char* theme_label = ctx.dark ? "ライト" : "ダーク";

  // What the bar holds, at a given button padding and spacing: a phone must fit it all
  // on one line, so the bar tightens, then folds help into the 表示 menu (a phone) or
  // leaves out the date (a narrow window), then draws the offline pill smaller, then
  // tightens again, until it fits.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 padding = style.FramePadding, spacing = style.ItemSpacing;
  bool fold_help = false, show_date = !narrow;
  float pill_scale = 1.0f;
  auto button_width = [&](const char* label) { return ImGui::CalcTextSize(label).x + 2 * padding.x; };
  // The right-aligned group: 表示 (or A- A+ and the theme) and ?.
  auto right_group = [&] {
    float w = narrow ? button_width("表示")
                     : button_width("A-") + button_width("A+") + button_width(theme_label) + 2 * spacing.x;
    if (!fold_help) w += spacing.x + button_width("?");
    return w;
  };
  auto needed = [&] {
    auto button = [&](const char* label) { return button_width(label) + spacing.x; };
    float w = 2 * style.WindowPadding.x;
    if (contents_button) w += button("目次");
    if (issue) {
      w += narrow ? button("<") + button(">") : button("< 前の号") + button("次の号 >");
      if (show_date) w += ImGui::CalcTextSize(issue->date.c_str()).x + spacing.x;
      w += button("アーカイブ");
    }
    if (offline) w += pill_width(pill_scale) + spacing.x;
    return w + right_group();
  };
  if (needed() > width) padding.x = 6, spacing.x = 4;
  if (narrow && needed() > width) fold_help = true;
  if (!narrow && needed() > width) show_date = false;  // the page's first lines give the date too
  while (offline && pill_scale > 0.7f && needed() > width) pill_scale -= 0.05f;
  if (needed() > width) padding.x = 4, spacing.x = 2;  // 320 px and offline

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, kTopBarHeight));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.palette.surface);
  ImGui::Begin("topbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  // Each control's place, as "bar <label>" (state().panels; tests check nothing overlaps
  // and all of it is inside the window at phone widths).
  auto noted = [&](const char* label) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ctx.panels.note((std::string("bar ") + label).c_str(), host::Rect{min.x, min.y, max.x - min.x, max.y - min.y},
                    false);
  };
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, spacing);
  ImGui::SetCursorPosY((kTopBarHeight - ImGui::GetFrameHeight()) * 0.5f);
  if (contents_button) {
    if (ImGui::Button("目次")) ctx.act(Action::Kind::ToggleContents);
    noted("目次");
    ImGui::SameLine();
  }
  if (issue) {
    // The index is newest first: "newer" is towards its start.
    bool has_newer = false, has_older = false;
    for (size_t i = 0; i < ctx.index.issues.size(); ++i) {
      if (ctx.index.issues[i].id != issue->id) continue;
      has_newer = i > 0;
      has_older = i + 1 < ctx.index.issues.size();
    }
    ImGui::BeginDisabled(!has_older);
    if (ImGui::Button(narrow ? "<" : "< 前の号")) ctx.act(Action::Kind::OlderIssue);
    noted("older");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (show_date) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(issue->date.c_str());
      ImGui::SameLine();
    }
    ImGui::BeginDisabled(!has_newer);
    if (ImGui::Button(narrow ? ">" : "次の号 >")) ctx.act(Action::Kind::NewerIssue);
    noted("newer");
    ImGui::EndDisabled();
    ImGui::SameLine();
    // One name at every width: a reader told "アーカイブ" in help and docs finds it on a phone.
    if (ImGui::Button("アーカイブ")) ctx.act(Action::Kind::ToggleArchive);
    noted("アーカイブ");
  }
  if (offline) {
    ImGui::SameLine();
    draw_pill(ctx, pill_scale);
    noted("オフライン");
  }
  // Right-aligned settings; on narrow screens they fold into a "表示" menu.
  ImGui::SameLine();  // the cursor after the last item on this line, not on the next
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), width - right_group() - style.WindowPadding.x));
  auto settings = [&] {
    if (ImGui::Button("A-")) ctx.act(Action::Kind::SmallerText);
    if (!narrow) noted("A-");
    ImGui::SameLine();
    if (ImGui::Button("A+")) ctx.act(Action::Kind::LargerText);
    if (!narrow) noted("A+");
    ImGui::SameLine();
    if (ImGui::Button(theme_label)) ctx.act(Action::Kind::ToggleTheme);
    if (!narrow) noted("theme");
  };
  if (narrow) {
    if (ImGui::Button("表示")) ctx.act(Action::Kind::ToggleDisplay);
    const bool on_button = ImGui::IsItemHovered();
    noted("表示");
    if (display_open) {
      // Below the bar, at its right edge: it never covers the bar, so 表示 (which
      // closes it again), ? and the issue's buttons stay usable.
      ImGui::SetNextWindowPos(ImVec2(width - style.WindowPadding.x, kTopBarHeight + 4), ImGuiCond_Always,
                              ImVec2(1, 0));
      ImGui::Begin("display", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings);
      settings();
      if (fold_help) {
        ImGui::SameLine();
        if (ImGui::Button("ヘルプ")) {
          ctx.act(Action::Kind::ToggleHelp);
          ctx.act(Action::Kind::CloseDisplay);
        }
      }
      // A click anywhere else closes it, as a menu does.
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !on_button &&
          !ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows))
        ctx.act(Action::Kind::CloseDisplay);
      ctx.panels.note_window("display");
      ImGui::End();
    }
  } else {
    settings();
  }
  if (!fold_help) {
    ImGui::SameLine();
    if (ImGui::Button("?")) ctx.act(Action::Kind::ToggleHelp);
    noted("?");
  }
  ImGui::PopStyleVar(2);
  ImGui::End();
}

}  // namespace ui
