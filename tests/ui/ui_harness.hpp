// A viewer driven natively: Dear ImGui with no renderer (textures are acknowledged and
// dropped), the reading font from the system when it is installed, and a host that
// records every event and keeps settings in memory. Frames advance a fake clock.
#pragma once

#include <imgui.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
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

  // The host's side of need events, as web/resources.js is: every path asked for and
  // not answered yet gets its file from `site` (paths as served under issues/: an issue
  // "2026-11-25.json", a search file "search/<file>"), else from tests/fixtures/issues/,
  // else a failure, 「サーバーの応答 404」; paths in `offline` fail with "offline".
  // Each request's paths are answered last first (the host's order is any). Requests
  // that answers lead to are answered too. Returns how many paths were answered.
  size_t serve_needs(const std::map<std::string, std::string>& site = {}, const std::set<std::string>& offline = {}) {
    size_t answered = 0;
    while (!needs_.empty()) {
      const host::Json need = needs_.front();
      needs_.erase(needs_.begin());
      const std::string kind = need["kind"];
      const std::string space = kind == "searchManifest" || kind == "searchFile" ? "search/" : "";
      const unsigned request = need["request"];
      for (auto path = need["paths"].rbegin(); path != need["paths"].rend(); ++path, ++answered) {
        const std::string name = path->get<std::string>();
        auto served = site.find(space + name);
        const std::string bytes =
            served != site.end() ? served->second : fixture("tests/fixtures/issues/" + space + name);
        if (offline.count(space + name)) viewer_.provide_failed(request, name, "offline");
        else if (bytes.empty()) viewer_.provide_failed(request, name, "サーバーの応答 404");
        else viewer_.provide(request, name, bytes);
      }
    }
    return answered;
  }

 private:
  ui::ViewerHost make_host() {
    ui::ViewerHost host;
    host.notify = [this](const host::Json& event) {
      events_.push_back(event);
      if (event["type"] == "need") needs_.push_back(event);
    };
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
  std::vector<host::Json> needs_;  // not answered yet (serve_needs)
  double time_ = 1.0;
};

// Is the panel `name` drawn (ui::Panels)?
inline bool has_panel(Harness& h, const char* name) {
  for (const auto& p : h.viewer().panels().all)
    if (p.name == name) return true;
  return false;
}

// The article the reader is at, as state() says ("" above the first).
inline std::string article_now(Harness& h) {
  const host::Json s = h.viewer().state_json(0);
  return s["article"].is_null() ? std::string() : s["article"].get<std::string>();
}

}  // namespace ui_test
