// Followed topics: what a reader's term becomes, the host's record read defensively,
// follow and unfollow reported, and the check of new issues on each visit, through the
// search index (only its manifest, the newest segment's files and the matched issues)
// or, without one, through the new issues alone.
#include <catch_amalgamated.hpp>

#include "core/search_index.hpp"
#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

namespace {

// Every path the viewer asked for, by kind ("issue", "searchFile", ...).
std::map<std::string, std::vector<std::string>> asked(const Harness& h) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& need : h.events_of("need"))
    for (const auto& path : need["paths"]) out[need["kind"]].push_back(path);
  return out;
}

void serve_all(Harness& h, const std::map<std::string, std::string>& site) {
  for (int round = 0; round < 8 && h.serve_needs(site) > 0; ++round) {
  }
}

}  // namespace

TEST_CASE("a reader's term becomes a topic: trimmed, one space, 2 to 80 characters", "[ui][follows]") {
  using ui::Follows;
  CHECK(Follows::topic_of("  CVE-2026-1234 ") == "CVE-2026-1234");
  CHECK(Follows::topic_of("Ivanti\u3000 Connect\n Secure") == "Ivanti Connect Secure");
  CHECK(Follows::topic_of("a").empty());
  CHECK(Follows::topic_of("  ").empty());
  CHECK(Follows::topic_of(std::string(81, 'x')).empty());
  CHECK(Follows::topic_of(std::string(80, 'x')).size() == 80);
  CHECK(Follows::topic_of("ab\x01").empty());
  CHECK(Follows::topic_of("ルーター") == "ルーター");
}

TEST_CASE("follow and unfollow are reported, matched as search matches, and refused when they cannot be",
          "[ui][follows]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  // Before the record is read nothing can be followed (it would be lost).
  CHECK(h.viewer().follow("ルーター", true)["ok"] == false);
  REQUIRE(h.viewer().set_follows(R"({"follows":[]})"));
  h.clear_events();
  const host::Json followed = h.viewer().follow("  ＣＶＥ-2026-1234 ", true);
  CHECK(followed["ok"] == true);
  CHECK(followed["topic"] == "ＣＶＥ-2026-1234");
  const auto events = h.events_of("follow");
  REQUIRE(events.size() == 1);
  // From now on: the newest issue counts as checked, so nothing is fetched now.
  CHECK(events[0]["follow"] ==
        host::Json({{"topic", "ＣＶＥ-2026-1234"}, {"checked", "2026-11-25"}, {"found", host::Json::array()}}));
  CHECK(h.events_of("need").empty());
  // The same topic as search folds it (width, case): followed already.
  CHECK(h.viewer().follow("cve-2026-1234", true)["ok"] == false);
  CHECK(h.viewer().follows().find("Cve-2026-1234") != nullptr);
  CHECK(h.viewer().follow("x", true)["ok"] == false);
  // The search bar's button toggles it, by its action.
  h.viewer().open_search();
  h.viewer().set_search_text("cve-2026-1234", "", 0);
  h.frame();
  const ui::SemanticNode* button = h.viewer().semantics().find("search.follow");
  REQUIRE(button != nullptr);
  CHECK(button->pressed == ui::Flag::On);
  CHECK(h.viewer().activate("search.follow")["ok"] == true);
  REQUIRE(h.events_of("unfollow").size() == 1);
  CHECK(h.events_of("unfollow")[0]["topic"] == "ＣＶＥ-2026-1234");
  CHECK(h.viewer().follows().topics().empty());
  CHECK(h.viewer().follow("cve-2026-1234", false)["ok"] == false);
}

TEST_CASE("a kept record is read defensively: malformed topics and matches are left out", "[ui][follows]") {
  ui::Follows follows;
  CHECK(!follows.load("[]"));
  CHECK(!follows.load("not json"));
  REQUIRE(follows.load(R"({"follows":[
      {"topic":"ルーター","checked":"2026-11-24","found":[
        {"issue":"2026-11-25","article":"router-firmware-backdoor","date":"2026-11-25","title":"t"},
        {"issue":"","article":"a","date":"2026-11-25"},
        {"issue":"x","article":"a","date":"yesterday"},
        7]},
      {"topic":"ﾙｰﾀｰ","checked":"2026-11-24"},
      {"topic":"a"},
      {"topic":42},
      {"checked":"2026-11-24"},
      {"topic":"パスキー","checked":"not a date","found":{}}
    ]})"));
  REQUIRE(follows.topics().size() == 2);  // ﾙｰﾀｰ folds to ルーター: the same topic
  CHECK(follows.topics()[0].found.size() == 1);
  CHECK(follows.topics()[1].text == "パスキー");
  CHECK(follows.topics()[1].checked.empty());  // checked again from the oldest issue
}

TEST_CASE(
    "each visit checks the new issues through the search index: its manifest, the newest files and the "
    "matched issue only",
    "[ui][follows]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.clear_events();
  // 利用者 is in all three issues; checked up to 11-24, only 11-25's articles are new.
  REQUIRE(h.viewer().set_follows(R"({"follows":[
      {"topic":"利用者","checked":"2026-11-24","found":[]},
      {"topic":"ファームウェア","checked":"2026-11-23","found":[]},
      {"topic":"パスキー","checked":"2026-11-25","found":[]}]})"));
  const auto site = ui_test::fixture_search_index().site;
  serve_all(h, site);
  const auto paths = asked(h);
  CHECK(paths.at("searchManifest") == std::vector<std::string>{"manifest.json"});
  CHECK(!paths.at("searchFile").empty());
  // Only the issue of the matches, once, for its titles.
  CHECK(paths.at("issue") == std::vector<std::string>{"2026-11-25.json"});
  const auto reported = h.events_of("follow");
  REQUIRE(reported.size() == 2);  // パスキー was checked up to the newest already
  std::map<std::string, host::Json> by_topic;
  for (const auto& e : reported) by_topic[e["follow"]["topic"]] = e["follow"];
  for (const char* topic : {"利用者", "ファームウェア"}) {
    const host::Json& f = by_topic.at(topic);
    CHECK(f["checked"] == "2026-11-25");
    REQUIRE(!f["found"].empty());
    for (const auto& m : f["found"]) {
      CHECK(m["issue"] == "2026-11-25");
      CHECK(!m["title"].get<std::string>().empty());
    }
  }
  CHECK(by_topic.at("ファームウェア")["found"][0]["article"] == "router-firmware-backdoor");
  // 新着 with the topic, until the article is read.
  const auto& follows = h.viewer().follows();
  CHECK(follows.new_topics("2026-11-25", "router-firmware-backdoor", h.viewer().reading()) ==
        std::vector<std::string>{"利用者", "ファームウェア"});
  CHECK(follows.new_topics("2026-11-24", {}, h.viewer().reading()).empty());
  // The archive row and the 対策 panel name it for a screen reader.
  h.viewer().apply(ui::Action{ui::Action::Kind::ToggleArchive, {}, 0});
  h.frame();
  h.frame();  // the list's rows come in the frame after the panel takes its size
  const ui::SemanticNode* row = h.viewer().semantics().find("archive.issue.2026-11-25");
  REQUIRE(row != nullptr);
  CHECK(row->name.find("フォロー中の「ファームウェア」") != std::string::npos);
  h.viewer().apply(ui::Action{ui::Action::Kind::ToggleActions, {}, 0});
  h.frame();
  h.frame();
  CHECK(h.viewer().semantics().find("actions.unfollow.ふぁーむうぇあ") != nullptr);
  const ui::SemanticNode* match =
      h.viewer().semantics().find("actions.match.ふぁーむうぇあ.2026-11-25.router-firmware-backdoor");
  REQUIRE(match != nullptr);
  CHECK(match->name.find("、新着") != std::string::npos);
  CHECK(h.viewer().state_json(0)["follows"]["check"]["stage"] == "done");
  // Checked once a visit: nothing more is asked for.
  h.clear_events();
  h.frame();
  CHECK(h.events_of("need").empty());
}

TEST_CASE("without a search index the check reads the new issues alone; a failed file leaves topics for next visit",
          "[ui][follows]") {
  Browser browser;
  {
    Harness h(browser);
    REQUIRE(h.load_fixture_index());
    REQUIRE(h.open_fixture("2026-11-25"));
    h.clear_events();
    REQUIRE(h.viewer().set_follows(R"({"follows":[{"topic":"利用者","checked":"2026-11-23","found":[]}]})"));
    serve_all(h, {});  // the fixtures have no search/manifest.json
    const auto paths = asked(h);
    const std::vector<std::string> issues = paths.at("issue");
    CHECK(std::set<std::string>(issues.begin(), issues.end()) ==
          std::set<std::string>{"2026-11-24.json", "2026-11-25.json"});
    const auto reported = h.events_of("follow");
    REQUIRE(reported.size() == 1);
    std::set<std::string> days;
    for (const auto& m : reported[0]["follow"]["found"]) days.insert(m["date"]);
    CHECK(days == std::set<std::string>{"2026-11-24", "2026-11-25"});
  }
  {
    Harness h(browser);
    REQUIRE(h.load_fixture_index());
    REQUIRE(h.open_fixture("2026-11-25"));
    h.clear_events();
    REQUIRE(h.viewer().set_follows(R"({"follows":[{"topic":"利用者","checked":"2026-11-23","found":[]}]})"));
    auto site = ui_test::fixture_search_index().site;
    std::set<std::string> offline;
    for (const auto& [path, bytes] : site)
      if (path != "search/manifest.json") offline.insert(path);
    for (int round = 0; round < 8 && h.serve_needs(site, offline) > 0; ++round) {
    }
    CHECK(h.events_of("follow").empty());  // not advanced: checked again next visit
    CHECK(!h.viewer().state_json(0)["follows"]["check"]["error"].is_null());
  }
  {
    // Offline without a search index: a new issue that cannot be had leaves it unchecked.
    Harness h(browser);
    REQUIRE(h.load_fixture_index());
    REQUIRE(h.open_fixture("2026-11-25"));
    h.clear_events();
    REQUIRE(h.viewer().set_follows(R"({"follows":[{"topic":"利用者","checked":"2026-11-23","found":[]}]})"));
    for (int round = 0; round < 8 && h.serve_needs({}, {"2026-11-24.json"}) > 0; ++round) {
    }
    CHECK(h.events_of("follow").empty());
    CHECK(h.viewer().state_json(0)["follows"]["check"]["error"].get<std::string>().find("2026-11-24.json") == 0);
  }
}
