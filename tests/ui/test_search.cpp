// The viewer's logic, natively (Dear ImGui without a renderer).
// Search: hits in the issue; the archive scope through need events answered from
// tests/fixtures/ (with a search index, without, with a broken one); results.
#include <catch_amalgamated.hpp>

#include <map>
#include <string>

#include "core/search_index.hpp"
#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;
using ui_test::article_now;

TEST_CASE("search finds hits, steps through them wrapping, and scrolls to each", "[ui][search]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-24"));
  h.frame();
  h.viewer().open_search();
  h.viewer().set_search_text("ぱすきー", "", 0);  // hiragana finds katakana パスキー
  h.frame();
  const auto& search = h.viewer().search();
  const size_t hits = search.hits().size();
  REQUIRE(hits >= 3);
  CHECK(search.current_hit() == 0);
  h.clear_events();
  for (size_t i = 1; i <= hits; ++i) {
    h.viewer().search_key(host::SearchKey::Next);
    CHECK(search.current_hit() == static_cast<int>(i % hits));
  }
  CHECK(h.events_of("scroll").size() == hits);
  h.viewer().search_key(host::SearchKey::Previous);
  CHECK(search.current_hit() == static_cast<int>(hits - 1));
  // Text still being composed by the IME is shown, not searched.
  h.viewer().set_search_text("", "ぱすきー", 0);
  h.frame();
  CHECK(search.hits().empty());
}

TEST_CASE("the archive scope asks for the issues, lists results newest first, arrows choose and Enter opens",
          "[ui][search]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().open_search();
  h.viewer().set_search_scope(host::SearchScope::Archive);
  h.viewer().set_search_text("利用者", "", 0);  // in all three issues
  h.frame();
  // First the search index's manifest; the fixtures have none (404), so every issue.
  auto needed = h.events_of("need");
  REQUIRE(needed.size() == 1);
  CHECK(needed[0]["kind"] == "searchManifest");
  CHECK(needed[0]["paths"] == host::Json({"manifest.json"}));
  CHECK(h.serve_needs() == 4);
  needed = h.events_of("need");
  REQUIRE(needed.size() == 2);
  CHECK(needed[1]["kind"] == "issue");
  CHECK(needed[1]["paths"] == host::Json({"2026-11-25.json", "2026-11-24.json", "2026-11-23.json"}));
  CHECK(h.viewer().requests().waiting() == 0);
  // Answered already, or never asked: refused, and nothing changes.
  CHECK(h.viewer().provide(needed[1]["request"], "2026-11-25.json", "{}")["ok"] == false);
  CHECK(h.viewer().provide_failed(999, "2026-11-25.json", "offline")["ok"] == false);
  h.frame();
  const auto& results = h.viewer().search().results();
  REQUIRE(results.size() >= 3);
  for (size_t i = 1; i < results.size(); ++i) CHECK(results[i - 1].date >= results[i].date);
  h.viewer().search_key(host::SearchKey::Down);
  CHECK(h.viewer().search().selected_result() == 1);
  h.viewer().search_key(host::SearchKey::Up);
  h.viewer().search_key(host::SearchKey::Up);
  CHECK(h.viewer().search().selected_result() == 0);
  h.clear_events();
  const auto first = results[0];
  h.viewer().search_key(host::SearchKey::Next);
  if (first.issue_id == "2026-11-25") {
    REQUIRE(h.events_of("article").size() == 1);
    CHECK(h.events_of("article")[0]["id"] == first.article_id);
  } else {
    REQUIRE(h.events_of("openIssue").size() == 1);
    CHECK(h.events_of("openIssue")[0]["article"] == first.article_id);
  }
  CHECK(h.viewer().search().scope() == host::SearchScope::Issue);
}

TEST_CASE("an archive result opens at its article, moved on to the hit when it is below the fold", "[ui][search]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame(390, 500);
  h.viewer().open_search();
  h.viewer().set_search_scope(host::SearchScope::Archive);
  h.viewer().set_search_text("失敗しないための近道", "", 0);  // the last line of local-llm-office
  h.frame(390, 500);
  h.serve_needs();
  h.frame(390, 500);
  REQUIRE(h.viewer().search().results().size() == 1);
  CHECK(h.viewer().search().results()[0].article_id == "local-llm-office");
  h.viewer().search_key(host::SearchKey::Next);
  h.frame(390, 500);
  h.frame(390, 500);
  const auto& search = h.viewer().search();
  REQUIRE(search.current_hit() >= 0);
  const auto& line = h.viewer().page().lines[search.hits()[static_cast<size_t>(search.current_hit())].line];
  const float top = h.viewer().position().scroll_y(), view = h.viewer().position().view_height();
  CHECK(line.y >= top);
  CHECK(line.y + line.height <= top + view);
  CHECK(article_now(h) == "local-llm-office");
}

TEST_CASE("with a search index the archive scope asks for index files, then the issues of the rows on screen",
          "[ui][search]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  const ui_test::FixtureSearchIndex fixture = ui_test::fixture_search_index();
  std::map<std::string, std::string> site = fixture.site;

  h.viewer().open_search();
  h.viewer().set_search_scope(host::SearchScope::Archive);
  h.viewer().set_search_text("利用者は", "", 0);  // two issues; four characters prove by positions
  h.frame();
  // The manifest, then the files each round of the query names (asked for at once, not
  // at the next frame: answering one round asks for the next), until searchDone.
  for (int round = 0; round < 5; ++round) {
    h.serve_needs(site);
    if (!h.events_of("searchDone").empty()) break;
    h.frame();
  }
  const auto done = h.events_of("searchDone");
  REQUIRE(done.size() == 1);
  CHECK(done[0]["query"] == "利用者は");
  std::vector<std::string> kinds;
  for (const auto& need : h.events_of("need")) {
    kinds.push_back(need["kind"]);
    if (need["kind"] != "searchFile") continue;
    for (const auto& file : need["paths"]) CHECK(file.get<std::string>().rfind(fixture.segment + "/", 0) == 0);
  }
  REQUIRE(kinds.size() >= 2);
  CHECK(kinds[0] == "searchManifest");
  for (size_t i = 1; i < kinds.size(); ++i) CHECK(kinds[i] == "searchFile");  // no issue scanned
  const auto& results = h.viewer().search().results();
  REQUIRE(!results.empty());
  CHECK(done[0]["results"] == results.size());
  CHECK(h.viewer().search().results_complete());
  CHECK(!results[0].has_text);
  // The rows on screen ask for their issues; once read, they have titles and excerpts.
  h.clear_events();
  size_t asked_issues = 0;
  for (int round = 0; round < 3; ++round) {
    h.frame();
    asked_issues += h.serve_needs(site);
  }
  for (const auto& need : h.events_of("need")) CHECK(need["kind"] == "issue");
  CHECK(asked_issues == 2);  // each once
  for (const auto& r : h.viewer().search().results()) {
    CHECK(r.has_text);
    CHECK(!r.title.empty());
    CHECK(r.excerpt.find("【利用者は】") != std::string::npos);
  }
  // A damaged file: the query stops, says which file, and lists nothing.
  for (auto& [path, bytes] : site)
    if (path != "search/manifest.json") bytes = "junk";
  h.clear_events();
  h.viewer().set_search_text("利用者", "", 0);
  h.frame();
  CHECK(h.serve_needs(site) >= 1);
  h.frame();
  CHECK(h.viewer().search().results().empty());
  CHECK(h.viewer().search().index_error().find("not a list file") != std::string::npos);
  CHECK(h.events_of("searchDone").size() == 1);
}

TEST_CASE("a broken search index: the archive is searched issue by issue", "[ui][search]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.viewer().open_search();
  h.viewer().set_search_scope(host::SearchScope::Archive);
  h.viewer().set_search_text("利用者", "", 0);
  h.frame();
  CHECK(h.serve_needs({{"search/manifest.json", "{}"}}) == 4);  // refused, then the three issues
  h.frame();
  CHECK(h.viewer().search().results().size() >= 3);
  CHECK(h.viewer().search().index_error().empty());
}
