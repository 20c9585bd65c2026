// The reader's state and what it does; drawing is in the painters (paint_*.cpp).
//
// [SECTION] Loading and settings
// [SECTION] The page: outline, layout, what the host is told
// [SECTION] A frame
// (Keys and actions: viewer_actions.cpp; search: viewer_search.cpp; what the host asks
// and is told: viewer_host.cpp.)

#include "ui/viewer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <set>

#include "core/shared_constants.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "ui/fonts.hpp"
#include "ui/frame_clock.hpp"
#include "ui/theme.hpp"

namespace ui {

using digest::shared::kMaxFontScale;
using digest::shared::kMinFontScale;

const char* theme_name(ThemeSetting theme) {
  return theme == ThemeSetting::Light ? "light" : theme == ThemeSetting::Dark ? "dark" : "system";
}

//-----------------------------------------------------------------------------
// [SECTION] Loading and settings
//-----------------------------------------------------------------------------

Viewer::Viewer(ViewerHost host)
    : host_(std::move(host)), position_([this](const host::Json& event) { notify(event); }) {
  if (host_.load_setting) {
    const std::string theme = host_.load_setting(std::string(digest::shared::kSettingTheme));
    theme_ = theme == "light" ? ThemeSetting::Light : theme == "dark" ? ThemeSetting::Dark : ThemeSetting::System;
    const std::string scale = host_.load_setting(std::string(digest::shared::kSettingFontScale));
    if (!scale.empty()) {
      const float value = std::strtof(scale.c_str(), nullptr);
      if (value >= kMinFontScale && value <= kMaxFontScale) font_scale_ = value;
    }
  }
}

void Viewer::notify(const host::Json& event) const {
  if (host_.notify) host_.notify(event);
}

bool Viewer::open_issue(std::string_view json, std::string_view article) {
  digest::IssueLoadResult result = digest::load_issue(json);
  if (!result.ok()) {
    for (const auto& p : result.problems) {
      if (p.severity != digest::Severity::Error) continue;
      error_ = "この号を読み込めませんでした: " + p.to_string();
      break;
    }
    return false;
  }
  if (has_issue_) save_resume();
  issue_ = std::move(result.issue);
  has_issue_ = true;
  error_.clear();
  filter_.categories.clear();
  contents_open_ = archive_open_ = actions_open_ = false;
  checklists_.show_issue(issue_, to_host());
  filter_changed();  // a new page: the outline, a layout, and its top
  notify(checklists_.ticks_event());
  if (article.empty())
    resume_pending_ = true;
  else
    position_.request(std::string(article));
  // Near the oldest issue listed: the year file before it, so `p` goes on.
  for (size_t i = 0; i < index_.issues.size(); ++i) {
    if (index_.issues[i].id != issue_.id || i + 3 < index_.issues.size()) continue;
    for (size_t y = 0; y < index_.years.size(); ++y) {
      if (index_.years[y].year <= issue_.date.substr(0, 4) &&
          !archive_list_.year_loaded_already(index_.years[y].year)) {
        archive_list_.want_year(index_, y);
        break;
      }
    }
  }
  return true;
}

bool Viewer::set_index(std::string_view json, std::string& error) {
  ++index_revision_;  // kept or dropped, the index changes
  digest::IndexLoadResult result = digest::load_index(json);
  if (!result.ok()) {
    index_ = digest::ArchiveIndex();
    error = "アーカイブの目録(index.json)を読めません";
    for (const auto& p : result.problems) {
      if (p.severity != digest::Severity::Error) continue;
      error += ": " + p.to_string();
      break;
    }
    return false;
  }
  index_ = std::move(result.index);
  archive_list_ = ArchiveBrowser();
  pump_follows();
  return true;
}

bool Viewer::set_reading(std::string_view json) {
  if (!reading_.load(json)) return false;
  redraw_ = true;
  return true;
}

bool Viewer::set_checklists(std::string_view json) {
  if (!checklists_.load(json)) return false;
  if (has_issue_) {
    std::vector<std::string> before;
    for (const auto& item : checklists_.items()) before.push_back(item.key);
    checklists_.show_issue(issue_, to_host());
    std::vector<std::string> after;
    for (const auto& item : checklists_.items()) after.push_back(item.key);
    // Other headings (config.json) make other items; ticks alone are only drawn.
    if (after != before) checklists_changed();
    notify(checklists_.ticks_event());
  }
  redraw_ = true;
  return true;
}

bool Viewer::set_check(std::string_view issue, std::string_view article, std::string_view key, bool on) {
  if (!checklists_.set(issue, article, key, on, to_host())) return false;
  redraw_ = true;
  return true;
}

const std::vector<digest::ActionList>& Viewer::open_actions() const {
  const auto made_of = std::make_tuple(checklists_.revision(), reading_.read_count(), offline_revision_, index_revision_);
  if (made_of == open_actions_.made_of) return open_actions_.lists;
  std::set<std::string, std::less<>> saved;  // issue ids
  for (const auto& entry : index_.issues)
    if (offline_.saved.count(entry.path)) saved.insert(entry.id);
  open_actions_.lists =
      checklists_.open_lists(reading_, [&](const std::string& issue) { return saved.count(issue) > 0; });
  open_actions_.made_of = made_of;
  return open_actions_.lists;
}

void Viewer::checklists_changed() {
  outline_ = digest::make_outline(issue_, filter_, checklists_.enabled() ? &checklists_.items() : nullptr);
  layout_dirty_ = true;
}

void Viewer::reading_tick(double now) {
  if (!has_issue_) return;
  const size_t before = reading_.read_count();
  reading_.track(issue_, page_, position_.current_article(), position_.scroll_y(), position_.view_height(), now,
                 to_host());
  if (reading_.read_count() != before) redraw_ = true;  // the contents marks it
}

bool Viewer::add_index_year(std::string_view path, std::string_view json, std::string& error) {
  auto year = std::find_if(index_.years.begin(), index_.years.end(), [&](const auto& y) { return y.path == path; });
  if (year == index_.years.end()) {
    error = std::string(path) + ": not a year file of the archive index";
    return false;
  }
  digest::IndexLoadResult result = digest::load_index(json);
  if (!result.ok()) {
    error = std::string(path) + ": " + (result.problems.empty() ? "not an index" : result.problems[0].to_string());
    archive_list_.year_failed(year->year, "一覧のファイルが壊れています");
    redraw_ = true;
    return false;
  }
  digest::add_index_entries(index_, std::move(result.index.issues));
  ++index_revision_;
  archive_list_.year_loaded(year->year);
  redraw_ = true;
  return true;
}

void Viewer::index_year_failed(std::string_view path, std::string why) {
  auto year = std::find_if(index_.years.begin(), index_.years.end(), [&](const auto& y) { return y.path == path; });
  if (year == index_.years.end()) return;
  archive_list_.year_failed(year->year, std::move(why));
  redraw_ = true;
}

const digest::IndexEntry* Viewer::resolve_issue(std::string_view wanted, std::string& error) const {
  if (index_.issues.empty()) {
    error = "アーカイブの目録に号がありません";
    return nullptr;
  }
  if (wanted.empty() || wanted == "latest") return &index_.issues.front();
  for (const auto& entry : index_.issues)
    if (entry.id == wanted) return &entry;
  error = "「" + std::string(wanted) + "」の号はアーカイブにありません";
  return nullptr;
}

const digest::IndexEntry* Viewer::nearest_issue(std::string_view wanted) const {
  // The newest issue of that day or before; before the oldest, the oldest.
  const bool dated = wanted.size() == 10 && wanted[4] == '-' && wanted[7] == '-';
  if (!dated || index_.issues.empty()) return nullptr;
  for (const auto& entry : index_.issues)
    if (entry.date <= wanted) return &entry;
  return &index_.issues.back();
}

void Viewer::go_to_article(std::string_view id) {
  if (has_issue_) position_.request(std::string(id));
}

bool Viewer::dark() const {
  if (theme_ == ThemeSetting::System) return host_.prefers_dark && host_.prefers_dark();
  return theme_ == ThemeSetting::Dark;
}

void Viewer::set_theme(ThemeSetting theme, bool remember) {
  theme_ = theme;
  style_dirty_ = true;
  redraw_ = true;
  if (remember && host_.save_setting) host_.save_setting(std::string(digest::shared::kSettingTheme), theme_name(theme));
}

void Viewer::set_font_scale(float scale, bool remember) {
  scale = std::clamp(scale, kMinFontScale, kMaxFontScale);
  if (scale == font_scale_) return;
  font_scale_ = scale;
  char text[16];
  std::snprintf(text, sizeof text, "%g", std::round(scale * 100.0f) / 100.0f);
  if (remember && host_.save_setting) host_.save_setting(std::string(digest::shared::kSettingFontScale), text);
  layout_dirty_ = true;  // ensure_layout keeps the reader's place
  redraw_ = true;
}

void Viewer::set_embed(EmbedOptions options) {
  const bool checklists = options.checklists != checklists_.enabled();
  embed_ = options;
  checklists_.set_enabled(options.checklists);
  follows_.set_enabled(!options.embedded);
  if (!options.checklists) actions_open_ = false;
  if (checklists && has_issue_) {
    checklists_.show_issue(issue_, to_host());
    checklists_changed();
    notify(checklists_.ticks_event());
  }
  style_dirty_ = true;
  redraw_ = true;
}

Palette Viewer::current_palette() const {
  Palette pal = palette(dark());
  if (embed_.accent) pal.accent = readable_on(*embed_.accent, pal.background, pal.text);
  return pal;
}

void Viewer::set_bold_font(ImFont* font) {
  bold_font_ = font;
  layout_dirty_ = true;
}

// Resume position per issue: a ReadingPosition::place(), robust to width and text size.
std::string Viewer::resume_key() const {
  return std::string(digest::shared::kSettingResumePrefix) + issue_.id;
}

void Viewer::save_resume() {
  // At the very top there is nothing to resume: the issue opens there anyway (and a
  // cold start may paint its published first screen, docs/prepaint.md).
  if (!has_issue_ || !host_.save_setting) return;
  host_.save_setting(resume_key(), position_.scroll_y() <= 0 ? std::string() : position_.place());
}

void Viewer::restore_resume() {
  if (!host_.load_setting) return;
  std::string saved = host_.load_setting(resume_key());
  if (!saved.empty()) position_.request(std::move(saved));
}

//-----------------------------------------------------------------------------
// [SECTION] The page: outline, layout, what the host is told
//-----------------------------------------------------------------------------

void Viewer::toggle_category(const std::string& id) {
  auto& chosen = filter_.categories;
  auto it = std::find(chosen.begin(), chosen.end(), id);
  if (it == chosen.end())
    chosen.push_back(id);
  else
    chosen.erase(it);
  filter_changed();
}

// A different set of articles: a new outline and page, read from its top.
void Viewer::filter_changed() {
  stop_listening();
  outline_ = digest::make_outline(issue_, filter_, checklists_.enabled() ? &checklists_.items() : nullptr);
  page_ = digest::PageLayout();  // nothing refers to the old page's articles meanwhile
  position_.attach(&page_, &issue_);
  layout_dirty_ = true;
  new_page_ = true;
  position_.to_top();
}

// The page is laid out in parts (digest::PageLayoutJob), at most kLayoutSliceSeconds a
// frame past what must be seen now:
//  - a new page opened at its top is laid out in place: its first screens in the first
//    frame, the rest in the frames after (a big issue's first text does not wait for
//    its last article);
//  - a page opened at a place (a link, the reader's last place) is laid out whole
//    first, as is an unfinished new page when a jump is asked for;
//  - any other layout (the bold weight or a slice came, a new width or text size) is
//    made beside the page on the screen, which stays until the new one is complete.
void Viewer::ensure_layout(const digest::PageStyle& style) {
  const float width = style.width, size = style.font_size;
  const bool changed = layout_dirty_ || width != layout_width_ || size != layout_font_size_;
  if (!changed && !layout_job_) return;
  UnitMeasure regular(font_);
  std::optional<UnitMeasure> bold;
  if (bold_font_) bold.emplace(bold_font_);
  const double started = frame_clock_seconds(), glyphs_before = glyph_seconds();
  const bool whole = position_.has_pending();
  if (changed) {
    layout_in_place_ = new_page_ || page_.lines.empty();
    if (layout_in_place_) next_page_ = digest::PageLayout();  // a relayout of the page before
    layout_job_ = std::make_unique<digest::PageLayoutJob>(outline_, style, layout_in_place_ ? page_ : next_page_);
    if (layout_in_place_) position_.attach(&page_, &issue_);
    layout_width_ = width;
    layout_font_size_ = size;
    layout_dirty_ = false;
    new_page_ = false;
  }
  // What must be laid out now: all of it for a jump, what the reader sees of a page
  // laid out in place; past that, as this frame's slice allows.
  float until = 0;
  if (whole)
    until = std::numeric_limits<float>::infinity();
  else if (layout_in_place_)
    until = position_.scroll_y() + 2 * position_.view_height();
  const double slice_end = frame_clock_seconds() + kLayoutSliceSeconds;
  const bool done =
      layout_job_->run(regular, bold ? &*bold : nullptr, until, [&] { return frame_clock_seconds() < slice_end; });
  layout_seconds_ += frame_clock_seconds() - started - (glyph_seconds() - glyphs_before);
  if (done) layout_job_.reset();
  if (!layout_in_place_ && done) {
    // Anything but a new page keeps the reader's place across the relayout.
    std::string keep = position_.has_pending() ? std::string() : position_.place();
    page_ = std::move(next_page_);
    next_page_ = digest::PageLayout();
    position_.attach(&page_, &issue_);
    listening_.page_changed(page_);
    if (!keep.empty()) position_.request(std::move(keep));
  }
  // The page's users (search, the text layer, the host's scroll height) take a new
  // page when it starts and when it is complete, not at every part.
  if ((layout_in_place_ && changed) || done) ++layout_generation_;
  if (layout_job_) redraw_ = true;  // the next part in the next frame
}

bool Viewer::prepare_glyphs(int max_lines) {
  if (!has_issue_ || !font_ || layout_width_ <= 0) return false;
  // A new layout or new fonts (or a page not laid out yet): start again.
  if (prepared_generation_ != layout_generation_ || prepared_lines_.size() != page_.lines.size()) {
    prepared_lines_.assign(page_.lines.size(), false);
    prepared_generation_ = layout_generation_;
  }
  const float top = position_.scroll_y(), view = position_.view_height();
  const std::pair<float, float> spans[] = {{top, top + 4 * view}, {top - view, top}};
  for (const auto& [from, to] : spans) {
    const auto [first, last] = page_.visible_lines(from, to);
    for (size_t i = first; i < last; ++i) {
      if (prepared_lines_[i]) continue;
      if (max_lines-- <= 0) return true;
      prepared_lines_[i] = true;
      const digest::PageLine& line = page_.lines[i];
      ImFont* font = line.bold && bold_font_ ? bold_font_ : font_;
      ImFontBaked* baked = font->GetFontBaked(line.size);  // as the painter's AddText does
      for (uint32_t k = 0; k < line.span_count; ++k) {
        const digest::PageSpan& span = page_.spans[line.first_span + k];
        const std::string_view text = std::string_view(page_.text).substr(span.begin, span.end - span.begin);
        for (size_t at = 0; at < text.size();) {
          const char32_t c = digest::utf8_next(text, at);
          // A character whose slice is not here is the frame's to ask for.
          if (c < 0x20 || awaits_slice(font, c)) continue;
          if (!baked->IsGlyphLoaded(static_cast<ImWchar>(c))) baked->FindGlyph(static_cast<ImWchar>(c));
        }
      }
    }
  }
  return false;
}

void Viewer::report_layout(float left, float top) {
  if (content_left_ == left && content_top_ == top && layout_reported_ == layout_generation_) return;
  content_left_ = left;
  content_top_ = top;
  layout_reported_ = layout_generation_;
  notify(host::layout_event(left, top, page_.height));
}

void Viewer::report_theme() {
  const int now_dark = dark() ? 1 : 0;
  if (now_dark == reported_dark_) return;
  reported_dark_ = now_dark;
  notify(host::theme_event(now_dark != 0));
}

// Panels over the page: the host stops the text layer from taking the pointer there,
// so clicks, drags and the wheel reach the panel and not the text beneath.
void Viewer::report_overlays() {
  const host::Json event = host::overlays_event(panels_.over_page);
  std::string text = host::to_text(event);
  if (text == reported_overlays_) return;
  reported_overlays_ = std::move(text);
  notify(event);
}

void Viewer::report_semantics() {
  if (semantics_reported_ && semantics_ == reported_semantics_) return;
  semantics_reported_ = true;
  reported_semantics_ = semantics_;
  notify(host::semantics_event(semantics_.to_json()));
}

host::Json Viewer::activate(std::string_view key) {
  const SemanticNode* node = semantics_.find(key);
  if (!node) return {{"ok", false}, {"error", "「" + std::string(key) + "」は画面にありません"}};
  if (!node->action || node->disabled)
    return {{"ok", false}, {"error", "「" + node->name + "」は今は使えません"}};
  const Action action = *node->action;  // apply() may draw nothing, but keep it safe
  apply(action);
  return {{"ok", true}};
}

void Viewer::scroll_by(float dy) {
  position_.scroll_to(position_.scroll_y() + dy, host::ScrollBehavior::Instant);
}

const digest::IndexEntry* Viewer::neighbour_issue(int step) const {
  // The index is newest first: newer (+1) is towards its start.
  for (size_t i = 0; has_issue_ && i < index_.issues.size(); ++i) {
    if (index_.issues[i].id != issue_.id) continue;
    const long target = static_cast<long>(i) - step;
    if (target >= 0 && target < static_cast<long>(index_.issues.size()))
      return &index_.issues[static_cast<size_t>(target)];
    return nullptr;
  }
  return nullptr;
}

void Viewer::move_issue(int step) {
  if (const digest::IndexEntry* entry = neighbour_issue(step)) notify(host::open_issue_event(entry->id, ""));
}

//-----------------------------------------------------------------------------
// [SECTION] A frame
//-----------------------------------------------------------------------------

void Viewer::draw(float width, float height, double time) {
  now_ = time;
  panels_.clear();
  semantics_.clear();
  hotspots_.clear();
  report_theme();
  const digest::ViewGeometry view = digest::view_geometry(width, height, font_scale_, embed_.embedded, has_issue_);
  const float sidebar = view.sidebar ? view.content_x : 0;
  if (embed_.embedded) narrow_ = false;  // no bar, no 表示 menu
  if (!narrow_) display_open_ = false;  // the last frame's bar had no 表示 menu
  if (view.sidebar) contents_open_ = false;  // the column is there: no panel
  // The search bar and an error banner push the page down rather than cover its top
  // (their height from the last frame: ImGui sizes them as it draws them).
  if (!search_.is_open() && (error_.empty() || !has_issue_)) page_inset_ = 0;
  const float content_x = view.content_x, content_y = view.content_y + page_inset_;
  const float content_w = view.content_width, content_h = view.content_height - page_inset_;
  position_.set_view_height(content_h);

  if (has_issue_) {
    // The reader's last place is asked for before the layout: a page opened at a place
    // is laid out whole first (ensure_layout).
    if (resume_pending_) {
      resume_pending_ = false;
      restore_resume();
    }
    ensure_layout(view.style);
    report_layout(content_x, content_y);
    position_.apply_pending();
    position_.clamp();
    position_.track(now_);
    if (search_.is_open() && !search_.hits_current(layout_generation_)) {
      search_.find_hits(page_, layout_generation_, position_.scroll_y());
      if (search_.take_reveal_hit()) reveal_current_hit();
    }
  }

  const Palette pal = current_palette();
  ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(width, height), pal.background);
  std::vector<Action> actions;
  // The open items are listed by the 対策 panel and counted on its button.
  static const std::vector<digest::ActionList> kNone;
  const std::vector<digest::ActionList>& open_lists = checklists_.enabled() && !embed_.embedded ? open_actions() : kNone;
  const PaintContext ctx{has_issue_ ? &issue_ : nullptr,
                         index_,
                         outline_,
                         filter_,
                         page_,
                         offline_,
                         pal,
                         dark(),
                         font_,
                         bold_font_,
                         glimpse_font(),
                         has_issue_ ? position_.current_article() : -1,
                         layout_generation_,
                         reading_,
                         checklists_,
                         open_lists,
                         follows_,
                         panels_,
                         actions,
                         semantics_,
                         listening_.current()};
  if (has_issue_) {
    PagePaintResult result;
    paint_page(ctx, search_, content_x, content_y, content_w, content_h, position_.scroll_y(), result);
    hotspots_ = std::move(result.hotspots);
    if (host_.set_hand_cursor) host_.set_hand_cursor(result.pointer_on_link);
  }
  if (!embed_.embedded) {
    OpenPanels open;
    open.contents = contents_open_;
    open.archive = archive_open_;
    open.help = help_open_;
    open.display = display_open_;
    open.search = search_.is_open();
    open.actions = actions_open_;
    open.listening = listening_.active();
    narrow_ = paint_top_bar(ctx, width, open);
  }
  if (view.sidebar) {
    ImGui::SetNextWindowPos(ImVec2(0, kTopBarHeight));
    ImGui::SetNextWindowSize(ImVec2(sidebar, view.content_height));
    ImGui::Begin("contents", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const host::Rect column{0, kTopBarHeight, sidebar, view.content_height};
    semantics_.open(Role::Navigation, "contents", "目次", column);
    contents_.paint(ctx, sidebar);
    semantics_.close();
    panels_.note("contents", column, false);
    ImGui::End();
    ImGui::GetBackgroundDrawList()->AddLine(ImVec2(sidebar, kTopBarHeight), ImVec2(sidebar, height), pal.rule);
  }
  float inset = 0;  // what the search bar and the error banner take above the page
  if (search_.is_open()) {
    if (search_.take_archive_request()) notify(requests_.ask(ResourceRequests::Purpose::SearchManifest, {"manifest.json"}));
    search_.refresh_results();
    inset += paint_search_bar(ctx, search_, content_x, view.content_y, content_w, host_.notify);
    pump_search();
  }
  if (contents_open_ && has_issue_) {
    const float panel_w = std::min(width - 24, 420.0f);
    ImGui::SetNextWindowPos(ImVec2(8, kTopBarHeight + 4));
    ImGui::SetNextWindowSize(ImVec2(panel_w, height - kTopBarHeight - 16));
    begin_panel(ctx, "目次", &contents_open_,
                ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                    ImGuiWindowFlags_NoCollapse);
    semantics_.open(Role::Dialog, "contents", "目次", PaintContext::window_rect());
    describe_close_button(ctx, "contents.close", Action::Kind::CloseContents);
    contents_.paint(ctx, panel_w);
    semantics_.close();
    panels_.note_window("contents");
    end_panel();
  }
  if (archive_open_) paint_archive_panel(ctx, archive_list_, width, height, archive_open_);
  if (auto years = archive_list_.take_wanted_years(); !years.empty())
    notify(requests_.ask(ResourceRequests::Purpose::IndexYears, std::move(years)));
  if (help_open_) paint_help_panel(ctx, width, height, help_open_);
  if (actions_open_) paint_actions_panel(ctx, width, height, actions_open_);
  if (!error_.empty() && has_issue_) inset += paint_error_panel(ctx, width, view.content_y + inset, error_);
  if (inset != page_inset_) {
    page_inset_ = inset;
    redraw_ = true;
  }
  report_overlays();
  for (const Action& action : actions) apply(action);
  report_semantics();
}

}  // namespace ui
