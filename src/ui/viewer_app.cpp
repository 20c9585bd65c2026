// The application around the Viewer (viewer_app.hpp): frames on demand, input, fonts,
// and the host's calls.
//
// [SECTION] Start, frames and input
// [SECTION] Fonts
// [SECTION] The host's calls

#include "ui/viewer_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <vector>

#include "core/json_document.hpp"
#include "ui/frame_clock.hpp"
#include "ui/theme.hpp"

namespace ui {

namespace {

// ImGui settles layout over a couple of frames after any change.
constexpr int kSettleFrames = 3;

host::Json not_ok(std::string error) {
  return host::Json{{"ok", false}, {"error", std::move(error)}};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Start, frames and input
//-----------------------------------------------------------------------------

ViewerApp::ViewerApp(AppPlatform platform) : platform_(std::move(platform)), viewer_(platform_.host) {}

ViewerApp::~ViewerApp() {
  if (context_) ImGui::DestroyContext(context_);
}

void ViewerApp::start() {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  ImGui::GetStyle().FontSizeBase = kBaseFontSize;
  failure_ = platform_.start(*this, failure_message_);
  if (can_draw()) invalidate();
}

void ViewerApp::invalidate() {
  settle_ = kSettleFrames;
  platform_.request_frame();
}

void ViewerApp::frame(const platform::Viewport& vp, double time) {
  // Nothing readable to draw before the font and an issue (or an error) are here; the
  // page shows its loading bar meanwhile.
  if (!can_draw() || !has_font_ || held_ || (!viewer_.issue() && viewer_.error().empty())) return;
  const double started = frame_clock_seconds();
  const double glyphs_before = glyph_seconds();
  if (viewer_.style_dirty()) {
    apply_imgui_style(viewer_.dark());
    ImGui::GetStyle().FontSizeBase = kBaseFontSize;
    viewer_.style_applied();
  }
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(vp.css_width, vp.css_height);
  io.DisplayFramebufferScale = ImVec2(vp.pixel_ratio, vp.pixel_ratio);
  io.DeltaTime = last_time_ > 0 && time > last_time_ ? static_cast<float>(time - last_time_) : 1.0f / 60.0f;
  last_time_ = time;
  ImGui::NewFrame();
  viewer_.draw(vp.css_width, vp.css_height, time);
  ImGui::Render();
  // A character whose slice is not loaded yet: this frame is not shown (the last one
  // stays) and the page fetches the slice; adding it asks for the next frame.
  const std::string regular = take_wanted_characters(viewer_.font());
  const std::string bold = take_wanted_characters(viewer_.bold_font());
  if (!regular.empty() || !bold.empty()) {
    platform_.host.notify(host::glyphs_event(regular, bold));
    return;
  }
  const double built = frame_clock_seconds();
  const double upload = platform_.render(ImGui::GetDrawData(), static_cast<int>(vp.css_width * vp.pixel_ratio + 0.5f),
                                         static_cast<int>(vp.css_height * vp.pixel_ratio + 0.5f));
  const double ended = frame_clock_seconds();
  ++frames_drawn_;
  // CPU time of this frame (layout, ImGui, GL command submission) and its parts, for
  // benchmarks.
  const long slot = (frames_drawn_ - 1) % kFrameHistory;
  const double layout = viewer_.take_layout_seconds(), glyphs = glyph_seconds() - glyphs_before;
  auto ms = [](double seconds) { return static_cast<float>(std::max(0.0, seconds) * 1000.0); };
  frame_ms_[slot] = ms(ended - started);
  part_ms_[kLayout][slot] = ms(layout);
  part_ms_[kGlyphs][slot] = ms(glyphs);
  part_ms_[kDrawLists][slot] = ms(built - started - layout - glyphs);
  part_ms_[kUpload][slot] = ms(upload);
  part_ms_[kSubmit][slot] = ms(ended - built - upload);
  if (viewer_.take_redraw()) settle_ = kSettleFrames;  // what the reader clicked must show
  if (--settle_ > 0) platform_.request_frame();
}

host::Json ViewerApp::frame_stats() const {
  const size_t n = static_cast<size_t>(std::min<long>(frames_drawn_, kFrameHistory));
  // The value at `percent` of the n kept in `ms` (0 with none).
  auto percentile = [n](const float* ms, size_t percent) {
    if (!n) return 0.0f;
    std::vector<float> sorted(ms, ms + n);
    std::sort(sorted.begin(), sorted.end());
    return sorted[std::min(n - 1, n * percent / 100)];
  };
  const float p95 = percentile(frame_ms_, 95);
  // Each part's median and p95 over the frames kept, and its mean over the slowest
  // frames (those at or past the p95): what the slow frames were made of.
  static const char* const kNames[kParts] = {"layout", "drawLists", "glyphs", "upload", "submit"};
  host::Json parts = host::Json::object();
  for (int part = 0; part < kParts; ++part) {
    double slow_sum = 0;
    size_t slow = 0;
    for (size_t i = 0; i < n; ++i) {
      if (frame_ms_[i] >= p95) {
        slow_sum += part_ms_[part][i];
        ++slow;
      }
    }
    parts[kNames[part]] = host::Json{{"medianMs", percentile(part_ms_[part], 50)},
                                     {"p95Ms", percentile(part_ms_[part], 95)},
                                     {"slowMeanMs", slow ? slow_sum / static_cast<double>(slow) : 0.0}};
  }
  return host::Json{{"frames", n},
                    {"medianMs", percentile(frame_ms_, 50)},
                    {"p95Ms", p95},
                    {"maxMs", percentile(frame_ms_, 100)},
                    {"parts", parts},
                    {"prepareGlyphsMs", prepare_ms_}};
}

bool ViewerApp::prepare_glyphs(double budget_ms) {
  if (held_ || frames_drawn_ == 0) return false;
  const double started = platform_.now_seconds(), end = started + budget_ms / 1000.0;
  bool more = true;
  while (more && platform_.now_seconds() < end) more = viewer_.prepare_glyphs(4);
  prepare_ms_ += (platform_.now_seconds() - started) * 1000.0;
  return more;
}

void ViewerApp::mouse_move(float x, float y) {
  ImGui::GetIO().AddMousePosEvent(x, y);
  invalidate();
}

void ViewerApp::mouse_button(platform::MouseButton button, bool down) {
  ImGui::GetIO().AddMouseButtonEvent(static_cast<int>(button), down);
  invalidate();
}

void ViewerApp::mouse_leave() {
  ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  invalidate();
}

void ViewerApp::wheel(float dx, float dy) {
  if (ImGui::GetIO().WantCaptureMouse) {
    // Over a panel (contents, archive): ImGui scrolls it, about 5 lines per unit.
    ImGui::GetIO().AddMouseWheelEvent(-dx / 100.0f, -dy / 100.0f);
  } else {
    viewer_.scroll_by(dy);
  }
  invalidate();
}

bool ViewerApp::key(const platform::KeyEvent& event) {
  const bool used = viewer_.key(event);
  if (used) invalidate();
  return used;
}

void ViewerApp::touch_drag(float, float dy) {
  ImGui::GetIO().AddMouseWheelEvent(0, dy / 50.0f);
  invalidate();
}

void ViewerApp::touch_tap(float x, float y) {
  ImGui::GetIO().AddMousePosEvent(x, y);
  invalidate();
}

void ViewerApp::focus_changed(bool focused) {
  ImGui::GetIO().AddFocusEvent(focused);
  invalidate();
}

void ViewerApp::color_scheme_changed() {
  viewer_.color_scheme_changed();
  invalidate();
}

//-----------------------------------------------------------------------------
// [SECTION] Fonts
//-----------------------------------------------------------------------------

bool ViewerApp::set_font(void* data, int size) {
  if (!can_draw()) return false;
  ImFont* font = add_reading_font(data, size, kBaseFontSize, platform_.rasterize_glyph);
  if (!font) return false;
  use_font(font);
  return true;
}

void ViewerApp::use_font(ImFont* font) {
  ImGui::GetIO().FontDefault = font;
  viewer_.set_font(font);
  has_font_ = true;
  invalidate();
}

bool ViewerApp::set_bold_font(void* data, int size) {
  if (!can_draw()) return false;
  ImFont* font = add_bold_font(data, size, kBaseFontSize);
  if (!font) return false;
  viewer_.set_bold_font(font);
  invalidate();
  return true;
}

ImFont* ViewerApp::font(int weight) const {
  return weight == 0 ? viewer_.font() : weight == 1 ? viewer_.bold_font() : nullptr;
}

bool ViewerApp::add_font_slice(int weight, void* data, int size) {
  ImFont* target = font(weight);
  if (!target) {
    std::free(data);
    return false;
  }
  if (!ui::add_font_slice(target, data, size)) return false;
  viewer_.fonts_changed();
  invalidate();
  return true;
}

void ViewerApp::set_sliced_characters(std::string_view utf8) {
  if (ui::set_sliced_characters(utf8)) changed([](Viewer& viewer) { viewer.fonts_changed(); });
}

void ViewerApp::release_sliced_characters(std::string_view utf8) {
  ui::release_sliced_characters(utf8);
  changed([](Viewer& viewer) { viewer.fonts_changed(); });
}

host::Json ViewerApp::lacking_characters() const {
  const digest::Issue* issue = viewer_.issue();
  return {{"chars", issue ? ui::lacking_characters(font(0), digest::issue_characters(*issue)) : std::string()}};
}

void ViewerApp::hold_frames(bool hold) {
  held_ = hold;
  if (!hold) invalidate();
}

//-----------------------------------------------------------------------------
// [SECTION] The host's calls
//-----------------------------------------------------------------------------

host::Json ViewerApp::startup() const {
  if (can_draw()) return host::Json{{"ok", true}};
  return host::Json{{"ok", false}, {"reason", host::to_string(failure_)}, {"message", failure_message_}};
}

host::Json ViewerApp::set_index(std::string_view json) {
  std::string error;
  if (!viewer_.set_index(json, error)) return not_ok(error);
  return {{"ok", true}, {"issues", viewer_.index().issues.size()}};
}

host::Json ViewerApp::resolve_issue(std::string_view wanted) {
  std::string error;
  const digest::IndexEntry* entry = viewer_.resolve_issue(wanted, error);
  if (entry) return {{"id", entry->id}, {"path", entry->path}, {"date", entry->date}};
  const digest::IndexEntry* near = viewer_.nearest_issue(wanted);
  return {{"error", error},
          {"missing", !viewer_.index().issues.empty()},
          {"nearest", near ? host::Json{{"id", near->id}, {"date", near->date}} : host::Json(nullptr)},
          {"years", viewer_.years_for_issue(wanted)}};
}

bool ViewerApp::open_issue(std::string_view json, std::string_view article) {
  if (!can_draw()) return false;
  const bool ok = viewer_.open_issue(json, article);
  invalidate();
  return ok;
}

host::Json ViewerApp::add_index_year(std::string_view path, std::string_view json) {
  std::string error;
  bool ok = false;
  changed([&](Viewer& viewer) { ok = viewer.add_index_year(path, json, error); });
  return ok ? host::Json{{"ok", true}} : not_ok(error);
}

// The answer's frame is the viewer's call (search files: only once results are complete).
host::Json ViewerApp::provide(int request, std::string_view path, std::string_view bytes) {
  const host::Json result = viewer_.provide(static_cast<unsigned>(request), path, bytes);
  redraw_if_needed();
  return result;
}

host::Json ViewerApp::provide_failed(int request, std::string_view path, std::string_view reason) {
  const host::Json result = viewer_.provide_failed(static_cast<unsigned>(request), path, reason);
  redraw_if_needed();
  return result;
}

host::Json ViewerApp::set_reading(std::string_view json) {
  bool ok = false;
  changed([&](Viewer& viewer) { ok = viewer.set_reading(json); });
  return {{"ok", ok}};
}

void ViewerApp::reading_tick(double seconds) {
  viewer_.reading_tick(seconds);
  redraw_if_needed();
}

host::Json ViewerApp::set_offline_status(std::string_view json) {
  const host::Json available = viewer_.set_offline_status(json);
  redraw_if_needed();
  return available;
}

host::Json ViewerApp::set_embed(std::string_view json) {
  const host::Json options = host::Json::parse(json, nullptr, false);
  if (!options.is_object()) return not_ok("embed options: expected a JSON object");
  EmbedOptions embed;
  embed.embedded = digest::bool_member(options, "embedded", false);
  embed.checklists = digest::bool_member(options, "checklists", true);
  const auto accent = options.find("accent");
  if (accent != options.end() && !accent->is_null()) {
    uint32_t rgb = 0;
    if (!accent->is_string() || !host::parse_hex_colour(accent->get_ref<const std::string&>(), rgb))
      return not_ok("embed options: accent must be a colour like #0a7cff");
    embed.accent = IM_COL32(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, 255);
  }
  changed([&](Viewer& viewer) { viewer.set_embed(embed); });
  // The accent as each theme draws it, for the page's header.
  auto drawn = [&](bool dark) -> host::Json {
    if (!embed.accent) return nullptr;
    const Palette& base = palette(dark);
    const ImU32 c = readable_on(*embed.accent, base.background, base.text);
    return host::hex_colour((c & 0xff) << 16 | (c >> 8 & 0xff) << 8 | (c >> 16 & 0xff));
  };
  return {{"ok", true}, {"accent", {{"light", drawn(false)}, {"dark", drawn(true)}}}};
}

bool ViewerApp::set_theme(std::string_view theme) {
  host::ThemeChoice choice;
  if (!host::parse_theme_choice(theme, choice)) return false;
  changed([&](Viewer& viewer) {
    viewer.set_theme_for_page(choice == host::ThemeChoice::Light  ? ThemeSetting::Light
                              : choice == host::ThemeChoice::Dark ? ThemeSetting::Dark
                                                                  : ThemeSetting::System);
  });
  return true;
}

void ViewerApp::set_font_scale(float scale) {
  if (!(scale > 0)) return;  // NaN too
  changed([&](Viewer& viewer) { viewer.set_font_scale_for_page(scale); });
}

void ViewerApp::search_key(std::string_view key) {
  host::SearchKey parsed;
  if (host::parse_search_key(key, parsed)) changed([&](Viewer& viewer) { viewer.search_key(parsed); });
}

void ViewerApp::search_scope(std::string_view scope) {
  host::SearchScope parsed;
  if (host::parse_search_scope(scope, parsed)) changed([&](Viewer& viewer) { viewer.set_search_scope(parsed); });
}

}  // namespace ui
