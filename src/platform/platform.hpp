// The platform interface: what the viewer needs from its host, and nothing more.
// One implementation per platform (browser.cpp for the web).
#pragma once

#include <string>

namespace platform {

struct Viewport {
  float css_width = 0;   // canvas size in CSS pixels
  float css_height = 0;
  float pixel_ratio = 1;  // device pixels per CSS pixel (devicePixelRatio, includes zoom)
};

enum class MouseButton { Left = 0, Right = 1, Middle = 2 };

// What the platform calls; implemented by the application.
class App {
 public:
  virtual ~App() = default;
  virtual void frame(const Viewport& viewport, double time_seconds) = 0;
  virtual void mouse_move(float x, float y) = 0;
  virtual void mouse_button(MouseButton button, bool down) = 0;
  virtual void wheel(float dx, float dy) = 0;
};

// Creates the GL context on the canvas and starts listening; false with a message.
bool start(const char* canvas_selector, App& app, std::string& error);
// Asks for one frame at the next display refresh. Frames are drawn only on request.
void request_frame();
Viewport viewport();

}  // namespace platform
