// The reader: the issue on screen and the archive index, the reader's settings, the
// page layout (cached per width, text size, weight and filter), and what keys and
// clicks do. Parsing happens in open_issue(); draw() lays out when needed and hands
// read-only state to the painters (painters.hpp), then carries out the Actions they
// report. Where the reader is lives in ReadingPosition, search in SearchController.
#pragma once

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/issue.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/text_layer.hpp"
#include "core/view_geometry.hpp"
#include "platform/host_protocol.hpp"
#include "platform/platform.hpp"
#include "ui/archive_browser.hpp"
#include "ui/checklists.hpp"
#include "ui/follows.hpp"
#include "ui/listening.hpp"
#include "ui/offline_status.hpp"
#include "ui/painters.hpp"
#include "ui/reading_log.hpp"
#include "ui/reading_position.hpp"
#include "ui/resource_requests.hpp"
#include "ui/search_controller.hpp"
#include "ui/semantics.hpp"

struct ImFont;

namespace ui {

// Body text size in CSS pixels at text size 1.0 (the ImGui widgets use it too).
inline constexpr float kBaseFontSize = digest::kBaseFontSize;

// What the viewer needs from its host, injected (main.cpp wires the platform in; the
// UI tests a recorder).
struct ViewerHost {
  std::function<void(const host::Json& event)> notify;  // events of host_protocol.hpp
  std::function<std::string(std::string_view key)> load_setting;
  std::function<void(std::string_view key, std::string_view value)> save_setting;
  std::function<bool()> prefers_dark;  // the system colour scheme, as last reported
  std::function<void(bool hand)> set_hand_cursor;
};

enum class ThemeSetting { System, Light, Dark };
// "system", "light" or "dark", as settings and state() name them.
const char* theme_name(ThemeSetting theme);

// The viewer inside another site's page (?embed=1): the host page draws a compact
// header of its own, so the canvas has no top bar and no contents column. A host's
// accent colour replaces the palette's (links, marks), made readable if need be.
struct EmbedOptions {
  bool embedded = false;
  std::optional<ImU32> accent;
  bool checklists = true;  // the portal may turn action checklists off
};

class Viewer {
 public:
  explicit Viewer(ViewerHost host);

  // --- fonts, issue and index -------------------------------------------------------
  void set_font(ImFont* font) { font_ = font; }
  ImFont* font() const { return font_; }
  ImFont* bold_font() const { return bold_font_; }
  // The bold weight arrives after the first text; titles and headings move to it.
  void set_bold_font(ImFont* font);
  // A font got another slice: glyph widths may have changed, so lay out again.
  void fonts_changed() { layout_dirty_ = true; }
  // Seconds spent laying the page out (glyph making apart) since the last call: the
  // frame breakdown's "layout".
  double take_layout_seconds() { return std::exchange(layout_seconds_, 0.0); }
  // Loads an issue and shows `article` (or where the reader left off). On failure the
  // current issue stays and error() says why.
  bool open_issue(std::string_view json, std::string_view article = {});
  const digest::Issue* issue() const { return has_issue_ ? &issue_ : nullptr; }
  // The archive index: kept only when valid (else `error` says why and the old one,
  // if any, is dropped: nothing is routed through a rejected index).
  bool set_index(std::string_view json, std::string& error);
  const digest::ArchiveIndex& index() const { return index_; }
  // "latest" (or "") or an issue id -> its index entry; null with `error` otherwise.
  const digest::IndexEntry* resolve_issue(std::string_view wanted, std::string& error) const;
  // For an issue id like "2030-01-01" not in the index: the newest issue of that date or
  // before (dates compare as text), the oldest when it is older than all; null for an
  // id that is not a date.
  const digest::IndexEntry* nearest_issue(std::string_view wanted) const;
  // A big archive's year file (`path` as index.json lists it), merged into the index.
  bool add_index_year(std::string_view path, std::string_view json, std::string& error);
  // The host could not get a year file (`why` in the reader's words): its row says so.
  void index_year_failed(std::string_view path, std::string why);
  // Year files not loaded yet that may list issue `id` (fetch them, then resolve again).
  std::vector<std::string> years_for_issue(std::string_view id) const { return archive_list_.years_for_id(index_, id); }
  const ArchiveBrowser& archive_list() const { return archive_list_; }

  // --- the reading log (ui/reading_log.hpp) -----------------------------------------
  bool set_reading(std::string_view json);
  // About every second while the page is visible.
  void reading_tick(double now);
  const ReadingLog& reading() const { return reading_; }
  void go_to_article(std::string_view id);

  // --- action checklists (ui/checklists.hpp) ----------------------------------------
  bool set_checklists(std::string_view json);
  // The reader ticked or unticked an item (the text layer's checkbox); false when there
  // is no such item.
  bool set_check(std::string_view issue, std::string_view article, std::string_view key, bool on);
  const Checklists& checklists() const { return checklists_; }
  // The open items of the issues read or saved (the 対策 panel), newest first; made
  // again only when a tick, a kept list, the reading log, what is saved or the index
  // changed (the top bar counts them every frame).
  const std::vector<digest::ActionList>& open_actions() const;

  // --- followed topics (ui/follows.hpp; viewer_follows.cpp) --------------------------
  bool set_follows(std::string_view json);
  // The reader follows (on) or stops following `text`: {"ok":true,"topic":T} (T as
  // kept), or {"ok":false,"error":M} (too short or long, already followed, not
  // followed, or the 100 topics kept).
  host::Json follow(std::string_view text, bool on);
  const Follows& follows() const { return follows_; }
  void set_error(std::string message) { error_ = std::move(message); }
  const std::string& error() const { return error_; }

  // --- reading ----------------------------------------------------------------------
  // Scrolling belongs to the host page (a native scroll container under the text
  // layer): it reports the position here; the viewer asks it to move (scroll event).
  void set_scroll(float y) {
    position_.set_scroll(y);
    if (std::abs(y - listen_scroll_target_) <= 1) listen_glide_started_ = -1;  // the voice's glide arrived
  }
  void scroll_by(float dy);
  bool key(const platform::KeyEvent& event);
  // Remembers where the reader is in this issue: called when another issue opens and,
  // by the host, when the page is hidden or left.
  void save_resume();

  // --- 読み上げ (ui/listening.hpp; viewer_listening.cpp) -------------------------------
  // A reading from a kept place (part: an article id, "" the masthead, "afterword";
  // ordinal < 0: from the screen's top): {"ok","issue","issueTitle","date",
  // "sentences":[{n,text,pauseMs,part,ordinal,heading,title}],"end"}.
  host::Json listen_start(std::string_view part, long ordinal);
  // The next sentences: {"sentences":[...],"end":bool}.
  host::Json listen_more(long count);
  // Sentence n is being spoken (-1: the reading ended): {"ok","following","marks":
  // [{box,from,to}]} (where the text layer lights it).
  host::Json listen_at(long n);
  // 読み上げ位置へ戻る: the page follows the voice again.
  void listen_follow();
  const Listening& listening() const { return listening_; }

  // --- search -----------------------------------------------------------------------
  void open_search() { search_.open(); }
  void close_search();
  void set_search_text(std::string committed, std::string composing, size_t at);
  void search_key(host::SearchKey key);
  void set_search_scope(host::SearchScope scope) { search_.set_scope(scope); }

  // --- files the viewer asked for (need events) -------------------------------------
  // One path of a need event answered with its bytes, or with why there are none
  // ("offline", or the failure in words). {"ok":true} or {"ok":false,"error":M}: the
  // file was refused, or no request waits for it.
  host::Json provide(unsigned request, std::string_view path, std::string_view bytes);
  host::Json provide_failed(unsigned request, std::string_view path, std::string_view reason);
  const ResourceRequests& requests() const { return requests_; }

  // --- settings ---------------------------------------------------------------------
  bool dark() const;
  float font_scale() const { return font_scale_; }
  // For this page only, not remembered as the reader's choice: the theme and text size
  // a host or the URL asked for (0.75-2).
  void set_theme_for_page(ThemeSetting theme) { set_theme(theme, false); }
  void set_font_scale_for_page(float scale) { set_font_scale(scale, false); }
  void set_embed(EmbedOptions options);
  const EmbedOptions& embed() const { return embed_; }
  // The palette in use: the theme's, with the host's accent if embedded.
  Palette current_palette() const;
  // The system colour scheme changed (the host reports it; it is not polled).
  void color_scheme_changed() { style_dirty_ = true; }
  bool style_dirty() const { return style_dirty_; }
  void style_applied() { style_dirty_ = false; }

  // --- offline ----------------------------------------------------------------------
  // What the host's service worker can serve offline (host_protocol.hpp). Answers the
  // index's issues that open offline: [{"id","date","headline","saved"}].
  host::Json set_offline_status(std::string_view json);
  const OfflineStatus& offline() const { return offline_; }

  // --- a frame ----------------------------------------------------------------------
  void draw(float width, float height, double time);

  // --- queries for the host ---------------------------------------------------------
  host::Json state_json(long frames_drawn) const;
  // The visible links as [{x, y, width, height, action, target}].
  host::Json links_json() const;
  // The text layer of the current layout in pieces (core/text_layer.hpp): their page
  // spans [[top, bottom], ...] (computed here, kept for text_layer_piece_html), and
  // each piece's HTML ("" past the end).
  host::Json text_layer_pieces_json();
  std::string text_layer_piece_html(size_t index) const;
  // What a warm start paints before the canvas is ready (host_protocol.hpp): the text
  // layer of the screen the reader is on, with the layout it was made for.
  host::Json snapshot_json() const;
  const ReadingPosition& position() const { return position_; }
  const SearchController& search() const { return search_; }
  const Panels& panels() const { return panels_; }
  // What the last frame offered the reader to act on (ui/semantics.hpp).
  const Semantics& semantics() const { return semantics_; }
  // Runs the action of the last frame's node `key`, as a click on it would:
  // {"ok":true}, or {"ok":false,"error":M} (no such node, or it does nothing now).
  host::Json activate(std::string_view key);
  // The page's arrows went past the rows in view of list `key`: it scrolls by `rows`
  // (the archive's list and the contents; search results move their selection). False
  // for other keys.
  bool scroll_list(std::string_view key, int rows) {
    return apply(Action{Action::Kind::ScrollList, std::string(key), rows});
  }
  const digest::PageLayout& page() const { return page_; }

  // Rasterises glyphs of the text near the view that no frame has drawn yet, up to
  // `max_lines` lines a call (the view and three screens below it first, then one
  // above), so that a frame scrolled to them only draws. Draws nothing; called in idle
  // time. False when none are left.
  bool prepare_glyphs(int max_lines);

  // Carries out what the reader asked for (from a painter, a key, or a test). False
  // when it did nothing (Esc with nothing to close).
  bool apply(const Action& action);
  // Sends what the archive search waits for (files, excerpts, completion).
  void pump_search();
  // True once after anything changed that the next frame must show (an action).
  bool take_redraw() {
    const bool redraw = redraw_;
    redraw_ = false;
    return redraw;
  }

 private:
  void notify(const host::Json& event) const;
  // notify() as a function object, for the parts that report events themselves.
  std::function<void(const host::Json&)> to_host() const {
    return [this](const host::Json& e) { notify(e); };
  }
  void ensure_layout(const digest::PageStyle& style);
  void report_layout(float left, float top);
  void report_theme();
  void report_overlays();
  void report_semantics();  // a semantics event when the description changed
  void move_issue(int step);                                  // +1 newer, -1 older
  const digest::IndexEntry* neighbour_issue(int step) const;  // null at either end
  void set_font_scale(float scale, bool remember = true);
  // Up or down by `steps` of kFontScaleStep (the keys, A- and A+).
  void step_font_scale(int steps);
  void set_theme(ThemeSetting theme, bool remember = true);
  void toggle_category(const std::string& id);
  void filter_changed();
  // The outline again with the checklist as it now is (the reader's place kept).
  void checklists_changed();
  void restore_resume();
  std::string resume_key() const;  // the setting of this issue's resume position
  bool sentence_in_view(const digest::SpokenSentence& sentence, float scroll_y) const;
  void follow_sentence(const digest::SpokenSentence& sentence);
  // A new issue or filter ends a reading; the host is told.
  void stop_listening();
  void step_search(int direction);
  void open_result(size_t index);
  void reveal_current_hit();
  void search_archive_issues();  // no search index: every issue of the archive
  host::Json take_answer(unsigned request, std::string_view path, const std::string_view* bytes,
                         std::string_view reason);
  // Starts the followed topics' check once the topics and the index are in, and sends
  // what it waits for.
  void pump_follows();
  void follow_answer(ResourceRequests::Purpose purpose, std::string_view path, const std::string_view* bytes,
                     std::string_view reason);

  ViewerHost host_;
  ImFont* font_ = nullptr;
  ImFont* bold_font_ = nullptr;
  digest::Issue issue_;
  bool has_issue_ = false;
  digest::ArchiveIndex index_;
  ArchiveBrowser archive_list_;  // the archive panel's rows, and which year files are in
  ReadingLog reading_;
  Checklists checklists_;
  Follows follows_;
  std::string error_;

  // Settings (persisted).
  ThemeSetting theme_ = ThemeSetting::System;
  float font_scale_ = 1.0f;
  bool style_dirty_ = true;
  int reported_dark_ = -1;  // the theme last told to the host (-1: none yet)
  EmbedOptions embed_;

  // The page: outline (per issue and filter), layout (per width, size, weight).
  digest::PageFilter filter_;
  digest::Outline outline_;
  digest::PageLayout page_;
  // A layout in parts (ensure_layout): of page_ itself (a new page from its top), or
  // of next_page_, which replaces page_ once complete.
  std::unique_ptr<digest::PageLayoutJob> layout_job_;
  digest::PageLayout next_page_;
  bool layout_in_place_ = false;
  static constexpr double kLayoutSliceSeconds = 0.008;  // a frame's share past what must be seen
  std::vector<digest::TextLayerPiece> text_pieces_;
  float layout_width_ = -1, layout_font_size_ = -1;
  bool layout_dirty_ = true;
  bool new_page_ = true;  // a new issue or filter: start at its top, not the old place
  bool resume_pending_ = false;
  unsigned layout_generation_ = 0, layout_reported_ = 0;
  double layout_seconds_ = 0;
  std::vector<bool> prepared_lines_;  // prepare_glyphs: lines done, for this layout
  unsigned prepared_generation_ = ~0u;
  float content_left_ = -1, content_top_ = -1;  // last geometry told to the host
  double now_ = 0;

  OfflineStatus offline_;
  unsigned offline_revision_ = 0, index_revision_ = 0;  // for open_actions()
  struct OpenActions {
    std::tuple<unsigned, size_t, unsigned, unsigned> made_of{~0u, 0, 0, 0};
    std::vector<digest::ActionList> lists;
  };
  mutable OpenActions open_actions_;
  ReadingPosition position_;
  SearchController search_;
  ResourceRequests requests_;
  ContentsList contents_;
  Listening listening_;
  float listen_scroll_target_ = 0;     // where the page was last asked to glide for the voice
  double listen_glide_started_ = -1;  // when (now_), or -1

  // Per frame.
  bool contents_open_ = false, help_open_ = false, archive_open_ = false, display_open_ = false,
       actions_open_ = false;
  bool narrow_ = false;  // the last frame's bar folded its settings into 表示
  float page_inset_ = 0;  // the search bar's and error banner's room above the page
  Panels panels_;
  Semantics semantics_, reported_semantics_;
  bool semantics_reported_ = false;
  std::vector<Hotspot> hotspots_;
  std::string reported_overlays_;
  bool redraw_ = false;
};

}  // namespace ui
