// Wires the browser platform, Dear ImGui, the WebGL2 renderer, fonts and the viewer.
// The page's loader (web/app.js) calls the exported digest_* functions.
#include <imgui.h>

#include <cstdlib>
#include <string>

#include "platform/platform.hpp"
#include "ui/gl_renderer.hpp"
#include "ui/viewer.hpp"

namespace {

constexpr float kBaseFontSize = 17.0f;
// ImGui settles layout over a couple of frames after any change.
constexpr int kSettleFrames = 3;

class ViewerApp final : public platform::App {
 public:
  bool start(std::string& error) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.FontSizeBase = kBaseFontSize;
    style.WindowPadding = ImVec2(16, 16);
    style.WindowBorderSize = 0.0f;
    style.ItemSpacing = ImVec2(8, 6);
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
    ImFontConfig config;
    config.FontDataOwnedByAtlas = true;
    ImFont* font = ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, size, kBaseFontSize, &config);
    if (!font) return false;
    ImGui::GetIO().FontDefault = font;
    invalidate();
    return true;
  }

  bool open_issue(const char* json, int size) {
    bool ok = viewer_.open_issue(std::string_view(json, static_cast<size_t>(size)));
    invalidate();
    return ok;
  }

  std::string state_json() const {
    std::string out = "{\"issue\":";
    out += viewer_.issue() ? quote(viewer_.issue()->id) : "null";
    out += ",\"framesDrawn\":" + std::to_string(frames_drawn_);
    out += ",\"error\":" + (viewer_.error().empty() ? std::string("null") : quote(viewer_.error()));
    out += "}";
    return out;
  }

  void invalidate() {
    settle_ = kSettleFrames;
    platform::request_frame();
  }

  // platform::App
  void frame(const platform::Viewport& vp, double time) override {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(vp.css_width, vp.css_height);
    io.DisplayFramebufferScale = ImVec2(vp.pixel_ratio, vp.pixel_ratio);
    io.DeltaTime = last_time_ > 0 && time > last_time_ ? static_cast<float>(time - last_time_) : 1.0f / 60.0f;
    last_time_ = time;
    ImGui::NewFrame();
    viewer_.draw(vp.css_width, vp.css_height);
    ImGui::Render();
    renderer_.render(ImGui::GetDrawData(), static_cast<int>(vp.css_width * vp.pixel_ratio + 0.5f),
                     static_cast<int>(vp.css_height * vp.pixel_ratio + 0.5f));
    ++frames_drawn_;
    if (--settle_ > 0) platform::request_frame();
  }
  void mouse_move(float x, float y) override {
    ImGui::GetIO().AddMousePosEvent(x, y);
    invalidate();
  }
  void mouse_button(platform::MouseButton button, bool down) override {
    ImGui::GetIO().AddMouseButtonEvent(static_cast<int>(button), down);
    invalidate();
  }
  void wheel(float dx, float dy) override {
    // ImGui scrolls about five lines per unit; one unit per 100 CSS pixels feels native.
    ImGui::GetIO().AddMouseWheelEvent(-dx / 100.0f, -dy / 100.0f);
    invalidate();
  }

 private:
  static std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        out += ' ';
        continue;
      }
      out += c;
    }
    return out + "\"";
  }

  ui::GlRenderer renderer_;
  ui::Viewer viewer_;
  double last_time_ = 0;
  int settle_ = 0;
  long frames_drawn_ = 0;
};

ViewerApp* g_app = nullptr;
std::string g_state;

}  // namespace

extern "C" {

int digest_set_font(void* data, int size) { return g_app && g_app->set_font(data, size) ? 1 : 0; }

int digest_open_issue(const char* json, int size) { return g_app && g_app->open_issue(json, size) ? 1 : 0; }

// The returned string stays valid until the next call.
const char* digest_state_json() {
  g_state = g_app ? g_app->state_json() : "{\"issue\":null,\"framesDrawn\":0,\"error\":\"the viewer did not start\"}";
  return g_state.c_str();
}

}  // extern "C"

int main() {
  static ViewerApp app;
  std::string error;
  if (!app.start(error)) {
    g_state = error;
    return 1;
  }
  g_app = &app;
  app.invalidate();
  return 0;
}
