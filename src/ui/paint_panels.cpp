// Panels over the page: the archive list, the keyboard help and the error banner; the
// record of where panels are, and the look every panel shares. The search bar is in
// paint_search.cpp.
//
// [SECTION] Panel record
// [SECTION] Archive, help, error

#include <algorithm>
#include <cstdio>

#include <imgui_internal.h>  // the list's scrollbar, to tell the reader's scrolling

#include "core/utf8.hpp"
#include "ui/painters.hpp"

namespace ui {

//-----------------------------------------------------------------------------
// [SECTION] Panel record
//-----------------------------------------------------------------------------

void Panels::note_window(const char* name, bool is_over_page) {
  ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  note(name, host::Rect{pos.x, pos.y, size.x, size.y}, is_over_page);
}

void Panels::note(const char* name, const host::Rect& rect, bool is_over_page) {
  all.push_back(Named{name, rect});
  if (is_over_page) over_page.push_back(rect);
}

host::Rect PaintContext::item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  return host::Rect{min.x, min.y, max.x - min.x, max.y - min.y};
}

host::Rect PaintContext::window_rect() {
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  return host::Rect{pos.x, pos.y, size.x, size.y};
}

std::string spoken_date(std::string_view date) {
  // "2016-12-31": months and days without their leading zero, as they are read.
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::string(date);
  auto number = [&](size_t at) { return std::string(date.substr(date[at] == '0' ? at + 1 : at, date[at] == '0' ? 1 : 2)); };
  return std::string(date.substr(0, 4)) + "年" + number(5) + "月" + number(8) + "日";
}

// ImGui's own wrapping sets Japanese lines a font size apart, so their glyphs touch;
// the core's breaks no word either.
void wrapped_text(std::string_view text, bool muted) {
  const float room = std::max(40.0f, ImGui::GetContentRegionAvail().x);
  const UnitMeasure unit(ImGui::GetFont());
  const digest::ScaledMeasure measure(unit, ImGui::GetFontSize());
  // Lines end between phrases (文節) where they can: a panel's short lines read as
  // headings do, and a lone character on the last line is avoided.
  digest::LineBreakOptions options;
  options.phrases = digest::PhraseBreaks::Heading;
  if (muted) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  for (const digest::LineSpan& line : digest::break_lines(text, measure, room, options)) {
    ImGui::TextUnformatted(text.data() + line.begin, text.data() + line.end);
  }
  if (muted) ImGui::PopStyleColor();
}

namespace {
// Window-level colours and sizes pushed for Begin, and the content's for the panel.
constexpr int kPanelWindowColours = 6, kPanelWindowVars = 3, kPanelContentColours = 6;
}  // namespace

void begin_panel(const PaintContext& ctx, const char* name, bool* open, ImGuiWindowFlags flags, ImU32 background) {
  const Palette& pal = ctx.palette;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, background ? background : pal.surface);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_Border, pal.quote_bar);
  ImGui::PushStyleColor(ImGuiCol_TitleBg, pal.background);
  ImGui::PushStyleColor(ImGuiCol_TitleBgActive, pal.background);
  ImGui::PushStyleColor(ImGuiCol_TitleBgCollapsed, pal.background);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowTitleAlign, ImVec2(0.0f, 0.5f));
  ImGui::Begin(name, open, flags);
  ImGui::PopStyleVar(kPanelWindowVars);
  ImGui::PopStyleColor(kPanelWindowColours);
  const ImVec2 min = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  // An opaque underlay over the page (drawn after it, before every window): the
  // anti-aliased seam between the title bar and the body is then not see-through, where
  // the page's glyphs showed as a faint band at 2x and 3x.
  ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(min.x + 1, min.y + 1), ImVec2(max.x - 1, max.y - 1),
                                                background ? background : pal.surface, 8.0f);
  // The shadow: rings outside the window, fading out (the page shows it is underneath).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  constexpr int kRings = 8;
  dl->PushClipRect(ImVec2(min.x - kRings - 1, min.y - kRings - 1), ImVec2(max.x + kRings + 1, max.y + kRings + 3),
                   false);
  for (int ring = 1; ring <= kRings; ++ring) {
    const float r = static_cast<float>(ring), fade = 1.0f - r / (kRings + 1);
    const ImU32 shadow = IM_COL32(0, 0, 0, static_cast<int>((ctx.dark ? 120.0f : 46.0f) * fade * fade));
    dl->AddRect(ImVec2(min.x - r + 0.5f, min.y - r + 2.5f), ImVec2(max.x + r - 0.5f, max.y + r + 1.5f), shadow,
                8.0f + r, 0, 1.0f);
  }
  dl->PopClipRect();
  // Buttons and rows that show on the panel's background.
  ImGui::PushStyleColor(ImGuiCol_Button, pal.rule);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, pal.quote_bar);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, pal.quote_bar);
  ImGui::PushStyleColor(ImGuiCol_Header, with_alpha(pal.accent, 0.16f));
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, with_alpha(pal.accent, 0.10f));
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, with_alpha(pal.accent, 0.22f));
}

void end_panel() {
  ImGui::PopStyleColor(kPanelContentColours);
  ImGui::End();
}

std::string fit_text(const std::string& text, float room) {
  if (ImGui::CalcTextSize(text.c_str()).x <= room) return text;
  const float ellipsis = ImGui::CalcTextSize("…").x;
  size_t cut = text.size();
  while (cut > 0 && ImGui::CalcTextSize(text.c_str(), text.c_str() + cut).x + ellipsis > room) {
    cut = digest::utf8_boundary_before(text, cut - 1);
  }
  return text.substr(0, cut) + "…";
}

// A panel's title-bar close button (ImGui's ×, at the bar's right end), as a node of the
// current window's dialog.
void describe_close_button(const PaintContext& ctx, std::string key, Action::Kind closes) {
  const host::Rect window = PaintContext::window_rect();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float size = ImGui::GetFontSize() + 2 * style.FramePadding.y;
  ctx.semantics.add(Role::Button, std::move(key), "閉じる",
                    host::Rect{window.x + window.width - style.FramePadding.x - size, window.y, size, size},
                    Action{closes, {}, 0});
}

//-----------------------------------------------------------------------------
// [SECTION] Archive, help, error
//-----------------------------------------------------------------------------

std::string human_size(double bytes) {
  // In the largest unit that keeps the number at 1 or more: 10 GB, not 10240.0 MB.
  static const char* kUnits[] = {"B", "KB", "MB", "GB", "TB"};
  size_t unit = 0;
  while (bytes >= 1024.0 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024.0;
    ++unit;
  }
  char text[32];
  if (unit == 0 || bytes >= 100)
    std::snprintf(text, sizeof text, "%.0f %s", bytes, kUnits[unit]);
  else
    std::snprintf(text, sizeof text, "%.1f %s", bytes, kUnits[unit]);
  std::string out = text;
  // "10.0 GB" reads as 10 GB.
  if (const size_t zero = out.find(".0 "); zero != std::string::npos) out.erase(zero, 2);
  return out;
}

namespace {

// Saving issues for reading offline: progress, space, and removing them again.
void paint_offline_section(const PaintContext& ctx) {
  const OfflineStatus& offline = ctx.offline;
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled("オフラインで読む");
  if (!offline.supported) {
    const char* why = "この画面ではオフライン保存が使えません(Service Worker が動いていません)";
    wrapped_text(why, true);
    ctx.describe(Role::Text, "archive.no-offline", why);
    return;
  }
  if (offline.saving) {
    const float fraction = offline.saving->total > 0
                               ? static_cast<float>(offline.saving->done) / static_cast<float>(offline.saving->total)
                               : 0.0f;
    const std::string label =
        "保存中 " + std::to_string(offline.saving->done) + " / " + std::to_string(offline.saving->total);
    ImGui::ProgressBar(fraction, ImVec2(-1, 0), label.c_str());
    ctx.describe(Role::Status, "archive.saving",
                 "オフライン用に保存中: " + std::to_string(offline.saving->total) + "号中" +
                     std::to_string(offline.saving->done) + "号");
  } else {
    if (ImGui::Button("オフライン用に保存")) ctx.act(Action::Kind::SaveIssueOffline);
    ctx.describe(Role::Button, "archive.save-issue", "この号をオフライン用に保存",
                 Action{Action::Kind::SaveIssueOffline, {}, 0});
    ImGui::SameLine();
    if (ImGui::Button("すべての号を保存")) ctx.act(Action::Kind::SaveArchiveOffline);
    ctx.describe(Role::Button, "archive.save-all", "すべての号をオフライン用に保存",
                 Action{Action::Kind::SaveArchiveOffline, {}, 0});
  }
  if (offline.usage >= 0 && offline.quota > 0) {
    const std::string space = "使用 " + human_size(offline.usage) + " ・ 空き " +
                              human_size(std::max(0.0, offline.quota - offline.usage));
    ImGui::TextDisabled("%s", space.c_str());
    ctx.describe(Role::Text, "archive.space", space);
  }
  const char* keeps = offline.persisted ? "保存した号はこの端末に残ります"
                                        : "容量が足りないとき、ブラウザが保存した号を消すことがあります";
  wrapped_text(keeps, true);
  ctx.describe(Role::Text, "archive.keeps", keeps);
  if (!offline.saved.empty() || !offline.kept.empty()) {
    if (ImGui::Button("保存した号を削除")) ctx.act(Action::Kind::RemoveSavedOffline);
    ctx.describe(Role::Button, "archive.remove-saved", "保存した号を削除",
                 Action{Action::Kind::RemoveSavedOffline, {}, 0});
  }
}

}  // namespace

// The archive by month, virtualised; year files load as their rows come into view or
// the reader jumps to the year.
void paint_archive_panel(const PaintContext& ctx, ArchiveBrowser& list, float width, float height, bool& open) {
  const float panel_w = std::min(width - 24, 480.0f);
  const float panel_h = std::min(height - kTopBarHeight - 16, 720.0f);
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, kTopBarHeight + 4), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(panel_w, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(panel_w, 0), ImVec2(panel_w, panel_h));
  begin_panel(ctx, "アーカイブ", &open, kPanel | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize);
  ctx.semantics.open(Role::Dialog, "archive", "アーカイブ", PaintContext::window_rect());
  describe_close_button(ctx, "archive.close", Action::Kind::ToggleArchive);
  const digest::ArchiveIndex& index = ctx.index;
  // Years to jump to (a big archive's), then the category filter.
  if (!index.years.empty()) ctx.semantics.open(Role::List, "archive.years", "年", PaintContext::window_rect());
  for (size_t y = 0; y < index.years.size(); ++y) {
    if (y > 0) ImGui::SameLine(0, 4);
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize("0000").x + 12) ImGui::NewLine();
    const Action jump{Action::Kind::JumpToYear, {}, static_cast<long>(y)};
    if (ImGui::SmallButton(index.years[y].year.c_str())) ctx.act(jump.kind, {}, jump.index);
    ctx.panels.note(("year " + index.years[y].year).c_str(), PaintContext::item_rect(), false);
    ctx.describe(Role::Item, "archive.year." + index.years[y].year, index.years[y].year + "年", jump);
  }
  if (!index.years.empty()) ctx.semantics.close();
  const auto& rows = list.rows(index);
  // 続きから読む: the article last left unfinished, in whatever issue.
  if (const auto& place = ctx.reading.unfinished()) {
    const std::string label = fit_text("続きから読む: " + place->title, panel_w - 40);
    if (ImGui::Button((label + "##unfinished").c_str())) ctx.act(Action::Kind::OpenUnfinished);
    ctx.describe(Role::Button, "archive.unfinished", "続きから読む: " + place->title,
                 Action{Action::Kind::OpenUnfinished, {}, 0});
  }
  if (list.categories().size() > 1) {
    // ● / ○ as in the contents' category filter.
    auto choice = [&](const std::string& label, const std::string& name, const std::string& id, bool first) {
      const std::string text = (list.category() == id ? "● " : "○ ") + label;
      const float w = ImGui::CalcTextSize(text.c_str()).x;
      if (!first) ImGui::SameLine(0, 12);
      if (!first && ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
      const Action choose{Action::Kind::ArchiveCategory, id, 0};
      if (ImGui::Selectable((text + "##" + id).c_str(), false, 0, ImVec2(w, 0))) ctx.act(choose.kind, id);
      ctx.describe(Role::Item, "archive.category." + id, name, choose).pressed =
          list.category() == id ? Flag::On : Flag::Off;
    };
    ctx.semantics.open(Role::List, "archive.categories", "カテゴリ", PaintContext::window_rect());
    choice("すべて", "すべて", "", true);
    for (const std::string& id : list.categories()) {
      const digest::Category* known = ctx.issue ? ctx.issue->find_category(id) : nullptr;
      choice(known ? known->emoji + " " + known->label : id, known ? known->label : id, id, false);
    }
    ctx.semantics.close();
  }
  const float room = panel_w - 56;
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  // As tall as the rows, up to the room the panel may take (what is above the list, and
  // the reading and offline sections below it, about 12 rows, set aside).
  const float list_room = panel_h - ImGui::GetCursorPosY() - row_h * 12;
  const float list_h = std::min(std::max(row_h * 4, list_room), row_h * static_cast<float>(rows.size()) + 8);
  ImGui::BeginChild("issues", ImVec2(0, list_h));
  ctx.semantics.open(Role::List, "archive.issues", "号の一覧", PaintContext::window_rect());
  // Only the rows in view are described (as drawn); each says where it is in the list.
  auto describe_row = [&](int r, std::string key, std::string name, std::optional<Action> action) {
    SemanticNode& node = ctx.describe(Role::Item, std::move(key), std::move(name), std::move(action));
    node.position = r + 1;
    node.set_size = static_cast<long>(rows.size());
    return &node;
  };
  if (float scroll = list.take_scroll(index, row_h); scroll >= 0) ImGui::SetScrollY(scroll);
  // Headlines of ten years: drawn at once, what no loaded slice has by the browser's
  // font (fonts.hpp, glimpse_font), so browsing the years fetches no font.
  ImGui::PushFont(ctx.glimpse_font, 0.0f);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()), row_h);
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const ArchiveBrowser::Row& row = rows[static_cast<size_t>(r)];
      ImGui::PushID(r);
      if (row.kind == ArchiveBrowser::Row::Kind::Month) {
        ImGui::TextDisabled("%s", row.label.c_str());
        describe_row(r, "archive.month." + std::to_string(r), row.label, std::nullopt);
      } else if (row.kind == ArchiveBrowser::Row::Kind::Year) {
        if (const std::string* why = list.year_failure(index.years[row.year].year)) {
          // Which year, why, and 再試行 in one row: the reason is cut to what fits.
          const char* retry = "再試行";
          const float button_w = ImGui::CalcTextSize(retry).x + ImGui::GetStyle().FramePadding.x * 2 + 8;
          // 「この年の一覧は…」 names the year in the row; other reasons follow it.
          const std::string& year = index.years[row.year].year;
          const std::string_view this_year = "この年";
          const std::string full = why->rfind(this_year, 0) == 0 ? year + "年" + why->substr(this_year.size())
                                                                  : year + "年: " + *why;
          ImGui::TextDisabled("%s", fit_text(full, room - button_w).c_str());
          ImGui::SameLine();
          const Action again{Action::Kind::RetryYear, {}, static_cast<long>(row.year)};
          if (ImGui::SmallButton(retry)) ctx.act(again.kind, {}, again.index);
          // The whole reason, and what the button does.
          describe_row(r, "archive.retry." + year, full + "。再試行", again);
        } else {
          list.want_year(index, row.year);  // in view: its issues are fetched
          ImGui::TextDisabled("%s ・ 読み込み中…", row.label.c_str());
          describe_row(r, "archive.loading." + std::to_string(r), row.label + " 読み込み中", std::nullopt);
        }
      } else {
        const digest::IndexEntry& entry = index.issues[row.entry];
        const bool current = ctx.issue && entry.id == ctx.issue->id;
        // ✓: readable offline (saved on request, or kept from reading).
        // Long headlines are cut to the panel width (the full text is in the issue).
        // 新着 since the last visit, or with a followed topic it mentions (named); an
        // issue read through is shown muted.
        const std::vector<std::string> topics = ctx.follows.new_topics(entry.id, {}, ctx.reading);
        std::string marks = Follows::new_mark(topics);
        if (marks.empty() && ctx.reading.is_new(entry.date)) marks = "新着";
        if (!marks.empty()) {
          ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.accent), "%s",
                             fit_text(marks, room * 0.45f).c_str());
          ImGui::SameLine();
        }
        const std::string label =
            fit_text((ctx.offline.available(entry.path) ? "✓ " : "") + entry.date.substr(5) + "  " + entry.headline,
                     std::min(room, ImGui::GetContentRegionAvail().x - 8));
        const bool read_through = entry.articles > 0 && ctx.reading.read_in(entry.id) >= entry.articles;
        if (read_through) ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette.muted);
        if (ImGui::Selectable(label.c_str(), current) && !current) ctx.act(Action::Kind::OpenIssue, entry.id);
        if (read_through) ImGui::PopStyleColor();
        // The full date first (rows show the day only), the whole headline, then marks.
        std::string name = spoken_date(entry.date) + " " + entry.headline;
        if (ctx.reading.is_new(entry.date) || !topics.empty()) name += "、新着";
        name += Follows::spoken_topics(topics);
        if (read_through) name += "、読了";
        if (ctx.offline.available(entry.path)) name += "、オフラインで読めます";
        // The issue on screen is where the focus lands; choosing it closes the panel.
        describe_row(r, "archive.issue." + entry.id, std::move(name),
                     current ? Action{Action::Kind::ToggleArchive, {}, 0} : Action{Action::Kind::OpenIssue, entry.id, 0})
            ->current = current;
      }
      ImGui::PopID();
    }
  }
  ImGui::PopFont();
  // The reader's own scrolling ends a year jump's hold on the list.
  const ImGuiIO& io = ImGui::GetIO();
  const bool reader_scrolled =
      (ImGui::IsWindowHovered() && io.MouseWheel != 0) ||
      ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(ImGui::GetCurrentWindow(), ImGuiAxis_Y) ||
      (ImGui::IsWindowFocused() && ImGui::IsKeyPressed(ImGuiKey_PageUp)) ||
      (ImGui::IsWindowFocused() && ImGui::IsKeyPressed(ImGuiKey_PageDown));
  list.note_scroll(ImGui::GetScrollY(), ImGui::GetWindowHeight(), row_h, reader_scrolled);
  ctx.semantics.close();
  ImGui::EndChild();
  // Rows show the day only: which months are on screen.
  if (const std::string months = list.shown_months(); !months.empty()) ImGui::TextDisabled("%s", months.c_str());
  if (ctx.reading.read_count() > 0 || ctx.reading.unfinished()) {
    ImGui::TextDisabled("読んだ記事 %zu件(この端末にだけ記録)", ctx.reading.read_count());
    ctx.describe(Role::Text, "archive.read", "読んだ記事 " + std::to_string(ctx.reading.read_count()) + "件(この端末にだけ記録)");
    ImGui::SameLine();
    if (ImGui::SmallButton("記録を消す")) ctx.act(Action::Kind::ClearReading);
    ctx.describe(Role::Button, "archive.clear-reading", "読んだ記録を消す", Action{Action::Kind::ClearReading, {}, 0});
  }
  paint_offline_section(ctx);
  ctx.panels.note_window("archive");
  ctx.semantics.close();
  end_panel();
}

namespace {

// Rows of the help panel: what to press (or do), then what it does, wrapped by the
// core's line breaker: side by side when the first column leaves the second room, else
// the description under its key, indented (a phone). Each row a text node for the mirror.
void help_rows(const PaintContext& ctx, const char* id, const char* const (*rows)[2], size_t count) {
  float column = 0;
  for (size_t i = 0; i < count; ++i) column = std::max(column, ImGui::CalcTextSize(rows[i][0]).x);
  const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetFontSize();
  const bool side_by_side = column + gap <= width * 0.4f;
  const float indent = side_by_side ? column + gap : gap;
  for (size_t i = 0; i < count; ++i) {
    const float top = ImGui::GetCursorScreenPos().y;
    ImGui::TextUnformatted(rows[i][0]);
    if (side_by_side) ImGui::SameLine(indent);
    ImGui::Indent(indent);
    wrapped_text(rows[i][1], side_by_side ? false : true);
    ImGui::Unindent(indent);
    const float bottom = ImGui::GetItemRectMax().y;
    const host::Rect window = PaintContext::window_rect();
    ctx.semantics.add(Role::Text, std::string("help.") + id + "." + std::to_string(i),
                      std::string(rows[i][0]) + ": " + rows[i][1], host::Rect{window.x, top, window.width, bottom - top});
    if (!side_by_side) ImGui::Dummy(ImVec2(0, 2));
  }
}

}  // namespace

void paint_help_panel(const PaintContext& ctx, float width, float height, bool& open) {
  static const char* const kTouch[][2] = {{"タップ", "ボタン、目次の記事、リンクを選ぶ"},
                                          {"上下にスワイプ", "ページを送る・戻す"},
                                          {"長押し", "文字を選んでコピー"},
                                          {"2本指で広げる", "拡大"},
                                          {"表示", "文字の大きさ、ダークモード、読み上げ、検索、このヘルプ"}};
  static const char* const kKeys[][2] = {{"j / k", "次の記事 / 前の記事(最後の次は編集後記)"},
                                         {"n / p", "次の号 / 前の号"},
                                         {"/", "検索"},
                                         {"+ / -", "文字を大きく / 小さく"},
                                         {"t", "ライト / ダーク切り替え"},
                                         {"c", "目次"},
                                         {"a", "アーカイブ"},
                                         {"d", "表示メニュー(狭い画面)"},
                                         {"x", "対策(読んだ号の未完了の対策)"},
                                         {"l", "読み上げ(画面の位置から。もう一度で止める)"},
                                         {"s / Shift+S", "この号 / すべての号をオフライン用に保存"},
                                         {"Space / Shift+Space", "1画面進む / 戻る"},
                                         {"Home / End", "先頭 / 末尾"},
                                         {"Tab / Shift+Tab", "ボタン・目次・本文のあいだを移動"},
                                         {"矢印", "ボタンの列や一覧の中を移動(Enter で選ぶ)"},
                                         {"?", "このヘルプ"},
                                         {"Esc", "閉じる(フォーカスは開いたボタンへ戻る)"}};
  // A phone is read by touch first: those gestures, then the keys of a keyboard.
  const bool phone = width < kNarrowWindow;
  const float panel_w = std::min(width - 24, 520.0f);
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, kTopBarHeight + (height - kTopBarHeight) * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(panel_w, 0), ImVec2(panel_w, height - kTopBarHeight - 16));
  begin_panel(ctx, "ヘルプ", &open, kPanel | ImGuiWindowFlags_AlwaysAutoResize);
  ctx.semantics.open(Role::Dialog, "help", "ヘルプ", PaintContext::window_rect());
  describe_close_button(ctx, "help.close", Action::Kind::ToggleHelp);
  if (phone) {
    ImGui::TextDisabled("タッチ");
    help_rows(ctx, "touch", kTouch, std::size(kTouch));
    ImGui::Spacing();
    ImGui::TextDisabled("キーボード");
  }
  help_rows(ctx, "keys", kKeys, std::size(kKeys));
  ctx.panels.note_window("help");
  ctx.semantics.close();
  end_panel();
}

float paint_error_panel(const PaintContext& ctx, float width, float y, const std::string& message) {
  // A failed load keeps the issue on screen and says why above it.
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, y + 8), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(std::min(width - 24, 560.0f), 0));
  begin_panel(ctx, "error", nullptr, kFixedWindow | ImGuiWindowFlags_AlwaysAutoResize, ctx.palette.error_background);
  ctx.semantics.open(Role::Dialog, "error", "エラー", PaintContext::window_rect());
  wrapped_text(message, false);
  ctx.semantics.add(Role::Status, "error.message", message, PaintContext::window_rect());
  if (ImGui::Button("再試行")) ctx.act(Action::Kind::Retry);
  ctx.describe(Role::Button, "error.retry", "再試行", Action{Action::Kind::Retry, {}, 0});
  ImGui::SameLine();
  if (ImGui::Button("閉じる")) ctx.act(Action::Kind::DismissError);
  ctx.describe(Role::Button, "error.close", "閉じる", Action{Action::Kind::DismissError, {}, 0});
  const float bottom = ImGui::GetItemRectMax().y + ImGui::GetStyle().WindowPadding.y;
  ctx.panels.note_window("error");
  ctx.semantics.close();
  end_panel();
  return bottom + 8 - y;
}

}  // namespace ui
