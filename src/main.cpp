// Wires the browser platform (browser.cpp), the WebGL2 renderer and the viewer
// application (ui/viewer_app.hpp), and defines the calls web/bridge.js makes, each a
// one-line adapter from C strings and heap bytes (declared in host_protocol.hpp).
//
// [SECTION] The application on the browser
// [SECTION] Exported calls

#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "platform/host_protocol.hpp"
#include "platform/platform.hpp"
#include "ui/gl_renderer.hpp"
#include "ui/viewer_app.hpp"

namespace {

//-----------------------------------------------------------------------------
// [SECTION] The application on the browser
//-----------------------------------------------------------------------------

ui::GlRenderer g_renderer;

ui::AppPlatform browser_platform() {
  ui::AppPlatform p;
  p.host.notify = [](const host::Json& event) { platform::notify_host(host::to_text(event)); };
  p.host.load_setting = [](std::string_view key) { return platform::load_setting(key); };
  p.host.save_setting = [](std::string_view key, std::string_view value) { platform::save_setting(key, value); };
  p.host.prefers_dark = [] { return platform::prefers_dark(); };
  p.host.set_hand_cursor = [](bool hand) {
    platform::set_cursor(hand ? platform::Cursor::Hand : platform::Cursor::Arrow);
  };
  p.request_frame = [] { platform::request_frame(); };
  p.now_seconds = [] { return platform::now_seconds(); };
  p.start = [](platform::App& app, std::string& message) {
    if (platform::start("#canvas", app) != platform::StartResult::Ok) return host::StartFailure::NoWebGL2;
    const char* gl_error = nullptr;
    if (g_renderer.init(&gl_error)) return host::StartFailure::None;
    message = gl_error ? gl_error : "";
    return host::StartFailure::ShadersFailed;
  };
  p.render = [](ImDrawData* data, int width, int height) { return g_renderer.render(data, width, height); };
  p.rasterize_glyph = [](char32_t cp, float css_size, float ratio, platform::RasterGlyph& out, bool metrics_only) {
    return platform::rasterize_glyph(cp, css_size, ratio, out, metrics_only);
  };
  return p;
}

// Made on first use: the calls answer even before main() started it (the index).
ui::ViewerApp& app() {
  static ui::ViewerApp instance(browser_platform());
  return instance;
}

std::string g_result;  // backs the strings returned to JavaScript

const char* answer(const host::Json& value) {
  g_result = host::to_text(value);
  return g_result.c_str();
}

std::string_view bytes(const char* data, int size) {
  return data && size > 0 ? std::string_view(data, static_cast<size_t>(size)) : std::string_view();
}

std::string_view text(const char* utf8) {
  return utf8 ? std::string_view(utf8) : std::string_view();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Exported calls (host_protocol.hpp documents each)
//-----------------------------------------------------------------------------

DIGEST_EXPORT const char* digest_startup() { return answer(app().startup()); }
DIGEST_EXPORT int digest_set_font(void* data, int size) { return app().set_font(data, size) ? 1 : 0; }
DIGEST_EXPORT int digest_set_bold_font(void* data, int size) { return app().set_bold_font(data, size) ? 1 : 0; }
DIGEST_EXPORT int digest_add_font_slice(int weight, void* data, int size) {
  return app().add_font_slice(weight, data, size) ? 1 : 0;
}
DIGEST_EXPORT void digest_set_sliced_characters(const char* utf8) { app().set_sliced_characters(text(utf8)); }
DIGEST_EXPORT void digest_release_sliced_characters(const char* utf8) { app().release_sliced_characters(text(utf8)); }
DIGEST_EXPORT const char* digest_lacking_characters() { return answer(app().lacking_characters()); }
DIGEST_EXPORT void digest_hold_frames(int hold) { app().hold_frames(hold != 0); }

DIGEST_EXPORT const char* digest_set_index(const char* json, int size) { return answer(app().set_index(bytes(json, size))); }
DIGEST_EXPORT const char* digest_resolve_issue(const char* wanted) { return answer(app().resolve_issue(text(wanted))); }
DIGEST_EXPORT int digest_open_issue(const char* json, int size, const char* article) {
  return app().open_issue(bytes(json, size), text(article)) ? 1 : 0;
}
DIGEST_EXPORT void digest_go_article(const char* id) { app().changed([&](ui::Viewer& v) { v.go_to_article(text(id)); }); }
DIGEST_EXPORT void digest_set_error(const char* message) {
  app().changed([&](ui::Viewer& v) { v.set_error(std::string(text(message))); });
}
DIGEST_EXPORT void digest_set_scroll(float y) { app().changed([&](ui::Viewer& v) { v.set_scroll(y); }); }
DIGEST_EXPORT void digest_save_state() { app().viewer().save_resume(); }

DIGEST_EXPORT const char* digest_text_layer_pieces() { return answer(app().viewer().text_layer_pieces_json()); }
DIGEST_EXPORT const char* digest_text_layer_piece(int index) {
  g_result = index >= 0 ? app().viewer().text_layer_piece_html(static_cast<size_t>(index)) : std::string();
  return g_result.c_str();
}
DIGEST_EXPORT const char* digest_snapshot() { return answer(app().viewer().snapshot_json()); }

DIGEST_EXPORT void digest_open_search() { app().changed([](ui::Viewer& v) { v.open_search(); }); }
DIGEST_EXPORT void digest_close_search() { app().changed([](ui::Viewer& v) { v.close_search(); }); }
DIGEST_EXPORT void digest_search_text(const char* committed, const char* composing, int at) {
  app().changed([&](ui::Viewer& v) {
    v.set_search_text(std::string(text(committed)), std::string(text(composing)), at < 0 ? 0 : static_cast<size_t>(at));
  });
}
DIGEST_EXPORT void digest_search_key(const char* key) { app().search_key(text(key)); }
DIGEST_EXPORT void digest_search_scope(const char* scope) { app().search_scope(text(scope)); }

DIGEST_EXPORT const char* digest_provide(int request, const char* path, const char* data, int size) {
  return answer(app().provide(request, text(path), bytes(data, size)));
}
DIGEST_EXPORT const char* digest_provide_failed(int request, const char* path, const char* reason) {
  return answer(app().provide_failed(request, text(path), text(reason)));
}

DIGEST_EXPORT const char* digest_set_reading(const char* json) { return answer(app().set_reading(text(json))); }
DIGEST_EXPORT void digest_reading_tick(double seconds) { app().reading_tick(seconds); }
DIGEST_EXPORT void digest_clear_reading() {
  app().changed([](ui::Viewer& v) { v.apply(ui::Action{ui::Action::Kind::ClearReading, {}, 0}); });
}
DIGEST_EXPORT const char* digest_add_index_year(const char* path, const char* json, int size) {
  return answer(app().add_index_year(text(path), bytes(json, size)));
}
DIGEST_EXPORT void digest_index_year_failed(const char* path, const char* why) {
  app().changed([&](ui::Viewer& v) { v.index_year_failed(text(path), std::string(text(why))); });
}
DIGEST_EXPORT const char* digest_set_offline_status(const char* json) {
  return answer(app().set_offline_status(text(json)));
}

DIGEST_EXPORT const char* digest_set_embed(const char* json) { return answer(app().set_embed(text(json))); }
DIGEST_EXPORT int digest_set_theme(const char* theme) { return app().set_theme(text(theme)) ? 1 : 0; }
DIGEST_EXPORT void digest_set_font_scale(float scale) { app().set_font_scale(scale); }

DIGEST_EXPORT const char* digest_activate(const char* key) {
  host::Json result;
  app().changed([&](ui::Viewer& v) { result = v.activate(text(key)); });
  return answer(result);
}

DIGEST_EXPORT int digest_scroll_list(const char* key, int rows) {
  bool done = false;
  app().changed([&](ui::Viewer& v) { done = v.scroll_list(text(key), rows); });
  return done ? 1 : 0;
}

DIGEST_EXPORT const char* digest_set_checklists(const char* json) {
  bool ok = false;
  app().changed([&](ui::Viewer& v) { ok = v.set_checklists(text(json)); });
  return answer(host::Json{{"ok", ok}});
}
DIGEST_EXPORT int digest_set_check(const char* issue, const char* article, const char* key, int checked) {
  bool done = false;
  app().changed([&](ui::Viewer& v) { done = v.set_check(text(issue), text(article), text(key), checked != 0); });
  return done ? 1 : 0;
}

DIGEST_EXPORT const char* digest_set_follows(const char* json) {
  bool ok = false;
  app().changed([&](ui::Viewer& v) { ok = v.set_follows(text(json)); });
  return answer(host::Json{{"ok", ok}});
}
DIGEST_EXPORT const char* digest_follow(const char* topic, int on) {
  host::Json result;
  app().changed([&](ui::Viewer& v) { result = v.follow(text(topic), on != 0); });
  return answer(result);
}

DIGEST_EXPORT const char* digest_listen_start(const char* part, int ordinal) {
  host::Json result;
  app().changed([&](ui::Viewer& v) { result = v.listen_start(text(part), ordinal); });
  return answer(result);
}
DIGEST_EXPORT const char* digest_listen_more(int count) { return answer(app().viewer().listen_more(count)); }
DIGEST_EXPORT const char* digest_listen_at(int n) {
  host::Json result;
  app().changed([&](ui::Viewer& v) { result = v.listen_at(n); });
  return answer(result);
}
DIGEST_EXPORT void digest_listen_follow() { app().changed([](ui::Viewer& v) { v.listen_follow(); }); }

DIGEST_EXPORT const char* digest_state_json() { return answer(app().state()); }
DIGEST_EXPORT const char* digest_links_json() { return answer(app().viewer().links_json()); }
DIGEST_EXPORT int digest_prepare_glyphs(float budget_ms) { return app().prepare_glyphs(budget_ms) ? 1 : 0; }
DIGEST_EXPORT const char* digest_frame_stats_json() { return answer(app().frame_stats()); }

// Built without exceptions, a failed allocation would abort with no reason; this one
// says it first (app.js shows the last line on standard error as the reason).
[[noreturn]] void out_of_memory() {
  std::fputs("out of memory: the viewer's heap (at most 1 GiB) is full\n", stderr);
  std::abort();
}

int main() {
  std::set_new_handler(out_of_memory);
  app().start();
  return 0;
}
