// Wires the browser platform, Dear ImGui, the WebGL2 renderer, fonts and the viewer,
// and defines the calls web/app.js makes (declared in platform/host_protocol.hpp).
//
// [SECTION] The application: frames and input
// [SECTION] Exported calls

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "core/json_document.hpp"
#include "platform/host_protocol.hpp"
#include "platform/platform.hpp"
#include "ui/fonts.hpp"
#include "ui/gl_renderer.hpp"
#include "ui/theme.hpp"
#include "ui/viewer.hpp"

namespace {

//-----------------------------------------------------------------------------
// [SECTION] The application: frames and input
//-----------------------------------------------------------------------------

using ui::kBaseFontSize;
// ImGui settles layout over a couple of frames after any change.
constexpr int kSettleFrames = 3;

ui::ViewerHost make_host() {
  ui::ViewerHost host;
  host.notify = [](const host::Json& event) { platform::notify_host(host::to_text(event)); };
  host.load_setting = [](std::string_view key) { return platform::load_setting(key); };
  host.save_setting = [](std::string_view key, std::string_view value) { platform::save_setting(key, value); };
  host.prefers_dark = [] { return platform::prefers_dark(); };
  host.set_hand_cursor = [](bool hand) {
    platform::set_cursor(hand ? platform::Cursor::Hand : platform::Cursor::Arrow);
  };
  return host;
}

class ViewerApp final : public platform::App {
 public:
  ViewerApp() : viewer_(make_host()) {}

  // The viewer works without a canvas to draw on (the index still resolves), so a
  // failure here is recorded, not fatal.
  void start() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui::GetStyle().FontSizeBase = kBaseFontSize;
    if (platform::start("#canvas", *this) != platform::StartResult::Ok) {
      failure_ = host::StartFailure::NoWebGL2;
      return;
    }
    const char* gl_error = nullptr;
    if (!renderer_.init(&gl_error)) {
      failure_ = host::StartFailure::ShadersFailed;
      failure_message_ = gl_error ? gl_error : "";
    }
  }

  bool can_draw() const { return failure_ == host::StartFailure::None; }
  host::Json startup_json() const {
    if (can_draw()) return host::Json{{"ok", true}};
    return host::Json{{"ok", false}, {"reason", host::to_string(failure_)}, {"message", failure_message_}};
  }

  // Takes ownership of a malloc'ed TrueType font.
  bool set_font(void* data, int size) {
    ImFont* font = ui::add_reading_font(
        data, size, kBaseFontSize,
        [](char32_t cp, float css_size, float ratio, platform::RasterGlyph& out, bool metrics_only) {
          return platform::rasterize_glyph(cp, css_size, ratio, out, metrics_only);
        });
    if (!font) return false;
    ImGui::GetIO().FontDefault = font;
    viewer_.set_font(font);
    has_font_ = true;
    invalidate();
    return true;
  }

  bool set_bold_font(void* data, int size) {
    ImFont* font = ui::add_bold_font(data, size, kBaseFontSize);
    if (!font) return false;
    viewer_.set_bold_font(font);
    invalidate();
    return true;
  }

  // weight: 0 regular, 1 bold.
  ImFont* font(int weight) const { return weight == 0 ? viewer_.font() : weight == 1 ? viewer_.bold_font() : nullptr; }

  // Another slice of a weight's font: the text is laid out and drawn again with it.
  bool add_font_slice(int weight, void* data, int size) {
    ImFont* target = font(weight);
    if (!target || !ui::add_font_slice(target, data, size)) return false;
    viewer_.fonts_changed();
    invalidate();
    return true;
  }

  // While held (the slices an issue needs are on their way), no frame is drawn.
  void hold_frames(bool hold) {
    held_ = hold;
    if (!hold) invalidate();
  }

  ui::Viewer& viewer() { return viewer_; }
  long frames_drawn() const { return frames_drawn_; }

  // Idle time: glyphs near the view rasterised until `budget_ms` is spent (see
  // Viewer::prepare_glyphs), once a frame has set the fonts' pixel ratio. True when
  // more are left.
  bool prepare_glyphs(double budget_ms) {
    if (held_ || frames_drawn_ == 0) return false;
    const double started = platform::now_seconds(), end = started + budget_ms / 1000.0;
    bool more = true;
    while (more && platform::now_seconds() < end) more = viewer_.prepare_glyphs(4);
    prepare_ms_ += (platform::now_seconds() - started) * 1000.0;
    return more;
  }

  void invalidate() {
    settle_ = kSettleFrames;
    platform::request_frame();
  }

  // platform::App
  void frame(const platform::Viewport& vp, double time) override {
    // Nothing readable to draw before the font and an issue (or an error) are here;
    // the page shows its loading bar meanwhile.
    if (!can_draw() || !has_font_ || held_ || (!viewer_.issue() && viewer_.error().empty())) return;
    const double started = platform::now_seconds();
    if (viewer_.style_dirty()) {
      ui::apply_imgui_style(viewer_.dark());
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
    const std::string regular = ui::take_wanted_characters(viewer_.font());
    const std::string bold = ui::take_wanted_characters(viewer_.bold_font());
    if (!regular.empty() || !bold.empty()) {
      platform::notify_host(host::to_text(host::glyphs_event(regular, bold)));
      return;
    }
    renderer_.render(ImGui::GetDrawData(), static_cast<int>(vp.css_width * vp.pixel_ratio + 0.5f),
                     static_cast<int>(vp.css_height * vp.pixel_ratio + 0.5f));
    ++frames_drawn_;
    // CPU time of this frame (layout, ImGui, GL command submission), for benchmarks.
    frame_ms_[frames_drawn_ % kFrameHistory] = static_cast<float>((platform::now_seconds() - started) * 1000.0);
    if (viewer_.take_redraw()) settle_ = kSettleFrames;  // what the reader clicked must show
    if (--settle_ > 0) platform::request_frame();
  }

  // Median and 95th percentile of the last frames' CPU time, in milliseconds.
  host::Json frame_stats_json() const {
    const size_t n = static_cast<size_t>(std::min<long>(frames_drawn_, kFrameHistory));
    std::vector<float> times(frame_ms_, frame_ms_ + n);
    std::sort(times.begin(), times.end());
    return host::Json{{"frames", n},
                      {"medianMs", n ? times[n / 2] : 0.0f},
                      {"p95Ms", n ? times[std::min(n - 1, n * 95 / 100)] : 0.0f},
                      {"prepareGlyphsMs", prepare_ms_}};
  }

  void mouse_move(float x, float y) override {
    ImGui::GetIO().AddMousePosEvent(x, y);
    invalidate();
  }
  void mouse_button(platform::MouseButton button, bool down) override {
    ImGui::GetIO().AddMouseButtonEvent(static_cast<int>(button), down);
    invalidate();
  }
  void mouse_leave() override {
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    invalidate();
  }
  void wheel(float dx, float dy) override {
    if (ImGui::GetIO().WantCaptureMouse) {
      // Over a panel (contents, archive): ImGui scrolls it, about 5 lines per unit.
      ImGui::GetIO().AddMouseWheelEvent(-dx / 100.0f, -dy / 100.0f);
    } else {
      viewer_.scroll_by(dy);
    }
    invalidate();
  }
  bool key(const platform::KeyEvent& event) override {
    const bool used = viewer_.key(event);
    if (used) invalidate();
    return used;
  }
  void touch_drag(float, float dy) override {
    ImGui::GetIO().AddMouseWheelEvent(0, dy / 50.0f);
    invalidate();
  }
  void touch_tap(float x, float y) override {
    ImGui::GetIO().AddMousePosEvent(x, y);
    invalidate();
  }
  void focus_changed(bool focused) override {
    ImGui::GetIO().AddFocusEvent(focused);
    invalidate();
  }
  void color_scheme_changed() override {
    viewer_.color_scheme_changed();
    invalidate();
  }

 private:
  ui::GlRenderer renderer_;
  ui::Viewer viewer_;
  host::StartFailure failure_ = host::StartFailure::None;
  std::string failure_message_;
  bool has_font_ = false;
  bool held_ = false;
  double last_time_ = 0;
  int settle_ = 0;
  long frames_drawn_ = 0;
  double prepare_ms_ = 0;  // spent in prepare_glyphs, all told
  static constexpr long kFrameHistory = 240;
  float frame_ms_[kFrameHistory] = {};
};

ViewerApp* g_app = nullptr;
std::string g_result;  // backs the strings returned to JavaScript

const char* answer(const host::Json& value) {
  g_result = host::to_text(value);
  return g_result.c_str();
}

std::string_view bytes(const char* data, int size) {
  return data && size > 0 ? std::string_view(data, static_cast<size_t>(size)) : std::string_view();
}

// Runs `change` on the app and asks for the frames that show it.
template <typename Change>
void changed(Change change) {
  if (!g_app) return;
  change(*g_app);
  g_app->invalidate();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Exported calls (host_protocol.hpp documents each)
//-----------------------------------------------------------------------------

DIGEST_EXPORT const char* digest_startup() {
  return answer(g_app ? g_app->startup_json() : host::Json{{"ok", false}, {"reason", "none"}});
}

DIGEST_EXPORT int digest_set_font(void* data, int size) {
  return g_app && g_app->can_draw() && g_app->set_font(data, size) ? 1 : 0;
}

DIGEST_EXPORT int digest_set_bold_font(void* data, int size) {
  return g_app && g_app->can_draw() && g_app->set_bold_font(data, size) ? 1 : 0;
}

DIGEST_EXPORT int digest_add_font_slice(int weight, void* data, int size) {
  if (!g_app || !g_app->font(weight)) {
    std::free(data);
    return 0;
  }
  return g_app->add_font_slice(weight, data, size) ? 1 : 0;
}

DIGEST_EXPORT void digest_set_sliced_characters(const char* utf8) {
  ui::set_sliced_characters(utf8 ? utf8 : "");
}

DIGEST_EXPORT void digest_release_sliced_characters(const char* utf8) {
  ui::release_sliced_characters(utf8 ? utf8 : "");
  changed([](ViewerApp& app) { app.viewer().fonts_changed(); });
}

DIGEST_EXPORT const char* digest_lacking_characters() {
  if (!g_app || !g_app->viewer().issue()) return answer({{"chars", ""}});
  return answer(
      {{"chars", ui::lacking_characters(g_app->font(0), digest::issue_characters(*g_app->viewer().issue()))}});
}

DIGEST_EXPORT void digest_hold_frames(int hold) {
  if (g_app) g_app->hold_frames(hold != 0);
}

DIGEST_EXPORT const char* digest_set_index(const char* json, int size) {
  if (!g_app) return answer({{"ok", false}, {"error", "the viewer is not running"}});
  std::string error;
  if (!g_app->viewer().set_index(bytes(json, size), error)) return answer({{"ok", false}, {"error", error}});
  return answer({{"ok", true}, {"issues", g_app->viewer().index().issues.size()}});
}

DIGEST_EXPORT const char* digest_resolve_issue(const char* wanted) {
  if (!g_app) return answer({{"error", "the viewer is not running"}});
  std::string error;
  const digest::IndexEntry* entry = g_app->viewer().resolve_issue(wanted ? wanted : "", error);
  if (!entry) {
    const std::string_view id = wanted ? wanted : "";
    const digest::IndexEntry* near = g_app->viewer().nearest_issue(id);
    return answer({{"error", error},
                   {"missing", !g_app->viewer().index().issues.empty()},
                   {"nearest", near ? host::Json{{"id", near->id}, {"date", near->date}} : host::Json(nullptr)},
                   {"years", g_app->viewer().years_for_issue(id)}});
  }
  return answer({{"id", entry->id}, {"path", entry->path}, {"date", entry->date}});
}

DIGEST_EXPORT int digest_open_issue(const char* json, int size, const char* article) {
  if (!g_app || !g_app->can_draw()) return 0;
  const bool ok = g_app->viewer().open_issue(bytes(json, size), article ? article : "");
  g_app->invalidate();
  return ok ? 1 : 0;
}

DIGEST_EXPORT void digest_go_article(const char* id) {
  changed([&](ViewerApp& app) { app.viewer().go_to_article(id ? id : ""); });
}

DIGEST_EXPORT void digest_set_error(const char* message) {
  changed([&](ViewerApp& app) { app.viewer().set_error(message ? message : ""); });
}

DIGEST_EXPORT void digest_set_scroll(float y) {
  changed([&](ViewerApp& app) { app.viewer().set_scroll(y); });
}

DIGEST_EXPORT void digest_save_state() {
  if (g_app) g_app->viewer().save_resume();
}

DIGEST_EXPORT const char* digest_text_layer_pieces() {
  return answer(g_app ? g_app->viewer().text_layer_pieces_json() : host::Json::array());
}

DIGEST_EXPORT const char* digest_text_layer_piece(int index) {
  g_result = g_app && index >= 0 ? g_app->viewer().text_layer_piece_html(static_cast<size_t>(index)) : std::string();
  return g_result.c_str();
}

DIGEST_EXPORT const char* digest_snapshot() {
  return answer(g_app ? g_app->viewer().snapshot_json() : host::Json(nullptr));
}

DIGEST_EXPORT void digest_open_search() {
  changed([](ViewerApp& app) { app.viewer().open_search(); });
}

DIGEST_EXPORT void digest_close_search() {
  changed([](ViewerApp& app) { app.viewer().close_search(); });
}

DIGEST_EXPORT void digest_search_text(const char* committed, const char* composing, int at) {
  changed([&](ViewerApp& app) {
    app.viewer().set_search_text(committed ? committed : "", composing ? composing : "",
                                 at < 0 ? 0 : static_cast<size_t>(at));
  });
}

DIGEST_EXPORT void digest_search_key(const char* key) {
  host::SearchKey parsed;
  if (!host::parse_search_key(key ? key : "", parsed)) return;
  changed([&](ViewerApp& app) { app.viewer().search_key(parsed); });
}

DIGEST_EXPORT void digest_search_scope(const char* scope) {
  host::SearchScope parsed;
  if (!host::parse_search_scope(scope ? scope : "", parsed)) return;
  changed([&](ViewerApp& app) { app.viewer().set_search_scope(parsed); });
}

// The answer's frame is the viewer's call (search files: only once results are complete).
DIGEST_EXPORT const char* digest_provide(int request, const char* path, const char* data, int size) {
  if (!g_app) return answer({{"ok", false}, {"error", "the viewer is not running"}});
  const host::Json result = g_app->viewer().provide(static_cast<unsigned>(request), path ? path : "", bytes(data, size));
  if (g_app->viewer().take_redraw()) g_app->invalidate();
  return answer(result);
}

DIGEST_EXPORT const char* digest_provide_failed(int request, const char* path, const char* reason) {
  if (!g_app) return answer({{"ok", false}, {"error", "the viewer is not running"}});
  const host::Json result =
      g_app->viewer().provide_failed(static_cast<unsigned>(request), path ? path : "", reason ? reason : "");
  if (g_app->viewer().take_redraw()) g_app->invalidate();
  return answer(result);
}

DIGEST_EXPORT const char* digest_set_reading(const char* json) {
  bool ok = false;
  changed([&](ViewerApp& app) { ok = app.viewer().set_reading(json ? json : ""); });
  return answer({{"ok", ok}});
}

DIGEST_EXPORT void digest_reading_tick(double seconds) {
  if (!g_app) return;
  g_app->viewer().reading_tick(seconds);
  if (g_app->viewer().take_redraw()) g_app->invalidate();
}

DIGEST_EXPORT void digest_clear_reading() {
  changed([](ViewerApp& app) { app.viewer().apply(ui::Action{ui::Action::Kind::ClearReading, {}, 0}); });
}

DIGEST_EXPORT const char* digest_add_index_year(const char* path, const char* json, int size) {
  if (!g_app) return answer({{"ok", false}, {"error", "the viewer is not running"}});
  std::string error;
  bool ok = false;
  changed([&](ViewerApp& app) { ok = app.viewer().add_index_year(path ? path : "", bytes(json, size), error); });
  return answer(ok ? host::Json{{"ok", true}} : host::Json{{"ok", false}, {"error", error}});
}

DIGEST_EXPORT void digest_index_year_failed(const char* path, const char* why) {
  if (!g_app) return;
  changed([&](ViewerApp& app) { app.viewer().index_year_failed(path ? path : "", why ? why : ""); });
}

DIGEST_EXPORT const char* digest_set_offline_status(const char* json) {
  if (!g_app) return answer({{"available", host::Json::array()}});
  const host::Json available = g_app->viewer().set_offline_status(json ? json : "");
  if (g_app->viewer().take_redraw()) g_app->invalidate();
  return answer(available);
}

DIGEST_EXPORT const char* digest_set_embed(const char* json) {
  if (!g_app) return answer({{"ok", false}, {"error", "the viewer is not running"}});
  const host::Json options = host::Json::parse(json ? json : "", nullptr, false);
  if (!options.is_object()) return answer({{"ok", false}, {"error", "embed options: expected a JSON object"}});
  ui::EmbedOptions embed;
  embed.embedded = digest::bool_member(options, "embedded", false);
  const auto accent = options.find("accent");
  if (accent != options.end() && !accent->is_null()) {
    uint32_t rgb = 0;
    if (!accent->is_string() || !host::parse_hex_colour(accent->get_ref<const std::string&>(), rgb))
      return answer({{"ok", false}, {"error", "embed options: accent must be a colour like #0a7cff"}});
    embed.accent = IM_COL32(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, 255);
  }
  ui::Viewer& viewer = g_app->viewer();
  viewer.set_embed(embed);
  g_app->invalidate();
  // The accent as each theme draws it, for the page's header.
  auto drawn = [&](bool dark) -> host::Json {
    if (!embed.accent) return nullptr;
    const ui::Palette& base = ui::palette(dark);
    const ImU32 c = ui::readable_on(*embed.accent, base.background, base.text);
    return host::hex_colour((c & 0xff) << 16 | (c >> 8 & 0xff) << 8 | (c >> 16 & 0xff));
  };
  return answer({{"ok", true}, {"accent", {{"light", drawn(false)}, {"dark", drawn(true)}}}});
}

DIGEST_EXPORT int digest_set_theme(const char* theme) {
  host::ThemeChoice choice;
  if (!g_app || !host::parse_theme_choice(theme ? theme : "", choice)) return 0;
  g_app->viewer().set_theme_for_page(choice == host::ThemeChoice::Light  ? ui::ThemeSetting::Light
                                     : choice == host::ThemeChoice::Dark ? ui::ThemeSetting::Dark
                                                                         : ui::ThemeSetting::System);
  g_app->invalidate();
  return 1;
}

DIGEST_EXPORT void digest_set_font_scale(float scale) {
  if (!(scale > 0)) return;  // NaN too
  changed([&](ViewerApp& app) { app.viewer().set_font_scale_for_page(scale); });
}

DIGEST_EXPORT const char* digest_state_json() {
  if (!g_app) return answer({{"issue", nullptr}, {"article", nullptr}, {"framesDrawn", 0}, {"error", nullptr}});
  return answer(g_app->viewer().state_json(g_app->frames_drawn()));
}

DIGEST_EXPORT const char* digest_links_json() {
  return answer(g_app ? g_app->viewer().links_json() : host::Json::array());
}

DIGEST_EXPORT int digest_prepare_glyphs(float budget_ms) {
  return g_app && g_app->prepare_glyphs(budget_ms) ? 1 : 0;
}

DIGEST_EXPORT const char* digest_frame_stats_json() {
  return answer(g_app ? g_app->frame_stats_json() : host::Json::object());
}

// Built without exceptions, a failed allocation would abort with no reason; this one
// says it first (app.js shows the last line on standard error as the reason).
[[noreturn]] void out_of_memory() {
  std::fputs("out of memory: the viewer's heap (at most 1 GiB) is full\n", stderr);
  std::abort();
}

int main() {
  std::set_new_handler(out_of_memory);
  static ViewerApp app;
  app.start();
  g_app = &app;
  if (app.can_draw()) app.invalidate();
  return 0;
}
