// A viewer driven natively: Dear ImGui with no renderer (textures are acknowledged and
// dropped), the reading font from the system when it is installed, and a host that
// records every event and keeps settings in memory. Frames advance a fake clock.
#pragma once

#include <imgui.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "../core/test_support.hpp"
#include "ui/fonts.hpp"
#include "ui/viewer.hpp"

namespace ui_test {

// Settings and the system scheme outlive one viewer, as localStorage outlives a page.
struct Browser {
  std::map<std::string, std::string> settings;
  bool prefers_dark = false;
};

class Harness {
 public:
  // `system_font`: false for ImGui's built-in font (the fuzz targets, for speed).
  explicit Harness(Browser& browser, bool system_font = true) : browser_(browser), viewer_(make_host()) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures | ImGuiBackendFlags_RendererHasVtxOffset;
    ImGui::GetStyle().FontSizeBase = ui::kBaseFontSize;
    viewer_.set_font(system_font ? load_font() : ImGui::GetIO().Fonts->AddFontDefault());
  }
  ~Harness() { ImGui::DestroyContext(context_); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  ui::Viewer& viewer() { return viewer_; }

  bool open_fixture(const char* name, std::string_view article = {}) {
    return viewer_.open_issue(fixture(std::string("tests/fixtures/issues/") + name + ".json"), article);
  }
  // The fixtures' archive index (three issues, newest first).
  bool load_fixture_index() {
    std::string error;
    return viewer_.set_index(fixture("tests/fixtures/issues/index.json"), error);
  }
  static std::string fixture(const std::string& path) { return digest_test::read_file(digest_test::source_path(path)); }

  // One frame at width x height CSS pixels.
  void frame(float width = 1280, float height = 800) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    time_ += 1.0 / 60.0;
    if (viewer_.style_dirty()) viewer_.style_applied();
    ImGui::NewFrame();
    viewer_.draw(width, height, time_);
    ImGui::Render();
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
      if (tex->Status == ImTextureStatus_WantCreate || tex->Status == ImTextureStatus_WantUpdates) {
        tex->SetTexID(static_cast<ImTextureID>(1));
        tex->SetStatus(ImTextureStatus_OK);
      } else if (tex->Status == ImTextureStatus_WantDestroy) {
        tex->SetTexID(ImTextureID_Invalid);
        tex->SetStatus(ImTextureStatus_Destroyed);
      }
    }
  }
  // Time passes without frames (a glide finishing, the reader pausing).
  void wait(double seconds) { time_ += seconds; }

  bool key(const char* name, bool shift = false) {
    platform::KeyEvent event;
    event.key = name;
    event.shift = shift;
    return viewer_.key(event);
  }

  // The host's scroller follows the last scroll the viewer asked for, as the page does.
  void follow_scroll() {
    for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
      if ((*it)["type"] == "scroll") {
        viewer_.set_scroll((*it)["y"].get<float>());
        return;
      }
    }
  }

  const std::vector<host::Json>& events() const { return events_; }
  std::vector<host::Json> events_of(const char* type) const {
    std::vector<host::Json> out;
    for (const auto& e : events_)
      if (e["type"] == type) out.push_back(e);
    return out;
  }
  void clear_events() { events_.clear(); }

 private:
  ui::ViewerHost make_host() {
    ui::ViewerHost host;
    host.notify = [this](const host::Json& event) { events_.push_back(event); };
    host.load_setting = [this](std::string_view key) {
      auto it = browser_.settings.find(std::string(key));
      return it == browser_.settings.end() ? std::string() : it->second;
    };
    host.save_setting = [this](std::string_view key, std::string_view value) {
      browser_.settings[std::string(key)] = std::string(value);
    };
    host.prefers_dark = [this] { return browser_.prefers_dark; };
    return host;
  }

  // The reading font when the system has it (setup installs it for the web build);
  // else ImGui's own, which measures CJK by its fallback glyph: the logic is the same.
  static ImFont* load_font() {
    const std::string path = "/usr/share/fonts/truetype/bizud-gothic/BIZUDPGothic-Regular.ttf";
    std::string bytes = digest_test::read_file(path);
    if (!bytes.empty()) {
      void* data = std::malloc(bytes.size());
      std::memcpy(data, bytes.data(), bytes.size());
      if (ImFont* font = ui::add_reading_font(data, static_cast<int>(bytes.size()), ui::kBaseFontSize, nullptr))
        return font;
    }
    return ImGui::GetIO().Fonts->AddFontDefault();
  }

  Browser& browser_;
  ImGuiContext* context_ = nullptr;
  ui::Viewer viewer_;
  std::vector<host::Json> events_;
  double time_ = 1.0;
};

}  // namespace ui_test
