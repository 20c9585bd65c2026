// The browser platform: canvas sizing at devicePixelRatio, WebGL2 context, input
// events, frames on demand (no frame is drawn unless something asked for one),
// settings storage, host notifications and glyph fallback through canvas 2D.
//
// [SECTION] JavaScript helpers
// [SECTION] Canvas and frames
// [SECTION] Input
// [SECTION] Public interface

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstring>

#include "core/utf8.hpp"
#include "platform/host_protocol.hpp"
#include "platform/platform.hpp"

//-----------------------------------------------------------------------------
// [SECTION] JavaScript helpers
//-----------------------------------------------------------------------------

// clang-format off
EM_JS(int, js_prefers_dark, (), {
  return (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches) ? 1 : 0;
});

// The focused element takes this key itself: typing into the search box, Enter or an
// arrow on a mirrored control (web/mirror.js decides).
EM_JS(int, js_page_owns_key, (const char* key), {
  return DigestMirror.ownsKey(UTF8ToString(key)) ? 1 : 0;
});

EM_JS(void, js_set_cursor, (const char* selector, const char* cursor), {
  const el = document.querySelector(UTF8ToString(selector));
  if (el) el.style.cursor = UTF8ToString(cursor);
});

// The page's storage keys are the viewer's setting keys with the prefix of
// web/constants.js (src/platform/shared_constants.json).
EM_JS(char*, js_load_setting, (const char* key), {
  const name = DigestConstants.storage.prefix + UTF8ToString(key);
  let value = null;
  try { value = localStorage.getItem(name); } catch (e) { value = null; }
  if (value === null) return 0;
  if (Module.noteStoredRead) Module.noteStoredRead('localStorage ' + name);
  const size = lengthBytesUTF8(value) + 1;
  const ptr = _malloc(size);
  stringToUTF8(value, ptr, size);
  return ptr;
});

EM_JS(void, js_save_setting, (const char* key, const char* value), {
  // Storage may be full or forbidden (private mode, embedded with partitioned storage):
  // settings then last for this page view only.
  try { localStorage.setItem(DigestConstants.storage.prefix + UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, js_notify_host, (const char* event_json), {
  if (typeof Module.onViewerEvent === 'function') Module.onViewerEvent(UTF8ToString(event_json));
});

EM_JS(void, js_watch_environment, (), {
  // Colour scheme and devicePixelRatio changes (browser zoom, moving between screens).
  if (typeof matchMedia !== 'function') return;
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change',
      (event) => Module._digest_color_scheme_changed(event.matches ? 1 : 0));
  const watchRatio = () => {
    const query = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    query.addEventListener('change', () => { Module._digest_viewport_changed(); watchRatio(); }, { once: true });
  };
  watchRatio();
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => Module._digest_viewport_changed()).observe(Module.canvas);
  }
});

// Draws one character with the browser's fonts into an RGBA buffer the caller frees.
// Returns 0 when nothing was drawn. Layout: [w, h, advance*64, baseline*64, pixels...]
// with advance and baseline (from the bitmap top) in CSS pixels. With metrics_only
// the bitmap is left out (w = h = 0) and only the advance is measured: whether the
// browser really has the character is found when it is drawn (no ink: 〓 instead).
EM_JS(int*, js_rasterize_glyph, (int codepoint, int emoji, float css_size, float ratio, int metrics_only), {
  const text = String.fromCodePoint(codepoint);
  const px = Math.max(1, Math.round(css_size * ratio));
  if (!Module.glyphCanvas) {
    Module.glyphCanvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(8, 8) : document.createElement('canvas');
  }
  const canvas = Module.glyphCanvas;
  const families = emoji
      ? '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif'
      : '"BIZ UDPGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif';
  const font = px + 'px ' + families;
  // One canvas and context for every glyph: it only grows, and is cleared per glyph.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (metrics_only) {
    ctx.font = font;
    const ptr = _malloc(16);
    HEAP32[ptr >> 2] = 0;
    HEAP32[(ptr >> 2) + 1] = 0;
    HEAP32[(ptr >> 2) + 2] = Math.round((Math.ceil(ctx.measureText(text).width) || px) / ratio * 64);
    HEAP32[(ptr >> 2) + 3] = 0;
    return ptr;
  }
  ctx.font = font;
  const metrics = ctx.measureText(text);
  const advance = Math.ceil(metrics.width) || px;
  const w = Math.max(1, Math.ceil(Math.max(advance, metrics.actualBoundingBoxRight || 0)) + 2);
  const h = Math.ceil(px * 1.25);
  if (canvas.width < w || canvas.height < h) {
    canvas.width = Math.max(canvas.width, w, 64);
    canvas.height = Math.max(canvas.height, h, 64);
  }
  ctx.font = font;  // resizing resets the context state
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#fff';
  ctx.clearRect(0, 0, w, h);
  const baseline = Math.round(px * 0.95);
  ctx.fillText(text, 1, baseline);
  const pixels = ctx.getImageData(0, 0, w, h).data;
  let ink = false;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i]) { ink = true; break; } }
  if (!ink) return 0;
  const ptr = _malloc(16 + pixels.length);
  HEAP32[ptr >> 2] = w;
  HEAP32[(ptr >> 2) + 1] = h;
  HEAP32[(ptr >> 2) + 2] = Math.round(advance / ratio * 64);
  HEAP32[(ptr >> 2) + 3] = Math.round(baseline / ratio * 64);
  HEAPU8.set(pixels, ptr + 16);
  return ptr;
});
// clang-format on

namespace platform {

namespace {

struct State {
  App* app = nullptr;
  const char* canvas = nullptr;
  bool frame_requested = false;
  bool prefers_dark = false;  // the system colour scheme, kept current by its listener
  Viewport viewport;
  // Touch tracking: one finger drags; a short touch without movement taps.
  long touch_id = -1;
  float touch_x = 0, touch_y = 0, touch_start_x = 0, touch_start_y = 0;
  bool touch_moved = false;
} g;

//-----------------------------------------------------------------------------
// [SECTION] Canvas and frames
//-----------------------------------------------------------------------------

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

//-----------------------------------------------------------------------------
// [SECTION] Input
//-----------------------------------------------------------------------------

// Mouse events are read on the window: the page's text layer lies over the canvas,
// and the canvas fills the window from its top-left corner, so client coordinates
// are canvas coordinates.
EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
  g.app->mouse_move(static_cast<float>(e->clientX), static_cast<float>(e->clientY));
  return EM_FALSE;
}

EM_BOOL on_mouse_down(int, const EmscriptenMouseEvent* e, void*) {
  g.app->mouse_move(static_cast<float>(e->clientX), static_cast<float>(e->clientY));
  g.app->mouse_button(static_cast<MouseButton>(e->button < 3 ? e->button : 0), true);
  return EM_FALSE;  // keep focus handling and text selection defaults
}

EM_BOOL on_mouse_up(int, const EmscriptenMouseEvent* e, void*) {
  g.app->mouse_button(static_cast<MouseButton>(e->button < 3 ? e->button : 0), false);
  return EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
  g.app->mouse_leave();
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  if (e->mouse.ctrlKey) return EM_FALSE;  // pinch-zoom and Ctrl+wheel zoom stay with the browser
  // Normalise lines and pages to pixels, as browsers do for pages.
  double unit = e->deltaMode == DOM_DELTA_LINE ? 16.0 : e->deltaMode == DOM_DELTA_PAGE ? 400.0 : 1.0;
  g.app->wheel(static_cast<float>(e->deltaX * unit), static_cast<float>(e->deltaY * unit));
  return EM_TRUE;  // the canvas scrolls itself, not the page
}

EM_BOOL on_key_down(int, const EmscriptenKeyboardEvent* e, void*) {
  // Browser shortcuts (Ctrl/Cmd+L, Ctrl+/-, ...) pass through; app.js takes Ctrl+F for search.
  if (e->ctrlKey || e->metaKey || e->altKey) return EM_FALSE;
  if (js_page_owns_key(e->key)) return EM_FALSE;
  KeyEvent event;
  event.key = e->key;
  event.shift = e->shiftKey;
  return g.app->key(event) ? EM_TRUE : EM_FALSE;
}

const EmscriptenTouchPoint* find_touch(const EmscriptenTouchEvent* e, long id) {
  for (int i = 0; i < e->numTouches; ++i)
    if (e->touches[i].identifier == id) return &e->touches[i];
  return nullptr;
}

EM_BOOL on_touch_start(int, const EmscriptenTouchEvent* e, void*) {
  if (e->numTouches != 1) {
    g.touch_id = -1;  // two fingers: let the browser pinch-zoom
    return EM_FALSE;
  }
  const EmscriptenTouchPoint& t = e->touches[0];
  g.touch_id = t.identifier;
  g.touch_x = g.touch_start_x = static_cast<float>(t.targetX);
  g.touch_y = g.touch_start_y = static_cast<float>(t.targetY);
  g.touch_moved = false;
  return EM_FALSE;
}

EM_BOOL on_touch_move(int, const EmscriptenTouchEvent* e, void*) {
  const EmscriptenTouchPoint* t = find_touch(e, g.touch_id);
  if (!t) return EM_FALSE;
  float x = static_cast<float>(t->targetX), y = static_cast<float>(t->targetY);
  float dx = x - g.touch_x, dy = y - g.touch_y;
  if (std::fabs(x - g.touch_start_x) + std::fabs(y - g.touch_start_y) > 8) g.touch_moved = true;
  g.touch_x = x;
  g.touch_y = y;
  if (g.touch_moved) g.app->touch_drag(dx, dy);
  return EM_TRUE;
}

EM_BOOL on_touch_end(int, const EmscriptenTouchEvent* e, void*) {
  bool ours = false;
  for (int i = 0; i < e->numTouches; ++i)
    if (e->touches[i].identifier == g.touch_id && e->touches[i].isChanged) ours = true;
  if (!ours) return EM_FALSE;
  g.touch_id = -1;
  if (!g.touch_moved) {
    g.app->touch_tap(g.touch_x, g.touch_y);
    return EM_FALSE;  // the browser still synthesises the click for links
  }
  return EM_TRUE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
  g.app->focus_changed(type == EMSCRIPTEN_EVENT_FOCUS || type == EMSCRIPTEN_EVENT_FOCUSIN);
  return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  request_frame();
  return EM_FALSE;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public interface
//-----------------------------------------------------------------------------

StartResult start(const char* canvas_selector, App& app) {
  g.app = &app;
  g.canvas = canvas_selector;
  g.prefers_dark = js_prefers_dark() != 0;
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
  if (context <= 0) return StartResult::NoWebGL2;
  emscripten_webgl_make_context_current(context);
  sync_canvas_size();
  emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse_move);
  emscripten_set_mousedown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse_down);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse_up);
  emscripten_set_mouseleave_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_FALSE, on_mouse_leave);
  emscripten_set_wheel_callback(canvas_selector, nullptr, EM_FALSE, on_wheel);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key_down);
  emscripten_set_touchstart_callback(canvas_selector, nullptr, EM_FALSE, on_touch_start);
  emscripten_set_touchmove_callback(canvas_selector, nullptr, EM_FALSE, on_touch_move);
  emscripten_set_touchend_callback(canvas_selector, nullptr, EM_FALSE, on_touch_end);
  emscripten_set_touchcancel_callback(canvas_selector, nullptr, EM_FALSE, on_touch_end);
  emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
  js_watch_environment();
  return StartResult::Ok;
}

void request_frame() {
  if (g.frame_requested || !g.app) return;
  g.frame_requested = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

double now_seconds() {
  return emscripten_get_now() / 1000.0;
}

void set_cursor(Cursor cursor) {
  static Cursor current = Cursor::Arrow;
  if (cursor == current) return;
  current = cursor;
  js_set_cursor(g.canvas, cursor == Cursor::Hand ? "pointer" : "default");
}

bool prefers_dark() {
  return g.prefers_dark;
}

std::string load_setting(std::string_view key) {
  char* value = js_load_setting(std::string(key).c_str());
  if (!value) return std::string();
  std::string out(value);
  free(value);
  return out;
}

void save_setting(std::string_view key, std::string_view value) {
  js_save_setting(std::string(key).c_str(), std::string(value).c_str());
}

void notify_host(std::string_view event_json) {
  js_notify_host(std::string(event_json).c_str());
}

bool rasterize_glyph(char32_t codepoint, float css_size, float pixel_ratio, RasterGlyph& out, bool metrics_only) {
  int* data = js_rasterize_glyph(static_cast<int>(codepoint), digest::is_emoji(codepoint) ? 1 : 0, css_size,
                                 pixel_ratio, metrics_only ? 1 : 0);
  if (!data) return false;
  out.width = data[0];
  out.height = data[1];
  out.advance = static_cast<float>(data[2]) / 64.0f;
  out.baseline = static_cast<float>(data[3]) / 64.0f;
  const auto* pixels = reinterpret_cast<const uint8_t*>(data + 4);
  out.rgba.assign(pixels, pixels + static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 4);
  free(data);
  return true;
}

}  // namespace platform

// Environment changes reported by js_watch_environment (host_protocol.hpp lists them).
DIGEST_EXPORT void digest_color_scheme_changed(int dark) {
  if (!platform::g.app) return;
  platform::g.prefers_dark = dark != 0;
  platform::g.app->color_scheme_changed();
  platform::request_frame();
}

DIGEST_EXPORT void digest_viewport_changed() {
  platform::request_frame();
}
