// The viewer application driven natively: the real ViewerApp (its frame loop, fonts and
// host calls) on a platform with no renderer (textures are acknowledged and dropped),
// the reading font from the system when it is installed, and a host that records every
// event, keeps settings in memory and answers need events from tests/fixtures/. Frames
// advance a fake clock.
#pragma once

#include <imgui.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../core/test_support.hpp"
#include "core/search_index.hpp"
#include "ui/fonts.hpp"
#include "ui/viewer_app.hpp"

namespace ui_test {

// Settings and the system scheme outlive one viewer, as localStorage outlives a page.
struct Browser {
  std::map<std::string, std::string> settings;
  bool prefers_dark = false;
};

class Harness {
 public:
  // `system_font`: false for ImGui's built-in font (the fuzz targets, for speed).
  explicit Harness(Browser& browser, bool system_font = true) : browser_(browser), app_(make_platform()) {
    app_.start();
    app_.use_font(system_font ? load_font() : ImGui::GetIO().Fonts->AddFontDefault());
  }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  ui::ViewerApp& app() { return app_; }
  ui::Viewer& viewer() { return app_.viewer(); }

  bool open_fixture(const char* name, std::string_view article = {}) {
    return app_.open_issue(fixture(std::string("tests/fixtures/issues/") + name + ".json"), article);
  }
  // The fixtures' archive index (three issues, newest first).
  bool load_fixture_index() { return app_.set_index(fixture("tests/fixtures/issues/index.json"))["ok"] == true; }
  static std::string fixture(const std::string& path) { return digest_test::read_file(digest_test::source_path(path)); }

  // One frame of the app's own loop at width x height CSS pixels, at device pixel
  // ratio 1, one 60th of a second after the last.
  void frame(float width = 1280, float height = 800) {
    time_ += 1.0 / 60.0;
    app_.frame(platform::Viewport{width, height, 1.0f}, time_);
  }
  // Time passes without frames (a glide finishing, the reader pausing).
  void wait(double seconds) { time_ += seconds; }

  bool key(const char* name, bool shift = false) {
    platform::KeyEvent event;
    event.key = name;
    event.shift = shift;
    return app_.key(event);
  }

  // The host's scroller follows the last scroll the viewer asked for, as the page does.
  void follow_scroll() {
    for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
      if ((*it)["type"] == "scroll") {
        viewer().set_scroll((*it)["y"].get<float>());
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
      const int request = need["request"];
      for (auto path = need["paths"].rbegin(); path != need["paths"].rend(); ++path, ++answered) {
        const std::string name = path->get<std::string>();
        auto served = site.find(space + name);
        const std::string bytes =
            served != site.end() ? served->second : fixture("tests/fixtures/issues/" + space + name);
        if (offline.count(space + name)) app_.provide_failed(request, name, "offline");
        else if (bytes.empty()) app_.provide_failed(request, name, "サーバーの応答 404");
        else app_.provide(request, name, bytes);
      }
    }
    return answered;
  }

 private:
  ui::AppPlatform make_platform() {
    ui::AppPlatform p;
    p.host.notify = [this](const host::Json& event) {
      events_.push_back(event);
      if (event["type"] == "need") needs_.push_back(event);
    };
    p.host.load_setting = [this](std::string_view key) {
      auto it = browser_.settings.find(std::string(key));
      return it == browser_.settings.end() ? std::string() : it->second;
    };
    p.host.save_setting = [this](std::string_view key, std::string_view value) {
      browser_.settings[std::string(key)] = std::string(value);
    };
    p.host.prefers_dark = [this] { return browser_.prefers_dark; };
    p.request_frame = [] {};  // the tests draw each frame themselves
    p.now_seconds = [this] { return time_; };
    p.start = [](platform::App&, std::string&) {
      // As a renderer does: it takes ImGui's texture updates (acknowledged below).
      ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasTextures | ImGuiBackendFlags_RendererHasVtxOffset;
      return host::StartFailure::None;
    };
    p.render = [](ImDrawData*, int, int) {
      acknowledge_textures();
      return 0.0;
    };
    return p;
  }

  // No GPU: textures are acknowledged as made and dropped as asked.
  static void acknowledge_textures() {
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
  std::vector<host::Json> events_;
  std::vector<host::Json> needs_;  // not answered yet (serve_needs)
  double time_ = 1.0;
  ui::ViewerApp app_;  // last: its platform reaches the members above
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

// The fixtures' search index, as digest index writes it: paths under the site
// ("search/...") → bytes, and its one segment's name.
struct FixtureSearchIndex {
  std::map<std::string, std::string> site;
  std::string segment;
};
inline FixtureSearchIndex fixture_search_index() {
  std::vector<digest::SearchIssue> issues;
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"}) {
    auto loaded = digest::load_issue(Harness::fixture(std::string("tests/fixtures/issues/") + name + ".json"));
    issues.push_back(digest::make_search_issue(loaded.issue, std::string(name) + ".json"));
  }
  std::vector<const digest::SearchIssue*> all;
  for (const auto& issue : issues) all.push_back(&issue);
  digest::SegmentFiles segment = digest::build_search_segment(all);
  FixtureSearchIndex out{{{"search/manifest.json", digest::write_search_manifest({segment})}}, segment.name};
  for (const auto& [name, bytes] : segment.files) out.site["search/" + segment.name + "/" + name] = bytes;
  return out;
}

}  // namespace ui_test
