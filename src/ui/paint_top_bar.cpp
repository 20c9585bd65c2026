// The top bar: contents button (narrow windows), older/newer issue with the date, the
// archive, 対策 with its count, the offline pill, and the text size, theme, 読み上げ,
// search and help buttons (folded into a menu on phones, 読み上げ always; help, then
// 対策, too when a phone's bar has no room for them).
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

bool paint_top_bar(const PaintContext& ctx, float width, const OpenPanels& open) {
  const digest::Issue* issue = ctx.issue;
  bool narrow = width < kNarrowWindow;
  const bool contents_button = width < kSidebarMinWindow && issue;
  const bool offline = !ctx.offline.online;
  const char* theme_label = ctx.dark ? "ライト" : "ダーク";
  // 対策 with how many items are open (the checklists of the issues read or saved).
  const bool actions_button = issue && ctx.checklists.enabled();
  const size_t open_actions = Checklists::count(ctx.open_actions);
  const std::string actions_label = open_actions ? "対策 " + std::to_string(open_actions) : std::string("対策");

  // What the bar holds, at a given button padding and spacing: a phone must fit it all
  // on one line, so the bar tightens, then folds help and search into the 表示 menu (a
  // phone) or leaves out the date (a narrow window), then draws the offline pill
  // smaller, then tightens again, until it fits.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 padding = style.FramePadding, spacing = style.ItemSpacing;
  bool fold_search = false, fold_help = false, fold_actions = false, show_date = !narrow;
  float pill_scale = 1.0f;
  auto button_width = [&](const char* label) { return ImGui::CalcTextSize(label).x + 2 * padding.x; };
  // The right-aligned group: 表示 (or A- A+ and the theme), 検索 and ?.
  auto right_group = [&] {
    float w = narrow ? button_width("表示")
                     : button_width("A-") + button_width("A+") + button_width(theme_label) + 2 * spacing.x;
    if (!narrow && issue) w += spacing.x + button_width("読み上げ");
    if (!fold_search && issue) w += spacing.x + button_width("検索");
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
      if (actions_button && !fold_actions) w += button(actions_label.c_str());
    }
    if (offline) w += pill_width(pill_scale) + spacing.x;
    return w + right_group();
  };
  auto fit = [&] {
    padding = style.FramePadding, spacing = style.ItemSpacing;
    fold_search = fold_help = fold_actions = false;
    show_date = !narrow;
    pill_scale = 1.0f;
    if (needed() > width) padding.x = 6, spacing.x = 4;
    if (narrow && needed() > width) fold_search = true;
    // 対策 shows how many items are open: help (in 表示 too) folds first.
    if (narrow && needed() > width) fold_help = true;
    if (narrow && needed() > width) fold_actions = true;
    if (!narrow && needed() > width) show_date = false;  // the page's first lines give the date too
    while (offline && pill_scale > 0.7f && needed() > width) pill_scale -= 0.05f;
    if (needed() > width) padding.x = 4, spacing.x = 2;  // 320 px and offline
  };
  fit();
  // A window just wider than a phone's, with the offline pill, may not hold the wide bar
  // either: then it folds as a phone's does.
  if (!narrow && needed() > width) {
    narrow = true;
    fit();
  }

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, kTopBarHeight));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.palette.surface);
  ImGui::Begin("topbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  ctx.semantics.open(Role::Toolbar, "bar", "号の操作", host::Rect{0, 0, width, kTopBarHeight});
  // Each control's place, as "bar <label>" (state().panels; tests check nothing overlaps
  // and all of it is inside the window at phone widths).
  auto noted = [&](const char* label) {
    ctx.panels.note((std::string("bar ") + label).c_str(), PaintContext::item_rect(), false);
  };
  // A button of the bar (or of the 表示 menu: `where`), described for the mirror.
  auto button = [&](const char* where, const char* label, const char* key, const char* name, Action::Kind kind) {
    const bool clicked = ImGui::Button(label);
    if (clicked) ctx.act(kind);
    return &ctx.describe(Role::Button, std::string(where) + "." + key, name, Action{kind, {}, 0});
  };
  auto expanded = [](bool on) { return on ? Flag::On : Flag::Off; };
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, spacing);
  ImGui::SetCursorPosY((kTopBarHeight - ImGui::GetFrameHeight()) * 0.5f);
  if (contents_button) {
    button("bar", "目次", "contents", "目次", Action::Kind::ToggleContents)->expanded = expanded(open.contents);
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
    button("bar", narrow ? "<" : "< 前の号", "older", "前の号", Action::Kind::OlderIssue)->disabled = !has_older;
    noted("older");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (show_date) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(issue->date.c_str());
      ImGui::SameLine();
    }
    ImGui::BeginDisabled(!has_newer);
    button("bar", narrow ? ">" : "次の号 >", "newer", "次の号", Action::Kind::NewerIssue)->disabled = !has_newer;
    noted("newer");
    ImGui::EndDisabled();
    ImGui::SameLine();
    // One name at every width: a reader told "アーカイブ" in help and docs finds it on a phone.
    button("bar", "アーカイブ", "archive", "アーカイブ", Action::Kind::ToggleArchive)->expanded = expanded(open.archive);
    noted("アーカイブ");
    if (actions_button && !fold_actions) {
      ImGui::SameLine();
      button("bar", (actions_label + "###actions").c_str(), "actions", "対策", Action::Kind::ToggleActions)->expanded =
          expanded(open.actions);
      noted("対策");
    }
  }
  host::Rect pill;
  if (offline) {
    ImGui::SameLine();
    draw_pill(ctx, pill_scale);
    noted("オフライン");
    pill = PaintContext::item_rect();
  }
  // Right-aligned settings; on narrow screens they fold into a "表示" menu.
  ImGui::SameLine();  // the cursor after the last item on this line, not on the next
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), width - right_group() - style.WindowPadding.x));
  auto settings = [&](const char* where) {
    button(where, "A-", "smaller", "文字を小さく", Action::Kind::SmallerText);
    if (!narrow) noted("A-");
    ImGui::SameLine();
    button(where, "A+", "larger", "文字を大きく", Action::Kind::LargerText);
    if (!narrow) noted("A+");
    ImGui::SameLine();
    button(where, theme_label, "theme", "ダークモード", Action::Kind::ToggleTheme)->pressed = expanded(ctx.dark);
    if (!narrow) noted("theme");
  };
  if (narrow) {
    button("bar", "表示", "display", "表示", Action::Kind::ToggleDisplay)->expanded = expanded(open.display);
    const bool on_button = ImGui::IsItemHovered();
    noted("表示");
    if (open.display) {
      // Below the bar, at its right edge: it never covers the bar, so 表示 (which
      // closes it again), ? and the issue's buttons stay usable.
      ImGui::SetNextWindowPos(ImVec2(width - style.WindowPadding.x, kTopBarHeight + 4), ImGuiCond_Always,
                              ImVec2(1, 0));
      begin_panel(ctx, "display", nullptr,
                  ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                      ImGuiWindowFlags_NoSavedSettings);
      ctx.semantics.open(Role::Dialog, "display", "表示", PaintContext::window_rect());
      settings("display");
      // A second row: what the bar folded in besides the settings. Each closes the menu
      // as it opens what it names (Viewer::apply).
      if (issue) {
        button("display", "読み上げ", "listen", "読み上げ", Action::Kind::ToggleListen)->pressed =
            expanded(open.listening);
      }
      if (fold_search && issue) {
        ImGui::SameLine();
        button("display", "検索", "search", "検索", Action::Kind::OpenSearch);
      }
      if (fold_actions && actions_button) {
        ImGui::SameLine();
        button("display", (actions_label + "###actions").c_str(), "actions", "対策", Action::Kind::ToggleActions)
            ->expanded = expanded(open.actions);
      }
      if (fold_help) {
        ImGui::SameLine();
        button("display", "ヘルプ", "help", "ヘルプ", Action::Kind::ToggleHelp)->expanded = expanded(open.help);
      }
      // A click anywhere else closes it, as a menu does. A press on one of its own
      // buttons has just made that button active, and ImGui calls a window with an
      // active item not hovered unless asked: without the flag, the press closed the
      // menu before its release could act (a tap on 表示's buttons did nothing).
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !on_button &&
          !ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows |
                                  ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        ctx.act(Action::Kind::CloseDisplay);
      ctx.panels.note_window("display");
      ctx.semantics.close();
      end_panel();
    }
  } else {
    settings("bar");
  }
  if (!narrow && issue) {
    ImGui::SameLine();
    button("bar", "読み上げ", "listen", "読み上げ", Action::Kind::ToggleListen)->pressed = expanded(open.listening);
    noted("読み上げ");
  }
  if (!fold_search && issue) {
    ImGui::SameLine();
    button("bar", "検索", "search", "検索", Action::Kind::OpenSearch)->expanded = expanded(open.search);
    noted("検索");
  }
  if (!fold_help) {
    ImGui::SameLine();
    button("bar", "?", "help", "ヘルプ", Action::Kind::ToggleHelp)->expanded = expanded(open.help);
    noted("?");
  }
  ImGui::PopStyleVar(2);
  ctx.semantics.close();
  if (offline) ctx.semantics.add(Role::Status, "offline", "オフライン: 保存した号を表示しています", pill);
  if (actions_button && open_actions)
    ctx.semantics.add(Role::Status, "actions.open", "未完了の対策 " + std::to_string(open_actions) + "件",
                      host::Rect{0, 0, 1, 1});
  ImGui::End();
  return narrow;
}

}  // namespace ui
