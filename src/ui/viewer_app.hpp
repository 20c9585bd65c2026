// The application around the Viewer: Dear ImGui's context, fonts, frames on demand and
// input, and every call the host makes (host_protocol.hpp), each answered here so that
// the exported digest_* functions (main.cpp) are one-line adapters. Portable: what it
// needs from the platform is injected (AppPlatform), so the UI tests run this very
// frame loop with a recorder instead of the browser and WebGL.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "platform/host_protocol.hpp"
#include "platform/platform.hpp"
#include "ui/fonts.hpp"
#include "ui/viewer.hpp"

struct ImDrawData;
struct ImGuiContext;

namespace ui {

struct AppPlatform {
  ViewerHost host;  // events, settings, the system scheme, the cursor
  std::function<void()> request_frame;
  std::function<double()> now_seconds;
  // Makes drawing possible (the canvas, the renderer); what failed, if anything.
  std::function<host::StartFailure(platform::App& app, std::string& message)> start;
  // Draws ImGui's draw data at width x height device pixels (and updates textures);
  // returns the seconds the texture uploads took.
  std::function<double(ImDrawData* data, int width, int height)> render;
  GlyphRasterizer rasterize_glyph;  // the platform's glyphs for what the fonts lack
};

class ViewerApp final : public platform::App {
 public:
  explicit ViewerApp(AppPlatform platform);
  ~ViewerApp() override;
  ViewerApp(const ViewerApp&) = delete;
  ViewerApp& operator=(const ViewerApp&) = delete;

  // Creates ImGui's context and starts the platform. The viewer works without a canvas
  // to draw on (the index still resolves), so a failure is recorded, not fatal.
  void start();
  bool can_draw() const { return failure_ == host::StartFailure::None; }
  Viewer& viewer() { return viewer_; }
  long frames_drawn() const { return frames_drawn_; }
  // Asks for the frames that show a change (ImGui settles layout over a few).
  void invalidate();
  // The viewer's own changes (an answer, a tick) ask for frames only when it says so.
  void redraw_if_needed() {
    if (viewer_.take_redraw()) invalidate();
  }

  // --- fonts (the viewer takes ownership of malloc'ed TrueType bytes) ---------------
  bool set_font(void* data, int size);
  // A font already in ImGui's atlas (the UI tests' built-in one).
  void use_font(ImFont* font);
  bool set_bold_font(void* data, int size);
  // weight: 0 regular, 1 bold. Frees `data` when there is no such font.
  bool add_font_slice(int weight, void* data, int size);
  void set_sliced_characters(std::string_view utf8);
  void release_sliced_characters(std::string_view utf8);
  host::Json lacking_characters() const;
  // While held (the slices an issue needs are on their way), no frame is drawn.
  void hold_frames(bool hold);

  // --- the calls of host_protocol.hpp that answer with more than the viewer does -----
  host::Json startup() const;
  host::Json set_index(std::string_view json);
  host::Json resolve_issue(std::string_view wanted);
  bool open_issue(std::string_view json, std::string_view article);
  host::Json add_index_year(std::string_view path, std::string_view json);
  host::Json provide(int request, std::string_view path, std::string_view bytes);
  host::Json provide_failed(int request, std::string_view path, std::string_view reason);
  host::Json set_reading(std::string_view json);
  void reading_tick(double seconds);
  host::Json set_offline_status(std::string_view json);
  host::Json set_embed(std::string_view json);
  bool set_theme(std::string_view theme);
  void set_font_scale(float scale);
  void search_key(std::string_view key);
  void search_scope(std::string_view scope);
  host::Json state() { return viewer_.state_json(frames_drawn_); }
  // Idle time: glyphs near the view rasterised until `budget_ms` is spent (see
  // Viewer::prepare_glyphs), once a frame has set the fonts' pixel ratio. True when
  // more are left.
  bool prepare_glyphs(double budget_ms);
  // Median and 95th percentile of the last frames' CPU time, in milliseconds.
  host::Json frame_stats() const;

  // Runs `change` on the viewer and asks for the frames that show it.
  template <typename Change>
  void changed(Change change) {
    change(viewer_);
    invalidate();
  }

  // --- platform::App -------------------------------------------------------------------
  void frame(const platform::Viewport& vp, double time) override;
  void mouse_move(float x, float y) override;
  void mouse_button(platform::MouseButton button, bool down) override;
  void mouse_leave() override;
  void wheel(float dx, float dy) override;
  bool key(const platform::KeyEvent& event) override;
  void touch_drag(float dx, float dy) override;
  void touch_tap(float x, float y) override;
  void focus_changed(bool focused) override;
  void color_scheme_changed() override;

 private:
  ImFont* font(int weight) const;

  AppPlatform platform_;
  Viewer viewer_;
  ImGuiContext* context_ = nullptr;
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
  // Where each frame's CPU time went (frame_stats): laying the page out, building the
  // draw lists (painters and ImGui), making glyphs, uploading the atlas, GL calls.
  enum Part { kLayout, kDrawLists, kGlyphs, kUpload, kSubmit, kParts };
  float part_ms_[kParts][kFrameHistory] = {};
};

}  // namespace ui
