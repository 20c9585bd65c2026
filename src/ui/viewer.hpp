// The reader's screens, drawn with Dear ImGui from the core's model and page layout.
// Parsing happens in open_issue(); layout is cached per (width, font size, filter);
// draw() only draws what is visible.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/page_layout.hpp"
#include "core/search.hpp"
#include "platform/platform.hpp"

struct ImFont;

namespace ui {

// Body text size in CSS pixels at text size 1.0 (the ImGui widgets use it too).
inline constexpr float kBaseFontSize = 17.0f;

// What the viewer needs from its host, injected (main.cpp wires the platform in).
struct ViewerHost {
  std::function<void(std::string_view kind, std::string_view payload, bool push)> notify;
  std::function<std::string(std::string_view key)> load_setting;
  std::function<void(std::string_view key, std::string_view value)> save_setting;
  std::function<bool()> prefers_dark;
  std::function<void(bool hand)> set_hand_cursor;
};

enum class ThemeSetting { System, Light, Dark };

class Viewer {
 public:
  explicit Viewer(ViewerHost host);

  void set_font(ImFont* font) { font_ = font; }
  // The bold weight arrives after the first text; titles and headings move to it.
  void set_bold_font(ImFont* font);
  bool has_bold_font() const { return bold_font_ != nullptr; }
  // Loads an issue and shows `article` (or where the reader left off). On failure the
  // current issue stays and error() says why.
  bool open_issue(std::string_view json, std::string_view article = {});
  bool set_index(std::string_view json);
  void go_to_article(std::string_view id);
  void set_error(std::string message) { error_ = std::move(message); }

  // Scrolling belongs to the host page (a native scroll container under the text
  // layer, so find, touch inertia and scrollbars are the browser's): it reports the
  // position here and the viewer asks it to move through ViewerHost::notify("scroll").
  void set_scroll(float y);
  void scroll_by(float dy);
  bool key(const platform::KeyEvent& event);
  // The text layer HTML for the current layout (see core/text_layer.hpp).
  std::string text_layer_html() const;

  // Search. The host's hidden text input (which receives IME composition) reports
  // what the reader typed: `committed` is searched; `composing` (shown underlined at
  // byte `at` of committed) is not, until the IME commits it.
  void open_search();
  void close_search();
  void set_search_text(std::string committed, std::string composing, size_t at);
  void step_search(int direction);  // Enter / Shift+Enter
  // A key in the search box: 1 Enter, -1 Shift+Enter, 2 ArrowDown, -2 ArrowUp.
  void search_key(int key);
  void set_search_scope(bool archive);
  bool search_open() const { return search_.open; }
  // Issues for the archive scope, parsed once each.
  void add_archive_issue(std::string_view json);
  void archive_complete() {
    archive_complete_ = true;
    archive_dirty_ = true;
  }

  void draw(float width, float height, double time);

  std::string state_json(long frames_drawn) const;
  // The visible links as a JSON array of {x, y, width, height, action, target}.
  std::string links_json() const;
  const std::string& error() const { return error_; }
  const digest::Issue* issue() const { return has_issue_ ? &issue_ : nullptr; }
  bool dark() const;
  // Remembers where the reader is in this issue: called when another issue opens and,
  // by the host, when the page is hidden or left (no frame runs after scrolling stops).
  void save_resume();
  void color_scheme_changed() { style_dirty_ = true; }
  bool style_dirty() const { return style_dirty_; }
  void style_applied() { style_dirty_ = false; }

 private:
  struct Hotspot {
    float x0, y0, x1, y1;
    int32_t link;
  };

  struct PageHit {
    uint32_t begin, end;  // bytes in page_.text
    size_t line;          // first line showing it
  };

  struct ArchiveResult {
    std::string issue_id, date, article_id, title, excerpt;
  };

  struct SearchState {
    bool open = false;
    bool archive = false;  // scope: this issue or every issue in the index
    std::string committed, composing;
    size_t composing_at = 0;
    std::string folded;  // the query as matched
    std::vector<PageHit> hits;
    int current = -1;
    unsigned hits_generation = 0;  // layout the hits were found in
    std::vector<ArchiveResult> results;
    int selected_result = 0;
    bool scroll_to_selected = false;
    float box_x = 0, box_y = 0, box_w = 0, box_h = 0;  // told to the host for its input
  };

  void ensure_layout(float width);
  void clamp_scroll();
  void scroll_to(float y, bool smooth);
  void move_article(int step);
  void move_issue(int step);
  void set_font_scale(float scale);
  void set_theme(ThemeSetting theme);
  void toggle_category(const std::string& id);
  void filter_changed();
  std::string place() const;
  void restore_resume();
  void track_current_article();
  int current_article() const;

  void draw_top_bar(float width);
  void draw_contents_list(float width, bool in_popup);
  void draw_page(float x, float y, float width, float height);
  void draw_overlays(float width, float height);
  void draw_search_bar(float x, float y, float width);
  void note_overlay(const char* name);
  ImFont* font_for(const digest::PageLine& line) const;
  void report_overlays();
  void find_page_hits();
  void search_archive();
  void open_result(size_t index);

  ViewerHost host_;
  ImFont* font_ = nullptr;
  ImFont* bold_font_ = nullptr;
  digest::Issue issue_;
  bool has_issue_ = false;
  std::vector<size_t> order_;
  digest::ArchiveIndex index_;
  std::string error_;

  // Settings (persisted).
  ThemeSetting theme_ = ThemeSetting::System;
  float font_scale_ = 1.0f;
  bool style_dirty_ = true;

  // Page layout cache and scrolling.
  digest::PageLayout page_;
  digest::PageFilter filter_;
  float layout_width_ = -1, layout_font_size_ = -1;
  bool layout_dirty_ = true;
  float scroll_y_ = 0;
  float view_height_ = 0;
  double last_time_ = 0;
  bool resume_pending_ = false;
  std::string pending_article_;
  int reported_article_ = -2;
  // After j/k or a contents click the page glides to an article: the articles it
  // passes on the way are not reported (the address would flicker through them).
  int gliding_to_ = -1;
  double glide_started_ = 0;
  float content_left_ = -1, content_top_ = -1;  // last geometry told to the host
  unsigned layout_generation_ = 0, layout_notified_ = 0;

  // Per-frame results.
  std::vector<Hotspot> hotspots_;
  float page_x_ = 0, page_y_ = 0;
  bool contents_open_ = false, help_open_ = false, archive_open_ = false;
  SearchState search_;
  std::vector<std::array<float, 4>> overlays_;  // panels over the page this frame
  std::string reported_overlays_ = "[]";
  // Every panel drawn this frame (overlays and the contents sidebar), for state().
  struct Panel {
    std::string name;
    float x, y, w, h;
  };
  std::vector<Panel> panels_;
  // Contents list titles, wrapped once per (width, font size, layout).
  struct ContentsEntry {
    std::string title;
    std::vector<digest::LineSpan> lines;
  };
  std::vector<ContentsEntry> contents_;
  float contents_width_ = -1, contents_size_ = -1;
  unsigned contents_generation_ = 0;
  std::vector<digest::ArchiveIssue> archive_;  // for the archive scope of search
  bool archive_complete_ = false, archive_requested_ = false, archive_dirty_ = false;
};

}  // namespace ui
