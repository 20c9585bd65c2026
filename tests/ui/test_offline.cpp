// The viewer's logic, natively (Dear ImGui without a renderer).
// Offline: the status marks, the warm-start snapshot, the top bar on a phone.
#include <catch_amalgamated.hpp>

#include <string>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

TEST_CASE("offline status: the archive marks, state(), and frames only for what is on screen", "[ui][offline]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().take_redraw();
  const host::Json available = h.viewer().set_offline_status(
      R"({"online": true, "supported": true, "kept": ["2026-11-24.json"], "saved": ["2026-11-23.json"]})");
  CHECK(available["available"].size() == 2);
  CHECK(available["available"][0]["id"] == "2026-11-24");
  CHECK(available["available"][1]["saved"] == true);
  CHECK_FALSE(h.viewer().take_redraw());  // nothing on screen shows it: no frame
  h.viewer().set_offline_status(R"({"online": false, "supported": true})");
  CHECK(h.viewer().take_redraw());  // the offline badge appears
  const host::Json s = h.viewer().state_json(0);
  CHECK(s["offline"]["online"] == false);
  CHECK(s["offline"]["available"].empty());
  h.viewer().set_offline_status("not json");  // a malformed payload: the defaults
  CHECK(h.viewer().offline().online);
  // s and Shift+S ask the host to save this issue, and every issue.
  h.clear_events();
  h.key("s");
  h.key("S");
  const auto saves = h.events_of("saveOffline");
  REQUIRE(saves.size() == 2);
  CHECK(saves[0]["paths"] == host::Json({"2026-11-25.json"}));
  CHECK(saves[1]["paths"].size() == 3);
}

TEST_CASE("the snapshot for a warm start is the screen the reader is on", "[ui][offline]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().set_scroll(1500);
  h.frame();
  const host::Json snapshot = h.viewer().snapshot_json();
  CHECK(snapshot["issue"] == "2026-11-25");
  CHECK(snapshot["scrollY"] == 1500);
  CHECK(snapshot["left"] == ui::kSidebarWidth);
  const std::string html = snapshot["html"].get<std::string>();
  CHECK(html.find("<h1 ") == std::string::npos);  // the masthead is far above
  const host::Json pieces = h.viewer().text_layer_pieces_json();
  std::string whole;
  for (size_t i = 0; i < pieces.size(); ++i) whole += h.viewer().text_layer_piece_html(i);
  CHECK(html.size() < whole.size() / 2);
}

TEST_CASE("the top bar fits a phone, online and offline: every control inside the window, none on another",
          "[ui][offline]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));
  for (bool online : {true, false}) {
    h.viewer().set_offline_status(online ? R"({"online": true, "supported": true})"
                                         : R"({"online": false, "supported": true})");
    for (float width : {320.0f, 360.0f, 375.0f, 412.0f, 639.0f, 640.0f, 1280.0f}) {
      h.frame(width, 700);
      h.frame(width, 700);
      std::vector<ui::Panels::Named> bar;
      for (const auto& p : h.viewer().panels().all)
        if (p.name.rfind("bar ", 0) == 0) bar.push_back(p);
      INFO((online ? "online" : "offline") << " at " << width << " px");
      CHECK(bar.size() >= 5);
      bool pill = false, help = false;
      for (size_t i = 0; i < bar.size(); ++i) {
        INFO(bar[i].name);
        pill = pill || bar[i].name == "bar オフライン";
        help = help || bar[i].name == "bar ?";
        CHECK(bar[i].rect.x >= 0);
        CHECK(bar[i].rect.x + bar[i].rect.width <= width);
        for (size_t j = i + 1; j < bar.size(); ++j) {
          INFO(bar[j].name);
          CHECK((bar[i].rect.x + bar[i].rect.width <= bar[j].rect.x || bar[j].rect.x + bar[j].rect.width <= bar[i].rect.x));
        }
      }
      CHECK(pill == !online);
      // Help folds into the 表示 menu only where the bar has no room for it beside 対策.
      CHECK((help || width < 360 || (!online && width < 414)));
    }
  }
}

TEST_CASE("the 表示 menu on a phone: below the bar, closed by 表示 again, by Esc and by a click elsewhere",
          "[ui][panels]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  const float width = 360, height = 740;
  h.frame(width, height);
  auto display = [&]() -> const ui::Panels::Named* {
    for (const auto& p : h.viewer().panels().all)
      if (p.name == "display") return &p;
    return nullptr;
  };
  auto toggle = [&] {
    h.viewer().apply(ui::Action{ui::Action::Kind::ToggleDisplay, {}, 0});
    h.frame(width, height);
    h.frame(width, height);  // auto-resized windows take their size in the next frame
  };
  toggle();
  REQUIRE(display() != nullptr);
  CHECK(display()->rect.y >= ui::kTopBarHeight);  // the bar stays usable
  CHECK(display()->rect.x + display()->rect.width <= width);
  toggle();  // 表示 again
  CHECK(display() == nullptr);
  toggle();
  REQUIRE(display() != nullptr);
  CHECK(h.key("Escape"));
  h.frame(width, height);
  CHECK(display() == nullptr);
  toggle();
  REQUIRE(display() != nullptr);
  ImGui::GetIO().AddMousePosEvent(100, 400);  // on the page, away from the menu
  ImGui::GetIO().AddMouseButtonEvent(0, true);
  h.frame(width, height);
  ImGui::GetIO().AddMouseButtonEvent(0, false);
  h.frame(width, height);
  CHECK(display() == nullptr);
}
