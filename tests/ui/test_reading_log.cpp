// The viewer's logic, natively (Dear ImGui without a renderer).
// The reading log: read, unfinished, 新着 since the last visit, stored logs of any
// shape.
#include <catch_amalgamated.hpp>

#include <string>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

TEST_CASE("the reading log: read after its end was seen and 3 s in it, else unfinished; 新着 since the last visit",
          "[ui][reading]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame(390, 600);  // a phone: articles taller than the view
  // The last visit saw issues up to 2026-11-24; one article of 11-23 was read.
  REQUIRE(h.viewer().set_reading(
      R"({"read":[["2026-11-23","browser-extension-hijack"]],"newSince":"2026-11-24","unfinished":null})"));
  const ui::ReadingLog& log = h.viewer().reading();
  CHECK(log.is_new("2026-11-25"));
  CHECK(!log.is_new("2026-11-24"));
  CHECK(log.is_read("2026-11-23", "browser-extension-hijack"));
  CHECK(log.read_in("2026-11-23") == 1);

  // A long article on screen, its end below the view: 3 s in it make it unfinished.
  const auto& page = h.viewer().page();
  const digest::ArticleAnchor* anchor = nullptr;
  for (const auto& a : page.anchors) {
    if (!anchor && a.bottom - a.top > 1000) anchor = &a;
  }
  REQUIRE(anchor);
  const std::string first = h.viewer().issue()->articles[anchor->article].id;
  h.viewer().set_scroll(anchor->top + 10);
  h.frame(390, 600);
  h.clear_events();
  for (double t = 0; t <= 4; t += 1) h.viewer().reading_tick(100 + t);
  auto unfinished = h.events_of("unfinished");
  REQUIRE(unfinished.size() == 1);
  CHECK(unfinished[0]["place"]["article"] == first);
  CHECK(log.unfinished()->article == first);
  CHECK(h.events_of("read").empty());
  // Scrolled to its end (still the current article): read, and no longer unfinished.
  h.viewer().set_scroll(anchor->bottom - 500);
  h.frame(390, 600);
  h.clear_events();
  for (double t = 5; t <= 6; t += 1) h.viewer().reading_tick(100 + t);
  auto read = h.events_of("read");
  REQUIRE(read.size() == 1);
  CHECK(read[0]["issue"] == "2026-11-25");
  CHECK(read[0]["article"] == first);
  CHECK(log.is_read("2026-11-25", first));
  CHECK(!log.unfinished());
  CHECK(h.events_of("unfinished").size() == 1);  // null: nothing left unfinished

  // A hidden tab's long gap counts as a moment: no article is read by time away.
  h.viewer().set_scroll(anchor->bottom + 10);
  h.frame(390, 600);
  h.clear_events();
  h.viewer().reading_tick(200);
  h.viewer().reading_tick(10000);
  CHECK(h.events_of("read").empty());

  // Cleared: nothing read, nothing new, and the host is told.
  h.viewer().apply(ui::Action{ui::Action::Kind::ClearReading, {}, 0});
  CHECK(log.read_count() == 0);
  CHECK(!log.is_new("2026-11-25"));
  CHECK(h.events_of("clearReading").size() == 1);
}

TEST_CASE("a stored reading log of any shape is read or dropped, never fatal", "[ui][reading][stored]") {
  // What IndexedDB may hand back: written by an older build, an extension, a crash
  // mid-write. nlohmann's value() on a wrong type aborts a build without exceptions.
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  const std::string huge(1 << 20, 'x');
  const std::vector<std::string> stored = {
      R"({"unfinished":{"issue":5,"article":"a","title":"t"}})",
      R"({"unfinished":{"issue":"2026-11-25","article":null,"title":"t"}})",
      R"({"unfinished":{"issue":"2026-11-25","article":"a","title":7}})",
      R"({"unfinished":{"issue":["x"],"article":{"y":1},"title":true}})",
      R"({"unfinished":[]})",
      R"({"unfinished":"2026-11-25"})",
      R"({"read":5,"newSince":3})",
      R"({"read":[[1,2],["a"],null,["a","b","c"],{"0":"a"}]})",
      R"({"newSince":{"year":2026}})",
      "{\"unfinished\":{\"issue\":\"2026-11-25\",\"article\":\"a\",\"title\":\"" + huge + "\"}}",
      "[]", "null", "not json", "", "{\"read\":[",
  };
  for (const std::string& json : stored) {
    INFO(json.substr(0, 80));
    h.viewer().set_reading(json);
    h.frame();
    CHECK_FALSE(h.viewer().reading().is_read("2026-11-25", "a"));
  }
  // A wrong-typed title alone costs the title, not the place.
  REQUIRE(h.viewer().set_reading(R"({"unfinished":{"issue":"2026-11-24","article":"a","title":7}})"));
  REQUIRE(h.viewer().reading().unfinished().has_value());
  CHECK(h.viewer().reading().unfinished()->title.empty());
}
