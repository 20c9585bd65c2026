// The top bar: contents button (narrow windows), older/newer issue with the date, the
// archive, and the text size, theme and help buttons (folded into a menu on phones).
#include <algorithm>

#include "ui/painters.hpp"

namespace ui {

namespace {

float button_width(const char* label) {
  return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
}

}  // namespace

void paint_top_bar(const PaintContext& ctx, float width) {
  const digest::Issue* issue = ctx.issue;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, kTopBarHeight));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.palette.surface);
  ImGui::Begin("topbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  ImGui::SetCursorPosY((kTopBarHeight - ImGui::GetFrameHeight()) * 0.5f);
  const bool narrow = width < kNarrowWindow;
  if (width < kSidebarMinWindow && issue) {
    if (ImGui::Button("目次")) ctx.act(Action::Kind::ToggleContents);
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
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (!narrow) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(issue->date.c_str());
      ImGui::SameLine();
    }
    ImGui::BeginDisabled(!has_newer);
    if (ImGui::Button(narrow ? ">" : "次の号 >")) ctx.act(Action::Kind::NewerIssue);
    ImGui::EndDisabled();
    ImGui::SameLine();
    // One name at every width: a reader told "アーカイブ" in help and docs finds it on a phone.
    if (ImGui::Button("アーカイブ")) ctx.act(Action::Kind::ToggleArchive);
  }
  if (!ctx.offline.online) {
    // A pill: the reader is reading what was kept, not what the network has now.
    ImGui::SameLine();
    const char* label = "オフライン";
    const ImVec2 text = ImGui::CalcTextSize(label);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float pad = 8, height = ImGui::GetFrameHeight();
    ImGui::Dummy(ImVec2(text.x + 2 * pad, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + text.x + 2 * pad, at.y + height), ctx.palette.offline_badge, height * 0.5f);
    dl->AddText(ImVec2(at.x + pad, at.y + (height - text.y) * 0.5f), ctx.palette.offline_badge_text, label);
  }
  // Right-aligned settings; on narrow screens they fold into a "表示" menu.
  const char* theme_label = ctx.dark ? "ライト" : "ダーク";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = narrow ? button_width("表示") + button_width("?") + style.ItemSpacing.x
                             : button_width("A-") + button_width("A+") + button_width(theme_label) + button_width("?") +
                                   3 * style.ItemSpacing.x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), width - right - style.WindowPadding.x));
  auto settings = [&] {
    if (ImGui::Button("A-")) ctx.act(Action::Kind::SmallerText);
    ImGui::SameLine();
    if (ImGui::Button("A+")) ctx.act(Action::Kind::LargerText);
    ImGui::SameLine();
    if (ImGui::Button(theme_label)) ctx.act(Action::Kind::ToggleTheme);
  };
  if (narrow) {
    if (ImGui::Button("表示")) ImGui::OpenPopup("display");
    if (ImGui::BeginPopup("display")) {
      settings();
      ctx.panels.note_window("display");
      ImGui::EndPopup();
    }
  } else {
    settings();
  }
  ImGui::SameLine();
  if (ImGui::Button("?")) ctx.act(Action::Kind::ToggleHelp);
  ImGui::End();
}

}  // namespace ui
