// 読み上げ in the viewer: the key and buttons ask the host, a reading starts at the
// screen or a kept place, the sentence being spoken is lit and followed until the
// reader scrolls away, a relayout keeps the sentences, a new issue ends the reading.
#include <catch_amalgamated.hpp>

#include <imgui_internal.h>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

TEST_CASE("l, the bar's button and the mirror ask the host to read aloud", "[ui][listen]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.clear_events();
  CHECK(h.key("l"));
  auto asked = h.events_of("listen");
  REQUIRE(asked.size() == 1);
  CHECK(asked[0]["action"] == "toggle");
  const ui::SemanticNode* button = h.viewer().semantics().find("bar.listen");
  REQUIRE(button);
  CHECK(button->name == "読み上げ");
  CHECK(h.viewer().activate("bar.listen")["ok"] == true);
  CHECK(h.events_of("listen").size() == 2);
  // A phone folds it into 表示.
  h.frame(360, 740);
  h.frame(360, 740);
  CHECK_FALSE(h.viewer().semantics().find("bar.listen"));
  h.key("d");
  h.frame(360, 740);
  CHECK(h.viewer().semantics().find("display.listen"));
}

TEST_CASE("a reading starts at the screen's top, lights each sentence and follows it", "[ui][listen]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  host::Json start = h.viewer().listen_start("", -1);
  REQUIRE(start["ok"] == true);
  CHECK(start["issue"] == "2026-11-25");
  REQUIRE(start["sentences"].size() >= 8);
  CHECK(start["sentences"][0]["text"] == "Tech Digest");
  CHECK(start["sentences"][0]["n"] == 0);
  CHECK(start["sentences"][2]["part"] == "router-firmware-backdoor");
  CHECK(start["sentences"][2]["heading"] == true);
  CHECK(start["sentences"][2]["title"] == h.viewer().issue()->articles[0].title);
  host::Json at = h.viewer().listen_at(2);
  CHECK(at["ok"] == true);
  CHECK(at["following"] == true);
  REQUIRE(at["marks"].size() == 1);
  CHECK(at["marks"][0]["from"] == 0);
  REQUIRE(h.viewer().listening().current());
  CHECK(h.viewer().listening().current()->ordinal == 0);
  // More, numbered on; past the end of what was given is refused.
  host::Json more = h.viewer().listen_more(5);
  REQUIRE(more["sentences"].size() >= 5);
  CHECK(more["sentences"][0]["n"] == start["sentences"].size());
  CHECK(more["end"] == false);
  CHECK(h.viewer().listen_at(1000)["ok"] == false);
  // The page glides to a sentence out of view.
  const size_t last = more["sentences"].back()["n"];
  h.clear_events();
  h.viewer().listen_at(static_cast<long>(last));
  REQUIRE_FALSE(h.events_of("scroll").empty());
  h.follow_scroll();
  h.frame();
  const float followed = h.viewer().position().scroll_y();
  CHECK(followed > 0);
  // The reader scrolls away: the next sentence does not pull the page back.
  h.viewer().set_scroll(followed + 3000);
  h.frame();
  h.clear_events();
  host::Json more2 = h.viewer().listen_more(2);
  REQUIRE_FALSE(more2["sentences"].empty());
  CHECK(h.viewer().listen_at(more2["sentences"][0]["n"].get<long>())["following"] == false);
  CHECK(h.events_of("scroll").empty());
  // 読み上げ位置へ戻る.
  h.viewer().listen_follow();
  REQUIRE(h.events_of("scroll").size() == 1);
  h.follow_scroll();
  h.frame();
  CHECK(h.viewer().listening().following);
  // -1: the reading is over, nothing is lit.
  h.viewer().listen_at(-1);
  CHECK_FALSE(h.viewer().listening().current());
  CHECK_FALSE(h.viewer().listening().active());
}

TEST_CASE("a kept place resumes at its sentence; a relayout keeps the sentences; a new issue ends the reading",
          "[ui][listen]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  host::Json start = h.viewer().listen_start("local-llm-office", 3);
  REQUIRE(start["sentences"].size() >= 1);
  CHECK(start["sentences"][0]["part"] == "local-llm-office");
  CHECK(start["sentences"][0]["ordinal"] == 3);
  h.viewer().listen_at(0);
  const digest::SpokenSentence before = *h.viewer().listening().current();
  // Larger text: the page is laid out again; the sentence keeps its words, moves.
  h.key("+");
  for (int i = 0; i < 5; ++i) h.frame();
  const digest::SpokenSentence* after = h.viewer().listening().current();
  REQUIRE(after);
  CHECK(after->speech == before.speech);
  CHECK(after->ordinal == before.ordinal);
  const auto& page = h.viewer().page();
  CHECK(page.text.substr(after->begin, after->end - after->begin).size() == after->end - after->begin);
  CHECK(h.viewer().listen_at(0)["marks"].size() >= 1);
  // An unknown place starts at the screen instead.
  CHECK_FALSE(h.viewer().listen_start("no-such-article", 2)["sentences"].empty());
  // Another issue: the reading ends and the host is told.
  h.clear_events();
  REQUIRE(h.open_fixture("2026-11-24"));
  auto stops = h.events_of("listen");
  REQUIRE(stops.size() == 1);
  CHECK(stops[0]["action"] == "stop");
  CHECK_FALSE(h.viewer().listening().active());
}

TEST_CASE("a press and release on a button of the 表示 menu acts (a tap on a phone)", "[ui][listen]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame(360, 740);
  h.frame(360, 740);
  // Rectangles copied: the description is made again every frame.
  auto rect_of = [&](const char* key) {
    const ui::SemanticNode* node = h.viewer().semantics().find(key);
    REQUIRE(node);
    return node->rect;
  };
  auto click = [&](host::Rect r) {
    h.app().mouse_move(r.x + r.width / 2, r.y + r.height / 2);
    h.frame(360, 740);
    h.app().mouse_button(platform::MouseButton::Left, true);
    h.frame(360, 740);
    h.app().mouse_button(platform::MouseButton::Left, false);
    for (int i = 0; i < 4; ++i) h.frame(360, 740);  // a menu that opened takes its size
  };
  click(rect_of("bar.display"));
  h.clear_events();
  click(rect_of("display.listen"));
  CHECK(h.events_of("listen").size() == 1);
  CHECK_FALSE(ui_test::has_panel(h, "display"));  // the menu closed as it acted
  // The others too (the press used to close the menu before the release could act).
  const float before = h.viewer().font_scale();
  click(rect_of("bar.display"));
  click(rect_of("display.larger"));
  CHECK(h.viewer().font_scale() > before);
  REQUIRE(ui_test::has_panel(h, "display"));  // A- and A+ leave it open, to press again
  // A click outside still closes it.
  click(host::Rect{20, 400, 10, 10});
  CHECK_FALSE(ui_test::has_panel(h, "display"));
}
