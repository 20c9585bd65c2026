// Wires the browser platform, Dear ImGui, the WebGL2 renderer, fonts and the viewer.
// The page's loader (web/app.js) calls the exported digest_* functions.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "platform/platform.hpp"
#include "ui/fonts.hpp"
#include "ui/gl_renderer.hpp"
#include "ui/theme.hpp"
#include "ui/viewer.hpp"

namespace {

using ui::kBaseFontSize;
// ImGui settles layout over a couple of frames after any change.
constexpr int kSettleFrames = 3;

ui::ViewerHost make_host() {
  ui::ViewerHost host;
  host.notify = [](std::string_view kind, std::string_view payload, bool push) {
    platform::notify_host(kind, payload, push);
  };
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

  bool start(std::string& error) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui::GetStyle().FontSizeBase = kBaseFontSize;
    if (!platform::start("#canvas", *this, error)) return false;
    const char* gl_error = nullptr;
    if (!renderer_.init(&gl_error)) {
      error = gl_error ? gl_error : "WebGL2 initialisation failed";
      return false;
    }
    return true;
  }

  // Takes ownership of a malloc'ed TrueType font.
  bool set_font(void* data, int size) {
    ImFont* font = ui::add_reading_font(data, size, kBaseFontSize,
                                        [](char32_t cp, float css_size, float ratio, platform::RasterGlyph& out,
                                           bool metrics_only) {
                                          return platform::rasterize_glyph(cp, css_size, ratio, out, metrics_only);
                                        });
    if (!font) return false;
    ImGui::GetIO().FontDefault = font;
    viewer_.set_font(font);
    has_font_ = true;
    invalidate();
    return true;
  }

  ui::Viewer& viewer() { return viewer_; }
  long frames_drawn() const { return frames_drawn_; }

  void invalidate() {
    settle_ = kSettleFrames;
    platform::request_frame();
  }

  // platform::App
  void frame(const platform::Viewport& vp, double time) override {
    // Nothing readable to draw before the font and an issue (or an error) are here;
    // the page shows its loading bar meanwhile.
    if (!has_font_ || (!viewer_.issue() && viewer_.error().empty())) return;
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
    renderer_.render(ImGui::GetDrawData(), static_cast<int>(vp.css_width * vp.pixel_ratio + 0.5f),
                     static_cast<int>(vp.css_height * vp.pixel_ratio + 0.5f));
    ++frames_drawn_;
    // CPU time of this frame (layout, ImGui, GL command submission), for benchmarks.
    frame_ms_[frames_drawn_ % kFrameHistory] = static_cast<float>((platform::now_seconds() - started) * 1000.0);
    if (--settle_ > 0) platform::request_frame();
  }

  // Median and 95th percentile of the last frames' CPU time, in milliseconds.
  std::string frame_stats_json() const {
    size_t n = static_cast<size_t>(std::min<long>(frames_drawn_, kFrameHistory));
    std::vector<float> times(frame_ms_, frame_ms_ + n);
    std::sort(times.begin(), times.end());
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "{\"frames\":%zu,\"medianMs\":%.3f,\"p95Ms\":%.3f}", n,
                  n ? times[n / 2] : 0.0f, n ? times[std::min(n - 1, n * 95 / 100)] : 0.0f);
    return buffer;
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
    bool used = viewer_.key(event);
    if (used) invalidate();
    return used;
  }
  // Touch on the canvas (the page itself scrolls natively): panels scroll.
  void touch_drag(float, float dy) override {
    ImGui::GetIO().AddMouseWheelEvent(0, dy / 50.0f);
    invalidate();
  }
  void touch_end(float, float) override {}
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
  bool has_font_ = false;
  double last_time_ = 0;
  int settle_ = 0;
  long frames_drawn_ = 0;
  static constexpr long kFrameHistory = 240;
  float frame_ms_[kFrameHistory] = {};
};

ViewerApp* g_app = nullptr;
std::string g_start_error;
std::string g_result;  // backs the strings returned to JavaScript

}  // namespace

extern "C" {

int digest_set_font(void* data, int size) {
  return g_app && g_app->set_font(data, size) ? 1 : 0;
}

// The bold weight, fetched after the first text (takes ownership of malloc'ed data).
int digest_set_bold_font(void* data, int size) {
  if (!g_app) return 0;
  ImFont* font = ui::add_bold_font(data, size, kBaseFontSize);
  if (!font) return 0;
  g_app->viewer().set_bold_font(font);
  g_app->invalidate();
  return 1;
}

int digest_set_index(const char* json, int size) {
  return g_app && g_app->viewer().set_index(std::string_view(json, static_cast<size_t>(size))) ? 1 : 0;
}

// Opens an issue (keeps the current one on failure). `article` may be empty.
int digest_open_issue(const char* json, int size, const char* article) {
  if (!g_app) return 0;
  bool ok = g_app->viewer().open_issue(std::string_view(json, static_cast<size_t>(size)), article ? article : "");
  g_app->invalidate();
  return ok ? 1 : 0;
}

// Search, driven by the host's hidden text input (IME composition happens there).
void digest_open_search() {
  if (!g_app) return;
  g_app->viewer().open_search();
  g_app->invalidate();
}

void digest_close_search() {
  if (!g_app) return;
  g_app->viewer().close_search();
  g_app->invalidate();
}

void digest_search_text(const char* committed, const char* composing, int at) {
  if (!g_app) return;
  g_app->viewer().set_search_text(committed ? committed : "", composing ? composing : "",
                                  at < 0 ? 0 : static_cast<size_t>(at));
  g_app->invalidate();
}

void digest_search_scope(int archive) {
  if (!g_app) return;
  g_app->viewer().set_search_scope(archive != 0);
  g_app->invalidate();
}

// 1 Enter, -1 Shift+Enter, 2 ArrowDown, -2 ArrowUp.
void digest_search_key(int key) {
  if (!g_app) return;
  g_app->viewer().search_key(key);
  g_app->invalidate();
}

void digest_add_archive_issue(const char* json, int size) {
  if (g_app) g_app->viewer().add_archive_issue(std::string_view(json, static_cast<size_t>(size)));
}

void digest_archive_complete() {
  if (!g_app) return;
  g_app->viewer().archive_complete();
  g_app->invalidate();
}

// The page is being hidden or unloaded: keep the reading position.
void digest_save_state() {
  if (g_app) g_app->viewer().save_resume();
}

// The host's scroll container moved (the reader scrolled, or find jumped).
void digest_set_scroll(float y) {
  if (!g_app) return;
  g_app->viewer().set_scroll(y);
  g_app->invalidate();
}

const char* digest_text_layer_html() {
  g_result = g_app ? g_app->viewer().text_layer_html() : std::string();
  return g_result.c_str();
}

void digest_go_article(const char* id) {
  if (!g_app) return;
  g_app->viewer().go_to_article(id ? id : "");
  g_app->invalidate();
}

// A failure the host met (network, archive) shown over the current issue.
void digest_set_error(const char* message) {
  if (!g_app) return;
  g_app->viewer().set_error(message ? message : "");
  g_app->invalidate();
}

// The returned strings stay valid until the next call of any of these functions.
const char* digest_links_json() {
  g_result = g_app ? g_app->viewer().links_json() : std::string("[]");
  return g_result.c_str();
}

const char* digest_frame_stats_json() {
  g_result = g_app ? g_app->frame_stats_json() : std::string("{}");
  return g_result.c_str();
}

const char* digest_state_json() {
  if (!g_app) {
    g_result = "{\"issue\":null,\"article\":null,\"framesDrawn\":0,\"error\":\"" + g_start_error + "\"}";
  } else {
    g_result = g_app->viewer().state_json(g_app->frames_drawn());
  }
  return g_result.c_str();
}

}  // extern "C"

int main() {
  static ViewerApp app;
  std::string error;
  if (!app.start(error)) {
    g_start_error = error;
    return 1;
  }
  g_app = &app;
  app.invalidate();
  return 0;
}
