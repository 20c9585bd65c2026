// The browser platform: canvas sizing at devicePixelRatio, WebGL2 context, input
// events and frames on demand (no frame is drawn unless something asked for one).
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>

#include "platform/platform.hpp"

namespace platform {

namespace {

struct State {
  App* app = nullptr;
  const char* canvas = nullptr;
  bool frame_requested = false;
  Viewport viewport;
} g;

// Sizes the canvas backing store to CSS size x devicePixelRatio, so text is drawn
// at device resolution (a stock build keeps it smaller and blurs).
void sync_canvas_size() {
  double w = 0, h = 0;
  emscripten_get_element_css_size(g.canvas, &w, &h);
  g.viewport.css_width = static_cast<float>(w);
  g.viewport.css_height = static_cast<float>(h);
  g.viewport.pixel_ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  int want_w = static_cast<int>(std::lround(w * g.viewport.pixel_ratio));
  int want_h = static_cast<int>(std::lround(h * g.viewport.pixel_ratio));
  int have_w = 0, have_h = 0;
  emscripten_get_canvas_element_size(g.canvas, &have_w, &have_h);
  if (have_w != want_w || have_h != want_h) emscripten_set_canvas_element_size(g.canvas, want_w, want_h);
}

EM_BOOL on_animation_frame(double time_ms, void*) {
  g.frame_requested = false;
  sync_canvas_size();
  g.app->frame(g.viewport, time_ms / 1000.0);
  return EM_FALSE;  // one frame per request
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
  g.app->mouse_move(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  return EM_FALSE;
}

EM_BOOL on_mouse_down(int, const EmscriptenMouseEvent* e, void*) {
  g.app->mouse_move(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  g.app->mouse_button(static_cast<MouseButton>(e->button < 3 ? e->button : 0), true);
  return EM_FALSE;
}

EM_BOOL on_mouse_up(int, const EmscriptenMouseEvent* e, void*) {
  g.app->mouse_button(static_cast<MouseButton>(e->button < 3 ? e->button : 0), false);
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  // Normalise lines and pages to pixels, as browsers do for pages.
  double unit = e->deltaMode == DOM_DELTA_LINE ? 16.0 : e->deltaMode == DOM_DELTA_PAGE ? 400.0 : 1.0;
  g.app->wheel(static_cast<float>(e->deltaX * unit), static_cast<float>(e->deltaY * unit));
  return EM_TRUE;  // the canvas scrolls itself, not the page
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  request_frame();
  return EM_FALSE;
}

}  // namespace

bool start(const char* canvas_selector, App& app, std::string& error) {
  g.app = &app;
  g.canvas = canvas_selector;
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.preserveDrawingBuffer = EM_TRUE;  // frames are not redrawn while idle
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context(canvas_selector, &attrs);
  if (context <= 0) {
    error = "this browser cannot create a WebGL2 context";
    return false;
  }
  emscripten_webgl_make_context_current(context);
  sync_canvas_size();
  emscripten_set_mousemove_callback(canvas_selector, nullptr, EM_FALSE, on_mouse_move);
  emscripten_set_mousedown_callback(canvas_selector, nullptr, EM_FALSE, on_mouse_down);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse_up);
  emscripten_set_wheel_callback(canvas_selector, nullptr, EM_FALSE, on_wheel);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
  return true;
}

void request_frame() {
  if (g.frame_requested || !g.app) return;
  g.frame_requested = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

Viewport viewport() { return g.viewport; }

}  // namespace platform
