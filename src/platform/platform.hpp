// The platform interface: what the viewer needs from its host, and nothing more.
// One implementation per platform (browser.cpp for the web).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platform {

struct Viewport {
  float css_width = 0;  // canvas size in CSS pixels
  float css_height = 0;
  float pixel_ratio = 1;  // device pixels per CSS pixel (devicePixelRatio, includes zoom)
};

enum class MouseButton { Left = 0, Right = 1, Middle = 2 };

struct KeyEvent {
  std::string key;  // DOM KeyboardEvent.key: "j", "ArrowDown", "+", "Escape", ...
  bool shift = false;
};

enum class Cursor { Arrow, Hand };

// What the platform calls; implemented by the application.
class App {
 public:
  virtual ~App() = default;
  virtual void frame(const Viewport& viewport, double time_seconds) = 0;
  virtual void mouse_move(float x, float y) = 0;
  virtual void mouse_button(MouseButton button, bool down) = 0;
  virtual void mouse_leave() = 0;
  virtual void wheel(float dx, float dy) = 0;
  // A key without Ctrl/Alt/Meta (those stay with the browser). Return true when used.
  virtual bool key(const KeyEvent& event) = 0;
  // One finger dragging over the canvas (panels scroll; the page itself scrolls
  // natively in the host's scroller): deltas in CSS pixels.
  virtual void touch_drag(float dx, float dy) = 0;
  virtual void touch_tap(float x, float y) = 0;
  virtual void focus_changed(bool focused) = 0;
  // The system colour scheme changed; prefers_dark() has the new value.
  virtual void color_scheme_changed() = 0;
};

enum class StartResult { Ok, NoWebGL2 };

// Creates the GL context on the canvas and starts listening. Without a WebGL2 context
// nothing can be drawn, but the viewer's other calls (the index) still work.
StartResult start(const char* canvas_selector, App& app);
// Asks for one frame at the next display refresh. Frames are drawn only on request.
void request_frame();
double now_seconds();

void set_cursor(Cursor cursor);
// The system colour scheme: read once at start, then updated when it changes.
bool prefers_dark();

// Small persistent settings (localStorage); empty string when absent or unavailable.
std::string load_setting(std::string_view key);
void save_setting(std::string_view key, std::string_view value);

// Hands one event of host_protocol.hpp (JSON text) to the host page.
void notify_host(std::string_view event_json);

// A glyph drawn by the browser's own fonts, for characters our fonts lack (colour
// emoji, rare kanji): never a blank box. Pixels are RGBA, premultiplied=false.
struct RasterGlyph {
  int width = 0, height = 0;  // bitmap size in device pixels
  float advance = 0;          // in CSS pixels
  float baseline = 0;         // baseline below the bitmap top, CSS pixels
  std::vector<uint8_t> rgba;
};
// With metrics_only, only `advance` is filled (no bitmap): cheap, for layout.
bool rasterize_glyph(char32_t codepoint, float css_size, float pixel_ratio, RasterGlyph& out,
                     bool metrics_only = false);

}  // namespace platform
