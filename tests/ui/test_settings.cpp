// The viewer's logic, natively (Dear ImGui without a renderer).
// Settings: the category filter, text size, theme, stored settings of any shape.
#include <catch_amalgamated.hpp>

#include <string>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;
using ui_test::article_now;

TEST_CASE("a category filter shows only its articles, from the top; all brings them back", "[ui][filter]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  const size_t all = h.viewer().page().anchors.size();
  h.viewer().set_scroll(1200);
  h.frame();
  h.clear_events();
  h.viewer().apply(ui::Action{ui::Action::Kind::ToggleCategory, "security", 0});
  h.frame();
  CHECK(h.viewer().position().scroll_y() == 0);
  REQUIRE_FALSE(h.events_of("scroll").empty());
  CHECK(h.events_of("scroll").front()["y"] == 0);
  const auto& page = h.viewer().page();
  REQUIRE(page.anchors.size() == 2);
  for (const auto& a : page.anchors) CHECK(h.viewer().issue()->articles[a.article].category == "security");
  h.viewer().apply(ui::Action{ui::Action::Kind::ShowAllCategories, {}, 0});
  h.frame();
  CHECK(h.viewer().page().anchors.size() == all);
}

TEST_CASE("larger text keeps the article in view and is remembered", "[ui][settings]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25", "ci-secret-leak"));
  h.frame();
  REQUIRE(article_now(h) == "ci-secret-leak");
  const float height = h.viewer().page().height;
  for (const char* key : {"+", "+", "-", "+"}) {
    h.key(key);
    h.frame();
    CHECK(article_now(h) == "ci-secret-leak");
  }
  CHECK(h.viewer().font_scale() == Catch::Approx(1.2f));
  CHECK(h.viewer().page().height > height);
  CHECK(browser.settings["fontScale"] == "1.2");
}

TEST_CASE("the theme follows the system until t chooses one; the host hears every change once", "[ui][settings]") {
  Browser browser;
  browser.prefers_dark = true;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.frame();
  auto themes = h.events_of("theme");
  REQUIRE(themes.size() == 1);
  CHECK(themes[0]["theme"] == "dark");
  h.key("t");
  h.frame();
  CHECK_FALSE(h.viewer().dark());
  CHECK(browser.settings["theme"] == "light");
  browser.prefers_dark = false;  // the system changes: the reader's choice stands
  h.viewer().color_scheme_changed();
  h.frame();
  themes = h.events_of("theme");
  REQUIRE(themes.size() == 2);
  CHECK(themes[1]["theme"] == "light");
}

TEST_CASE("stored settings of any shape are read or ignored, never fatal", "[ui][settings][stored]") {
  // localStorage is written by older builds, extensions and people: a resume place of
  // "@nan" once scrolled the page to no place at all.
  const std::vector<std::string> places = {"ci-secret-leak@nan", "ci-secret-leak@inf", "ci-secret-leak@-1e38",
                                           "ci-secret-leak@", "@0.5", "@", "no-such-article@0.5",
                                           std::string(100000, '@'), std::string("ci\0x@0.5", 8)};
  for (const std::string& place : places) {
    INFO(place.substr(0, 40));
    Browser browser;
    browser.settings["resume.2026-11-25"] = place;
    browser.settings["fontScale"] = place;
    browser.settings["theme"] = place;
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));
    h.frame();
    h.frame();
    const float y = h.viewer().position().scroll_y();
    CHECK(std::isfinite(y));
    CHECK(y >= 0);
    CHECK(h.viewer().font_scale() == 1.0f);
  }
  for (const char* scale : {"nan", "inf", "-1", "1e9", "0x1p3", " 1.25 "}) {
    Browser browser;
    browser.settings["fontScale"] = scale;
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));
    h.frame();
    INFO(scale);
    CHECK(h.viewer().font_scale() >= 0.75f);
    CHECK(h.viewer().font_scale() <= 2.0f);
  }
}

TEST_CASE("each frame's time is taken apart: layout, draw lists, glyphs, upload, GL calls", "[ui][frames]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();  // the page laid out, its glyphs made
  for (int i = 0; i < 5; ++i) {
    h.viewer().set_scroll(300.0f * static_cast<float>(i + 1));
    h.frame();
  }
  const host::Json stats = h.app().frame_stats();
  REQUIRE(stats["frames"].get<size_t>() == 6);
  const host::Json& parts = stats["parts"];
  for (const char* name : {"layout", "drawLists", "glyphs", "upload", "submit"}) {
    INFO(name);
    REQUIRE(parts.contains(name));
    CHECK(parts[name]["p95Ms"].get<double>() >= 0);
  }
  // The first frame laid the page out and made glyphs; the parts of the slowest frames
  // add up to no more than the slowest frame.
  CHECK(parts["layout"]["p95Ms"].get<double>() > 0);
  CHECK(parts["glyphs"]["p95Ms"].get<double>() > 0);
  double slow_parts = 0;
  for (const char* name : {"layout", "drawLists", "glyphs", "upload", "submit"})
    slow_parts += parts[name]["slowMeanMs"].get<double>();
  CHECK(slow_parts <= stats["maxMs"].get<double>() * 1.01 + 0.01);
  CHECK(slow_parts > 0);
}
