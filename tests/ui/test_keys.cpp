// The viewer's logic, natively (Dear ImGui without a renderer).
// Keys and moving: j and k between articles, n and p between issues, ?, / and Esc.
#include <catch_amalgamated.hpp>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;
using ui_test::has_panel;
using ui_test::article_now;

TEST_CASE("a new issue opens at its top; j and k glide between articles with history entries", "[ui][keys]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  CHECK(h.viewer().position().scroll_y() == 0);
  h.clear_events();
  CHECK(h.key("j"));
  auto articles = h.events_of("article");
  REQUIRE(articles.size() == 1);
  CHECK(articles[0]["id"] == "router-firmware-backdoor");
  CHECK(articles[0]["history"] == "push");
  auto scrolls = h.events_of("scroll");
  REQUIRE(scrolls.size() == 1);
  CHECK(scrolls[0]["behavior"] == "smooth");
  h.follow_scroll();
  h.frame();
  CHECK(article_now(h) == "router-firmware-backdoor");
  h.key("j");
  h.follow_scroll();
  h.frame();
  CHECK(article_now(h) == "local-llm-office");
  h.key("k");
  h.follow_scroll();
  h.frame();
  CHECK(article_now(h) == "router-firmware-backdoor");
  CHECK_FALSE(h.key("z"));  // not ours: left to the page
  // Pressed twice before the glide gets anywhere: two articles on.
  h.key("j");
  h.key("j");
  h.follow_scroll();
  h.wait(2);
  h.frame();
  CHECK(article_now(h) == "ci-secret-leak");
}

TEST_CASE("j goes on from the last article to the afterword, which the contents then mark; k comes back",
          "[ui][keys]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  const size_t articles = h.viewer().issue()->articles.size();
  for (size_t i = 0; i < articles; ++i) {
    h.key("j");
    h.follow_scroll();
    h.wait(2);
    h.frame();
  }
  CHECK(article_now(h) == h.viewer().issue()->articles.back().id);
  CHECK_FALSE(h.viewer().state_json(0)["inAfterword"].get<bool>());
  h.clear_events();
  h.key("j");
  REQUIRE(h.events_of("article").size() == 1);
  CHECK(h.events_of("article")[0]["id"] == "afterword");
  h.follow_scroll();
  h.wait(2);
  h.frame();
  CHECK(h.viewer().state_json(0)["inAfterword"].get<bool>());
  CHECK(h.viewer().position().place().rfind("afterword@", 0) == 0);
  h.key("j");  // nothing after it
  h.follow_scroll();
  h.wait(2);
  h.frame();
  CHECK(h.viewer().state_json(0)["inAfterword"].get<bool>());
  h.key("k");
  h.follow_scroll();
  h.wait(2);
  h.frame();
  CHECK(article_now(h) == h.viewer().issue()->articles.back().id);
  // A link to it (#afterword) lands there.
  h.viewer().go_to_article("afterword");
  h.frame();
  CHECK(h.viewer().state_json(0)["inAfterword"].get<bool>());
}

TEST_CASE("? opens help, / opens search, Escape closes them one at a time", "[ui][keys]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  CHECK(h.key("?"));
  h.frame();
  CHECK(has_panel(h, "help"));
  CHECK(h.key("Escape"));
  h.frame();
  CHECK_FALSE(has_panel(h, "help"));
  CHECK(h.key("/"));
  h.frame();
  CHECK(has_panel(h, "search"));
  REQUIRE(h.events_of("searchOpen").size() == 1);  // the host places its input over the box
  CHECK(h.key("Escape"));
  CHECK(h.events_of("searchClose").size() == 1);
  h.frame();
  CHECK_FALSE(has_panel(h, "search"));
  CHECK_FALSE(h.key("Escape"));  // nothing left to close
}

TEST_CASE("n and p ask for the newer and older issue through the index", "[ui][keys]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));
  h.frame();
  h.key("n");
  h.key("p");
  const auto opens = h.events_of("openIssue");
  REQUIRE(opens.size() == 2);
  CHECK(opens[0]["issue"] == "2026-11-25");
  CHECK(opens[1]["issue"] == "2026-11-23");
}
