// The painters: each draws one part of the reader with Dear ImGui from read-only
// state, and reports what the reader did as Actions for the Viewer to carry out. They
// hold no state of the reader's (only caches of their own), so the Viewer's logic is
// tested without drawing and the drawing has one place per part.
//
//   paint_top_bar.cpp   the bar: issue navigation, archive, text size, theme, 読み上げ, search, help
//   paint_contents.cpp  the contents list (sidebar or panel) with category filters
//   paint_page.cpp      the reading page: decorations, search hits, text, links
//   paint_panels.cpp    panels over the page: archive, help, error; the panels' look
//   paint_search.cpp    the search bar and the archive's results
//   paint_actions.cpp   the 対策 panel: open checklist items, exports
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/line_layout.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/spoken.hpp"
#include "core/view_geometry.hpp"
#include "platform/host_protocol.hpp"
#include "ui/action.hpp"
#include "ui/archive_browser.hpp"
#include "ui/checklists.hpp"
#include "ui/follows.hpp"
#include "ui/offline_status.hpp"
#include "ui/reading_log.hpp"
#include "ui/semantics.hpp"
#include "ui/theme.hpp"

namespace ui {

class SearchController;

inline constexpr float kTopBarHeight = digest::kTopBarHeight;
inline constexpr float kSidebarWidth = digest::kSidebarWidth;
inline constexpr float kSidebarMinWindow = digest::kSidebarMinWindow;  // narrower windows get a contents button
inline constexpr float kNarrowWindow = 640.0f;                         // the top bar folds its settings

// Panels drawn this frame: their names and rectangles (for state() and the tests), and
// which lie over the page (the host routes the pointer to the canvas there).
struct Panels {
  struct Named {
    std::string name;
    host::Rect rect;
  };
  std::vector<Named> all;
  std::vector<host::Rect> over_page;

  void clear() {
    all.clear();
    over_page.clear();
  }
  // The current ImGui window, by name.
  void note_window(const char* name, bool is_over_page = true);
  void note(const char* name, const host::Rect& rect, bool is_over_page);
};

// A link drawn on the page this frame, in canvas CSS pixels.
struct Hotspot {
  float x0, y0, x1, y1;
  int32_t link;  // index into PageLayout::links
};

// Everything a painter may read, and where it reports.
struct PaintContext {
  const digest::Issue* issue;  // null before the first issue
  const digest::ArchiveIndex& index;
  const digest::Outline& outline;  // of the issue as filtered
  const digest::PageFilter& filter;
  const digest::PageLayout& page;
  const OfflineStatus& offline;
  const Palette& palette;
  bool dark;
  ImFont* font;
  ImFont* bold_font;     // null until the bold weight arrives
  ImFont* glimpse_font;  // search results: never waits for a slice (fonts.hpp)
  int current_article;   // index into Issue::articles, or -1
  unsigned layout_generation;
  const ReadingLog& reading;
  const Checklists& checklists;
  const std::vector<digest::ActionList>& open_actions;  // of the issues read or saved
  const Follows& follows;
  Panels& panels;
  std::vector<Action>& actions;
  Semantics& semantics;  // what the reader can act on, for the page's mirror
  const digest::SpokenSentence* spoken;  // the sentence 読み上げ is saying, or null

  void act(Action::Kind kind, std::string id = {}, long index = 0) const {
    actions.push_back(Action{kind, std::move(id), index});
  }
  // The last ImGui item as a node of the description (its rectangle).
  SemanticNode& describe(Role role, std::string key, std::string name,
                         std::optional<Action> action = std::nullopt) const {
    return semantics.add(role, std::move(key), std::move(name), item_rect(), std::move(action));
  }
  static host::Rect item_rect();
  static host::Rect window_rect();
};

// Which panels are open (the viewer owns them): the bar's buttons say so (expanded).
struct OpenPanels {
  bool contents = false, archive = false, help = false, display = false, search = false, actions = false;
  bool listening = false;  // 読み上げ is on
};

// Window flags: a bar or banner that is not a window to the reader, and a panel.
inline constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
inline constexpr ImGuiWindowFlags kPanel =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse;

// Every panel over the page (contents, archive, help, 表示, search, error) in one
// look: its own background, an edge and a shadow that set it off the page, rounded
// corners, the theme's title bar, buttons and rows that show on it. Use instead of
// ImGui::Begin/End; `background` 0: the palette's surface.
void begin_panel(const PaintContext& ctx, const char* name, bool* open, ImGuiWindowFlags flags, ImU32 background = 0);
void end_panel();

// `text` cut to `room` px at a character boundary, ending in 「…」 when cut (rows whose
// whole text is in the issue or the description).
std::string fit_text(const std::string& text, float room);

// A panel's close button (its title bar's ×) in the description: it runs `closes`.
void describe_close_button(const PaintContext& ctx, std::string key, Action::Kind closes);

// Text wrapped to the room left in the window by the core line breaker (kinsoku,
// phrases), with the panel's line spacing; `muted` in the disabled text colour.
void wrapped_text(std::string_view text, bool muted);

// A size in bytes in the unit a reader expects: "512 KB", "3.4 MB", "10 GB".
std::string human_size(double bytes);

// A date of the index ("2016-12-31") as a reader says it: 「2016年12月31日」.
std::string spoken_date(std::string_view date);

// Advances of a 1-pixel font, read at a size where ImGui loads advances without
// rasterising glyphs (>= 128 px); the page layout scales them.
class UnitMeasure final : public digest::TextMeasure {
 public:
  explicit UnitMeasure(ImFont* font) : baked_(font->GetFontBaked(kReference)) {}
  float advance(char32_t cp) const override { return baked_->GetCharAdvance(static_cast<ImWchar>(cp)) / kReference; }

 private:
  static constexpr float kReference = 256.0f;
  ImFontBaked* baked_;
};

// `open.display`: the 表示 menu of a narrow window is open (the viewer owns it, so Esc
// closes it as it closes a panel).
// True when the bar folded its settings into the 表示 menu (a phone, or a window just
// wider than one that cannot hold the wide bar).
bool paint_top_bar(const PaintContext& ctx, float width, const OpenPanels& open);

// The contents list, with titles wrapped by the core line breaker once per width,
// size and layout.
class ContentsList {
 public:
  // Choosing an entry closes the panel of a narrow window (the Viewer does).
  void paint(const PaintContext& ctx, float width);
  // The page's arrows went past the entries drawn: the list scrolls to the entry `rows`
  // beyond the last one drawn (before the first, when negative).
  void scroll_by(int rows) { step_ += rows; }

 private:
  struct Entry {
    std::string title;
    std::vector<digest::LineSpan> lines;
  };
  std::vector<Entry> entries_;
  float width_ = -1, size_ = -1;
  unsigned generation_ = 0;
  int step_ = 0;
  long first_shown_ = 0, last_shown_ = 0;  // entries drawn (and described), last frame
};

// Draws the visible part of the page; records its links as hotspots and whether the
// pointer is over one.
struct PagePaintResult {
  std::vector<Hotspot> hotspots;
  bool pointer_on_link = false;
};
void paint_page(const PaintContext& ctx, const SearchController& search, float x, float y, float width, float height,
                float scroll_y, PagePaintResult& out);

// The search bar over the top of the page (x, y, width: the page area). When its box
// moves, it tells the host (searchOpen) so the host's input, and the IME window
// with it, lie over the drawn box.
// Answers the height of the box and its controls from `y` (the page makes that much
// room: the bar never covers the issue's title; the archive's results hang below it).
float paint_search_bar(const PaintContext& ctx, SearchController& search, float x, float y, float width,
                       const std::function<void(const host::Json&)>& notify);
void paint_archive_panel(const PaintContext& ctx, ArchiveBrowser& list, float width, float height, bool& open);
void paint_help_panel(const PaintContext& ctx, float width, float height, bool& open);
// The 対策 panel: ctx.open_actions by issue and article, each item a checkbox, each
// article opening it; exports as Markdown and CSV (copy or save).
void paint_actions_panel(const PaintContext& ctx, float width, float height, bool& open);
// At `y` (below the bar, or the search bar); answers its height likewise.
float paint_error_panel(const PaintContext& ctx, float width, float y, const std::string& message);

}  // namespace ui
