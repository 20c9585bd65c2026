// The description of what a reader can act on (ui/semantics.hpp), read as a screen
// reader's mirror of it would: names, states, containers, and activation by key
// running what a click runs.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

namespace {

const ui::SemanticNode* named(Harness& h, std::string_view name, ui::Role role = ui::Role::Button) {
  return h.viewer().semantics().find_named(name, role);
}

// The nodes inside container `key` (directly), in order.
std::vector<const ui::SemanticNode*> children(Harness& h, std::string_view key) {
  const auto& nodes = h.viewer().semantics().nodes();
  std::vector<const ui::SemanticNode*> out;
  for (const ui::SemanticNode& node : nodes)
    if (node.parent >= 0 && nodes[static_cast<size_t>(node.parent)].key == key) out.push_back(&node);
  return out;
}

bool activate(Harness& h, std::string_view key, float width = 1280, float height = 800) {
  const bool ok = h.viewer().activate(key)["ok"] == true;
  h.frame(width, height);
  h.frame(width, height);  // auto-resized windows take their size in the next frame
  return ok;
}

bool inside(const host::Rect& inner, const host::Rect& outer) {
  return inner.x >= outer.x - 0.5f && inner.y >= outer.y - 0.5f &&
         inner.x + inner.width <= outer.x + outer.width + 0.5f &&
         inner.y + inner.height <= outer.y + outer.height + 0.5f;
}

}  // namespace

TEST_CASE("the semantics: the bar's buttons by their contract names, each running what its click runs",
          "[ui][semantics]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));  // the middle issue: older and newer both exist
  h.frame();
  h.frame();
  for (const char* name : {"前の号", "次の号", "アーカイブ", "文字を小さく", "文字を大きく", "検索", "ヘルプ"}) {
    INFO(name);
    const ui::SemanticNode* button = named(h, name);
    REQUIRE(button);
    CHECK(button->action);
    CHECK_FALSE(button->disabled);
    CHECK(button->rect.width > 0);
    CHECK(button->rect.y + button->rect.height <= ui::kTopBarHeight);
    CHECK(h.viewer().semantics().nodes()[static_cast<size_t>(button->parent)].role == ui::Role::Toolbar);
  }
  REQUIRE(named(h, "ダークモード"));
  CHECK(named(h, "ダークモード")->pressed == ui::Flag::Off);
  // A wide window's contents are a column: a navigation landmark, not a button.
  CHECK(named(h, "目次") == nullptr);
  REQUIRE(named(h, "目次", ui::Role::Navigation));
  const auto articles = children(h, "contents.articles");
  CHECK(std::count_if(articles.begin(), articles.end(), [](auto* n) {
          return n->key.rfind("contents.article.", 0) == 0;
        }) == static_cast<long>(h.viewer().page().anchors.size()));
  CHECK(articles.back()->key == "contents.afterword");
  CHECK(std::count_if(articles.begin(), articles.end(), [](auto* n) { return n->current; }) <= 1);

  // Reported once when it changes, not on a frame that changes nothing.
  const size_t reported = h.events_of("semantics").size();
  REQUIRE(reported >= 1);
  h.frame();
  CHECK(h.events_of("semantics").size() == reported);
  const host::Json last = h.events_of("semantics").back()["nodes"];
  CHECK(last.size() == h.viewer().semantics().nodes().size());

  // Activating runs the click's action: text size, theme, help (a dialog, and the
  // button says it is expanded).
  const float scale = h.viewer().font_scale();
  CHECK(activate(h, "bar.larger"));
  CHECK(h.viewer().font_scale() > scale);
  CHECK(activate(h, "bar.smaller"));
  CHECK(h.viewer().font_scale() == scale);
  CHECK(activate(h, "bar.theme"));
  CHECK(named(h, "ダークモード")->pressed == ui::Flag::On);
  CHECK(h.viewer().dark());
  CHECK(activate(h, "bar.help"));
  REQUIRE(named(h, "ヘルプ", ui::Role::Dialog));
  CHECK(named(h, "ヘルプ")->expanded == ui::Flag::On);
  const auto help = children(h, "help");
  CHECK(help.size() >= 10);  // its close button and a row per key
  CHECK(help.front()->name == "閉じる");
  CHECK(activate(h, "help.close"));
  CHECK(named(h, "ヘルプ", ui::Role::Dialog) == nullptr);
  CHECK(named(h, "ヘルプ")->expanded == ui::Flag::Off);

  // Not on screen, or nothing to run: refused, with the reason in words.
  const host::Json missing = h.viewer().activate("archive.issue.1999-01-01");
  CHECK(missing["ok"] == false);
  CHECK(missing["error"].get<std::string>().find("画面にありません") != std::string::npos);
  h.clear_events();
  CHECK(activate(h, "bar.older"));
  REQUIRE(h.events_of("openIssue").size() == 1);
  CHECK(h.events_of("openIssue")[0]["issue"] == "2026-11-23");
}

TEST_CASE("the semantics of the archive: a dialog, a year per button, issues by their full date, rows as drawn",
          "[ui][semantics]") {
  Browser browser;
  Harness h(browser);
  // A big archive: the recent issues in index.json, two years in files.
  host::Json index = host::Json::parse(Harness::fixture("tests/fixtures/issues/index.json"));
  index["years"] = {{{"year", "2025"}, {"path", "index-2025.json"}, {"issues", 2}},
                    {{"year", "2016"}, {"path", "index-2016.json"}, {"issues", 1}}};
  REQUIRE(h.app().set_index(index.dump())["ok"] == true);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  CHECK(activate(h, "bar.archive"));
  const ui::SemanticNode* dialog = named(h, "アーカイブ", ui::Role::Dialog);
  REQUIRE(dialog);
  CHECK(named(h, "アーカイブ")->expanded == ui::Flag::On);
  REQUIRE(named(h, "2016年", ui::Role::Item));
  CHECK(named(h, "2025年", ui::Role::Item));

  // The issue rows in view, each named from its full date; the one on screen is current.
  auto rows = children(h, "archive.issues");
  REQUIRE(rows.size() >= 4);
  size_t issues = 0;
  for (const ui::SemanticNode* row : rows) {
    CHECK(row->set_size > 0);
    CHECK(row->position >= 1);
    if (row->key.rfind("archive.issue.", 0) != 0) continue;
    ++issues;
    INFO(row->name);
    CHECK(row->name.rfind("2026年11月2", 0) == 0);
    CHECK(inside(row->rect, dialog->rect));
  }
  CHECK(issues == 3);
  const ui::SemanticNode* current = h.viewer().semantics().find("archive.issue.2026-11-25");
  REQUIRE(current);
  CHECK(current->current);
  REQUIRE(current->action);
  CHECK(current->action->kind == ui::Action::Kind::ToggleArchive);  // back to it: the panel closes
  // Positions run on without gaps: the mirror's aria-posinset.
  for (size_t i = 1; i < rows.size(); ++i) CHECK(rows[i]->position == rows[i - 1]->position + 1);

  // The page's arrows past the rows in view scroll the list (a list of the description
  // only; the bar is not one).
  CHECK(h.viewer().scroll_list("archive.issues", 1));
  CHECK_FALSE(h.viewer().scroll_list("bar", 1));
  h.frame();
  h.frame();
  // A year's button jumps the list to it: its file is asked for, then its issues show.
  h.clear_events();
  CHECK(activate(h, "archive.year.2016"));
  h.serve_needs({{"index-2016.json",
                  R"({"format":"digest-index/1","issues":[{"id":"2016-12-31","date":"2016-12-31",)"
                  R"("title":"Tech Digest","headline":"年末の特集号","path":"2016-12-31.json"}]})"}});
  h.frame();
  h.frame();
  const ui::SemanticNode* old_issue = h.viewer().semantics().find("archive.issue.2016-12-31");
  REQUIRE(old_issue);
  CHECK(old_issue->name.rfind("2016年12月31日 年末の特集号", 0) == 0);
  h.clear_events();
  CHECK(activate(h, "archive.issue.2016-12-31"));
  REQUIRE(h.events_of("openIssue").size() == 1);
  CHECK(h.events_of("openIssue")[0]["issue"] == "2016-12-31");
  CHECK(named(h, "アーカイブ", ui::Role::Dialog) == nullptr);  // opening an issue closes it
}

TEST_CASE("the semantics of search: the box named by its scope, a status in words, results as items",
          "[ui][semantics]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  CHECK(activate(h, "bar.search"));
  REQUIRE(named(h, "検索", ui::Role::Dialog));
  REQUIRE(named(h, "この号を検索", ui::Role::Searchbox));
  h.viewer().set_search_text("ルーター", "", 0);
  h.frame();
  h.frame();
  const ui::SemanticNode* status = h.viewer().semantics().find("search.status");
  REQUIRE(status);
  CHECK(status->role == ui::Role::Status);
  const size_t hits = h.viewer().search().hits().size();
  REQUIRE(hits > 1);
  CHECK(status->name == std::to_string(hits) + "件中1件目");
  CHECK(activate(h, "search.next"));
  CHECK(h.viewer().semantics().find("search.status")->name == std::to_string(hits) + "件中2件目");

  CHECK(activate(h, "search.scope"));
  CHECK(named(h, "アーカイブを検索", ui::Role::Searchbox));
  CHECK(named(h, "検索範囲: アーカイブ"));
  CHECK(activate(h, "search.close"));
  CHECK(named(h, "検索", ui::Role::Dialog) == nullptr);
}

TEST_CASE("the semantics of a phone: 目次 and 表示 are buttons that open named dialogs", "[ui][semantics]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  const float width = 360, height = 740;
  h.frame(width, height);
  REQUIRE(named(h, "目次"));
  REQUIRE(named(h, "表示"));
  CHECK(named(h, "表示")->expanded == ui::Flag::Off);
  CHECK(activate(h, "bar.display", width, height));
  const ui::SemanticNode* menu = named(h, "表示", ui::Role::Dialog);
  REQUIRE(menu);
  for (const char* name : {"文字を小さく", "文字を大きく", "ダークモード"}) {
    INFO(name);
    const ui::SemanticNode* button = named(h, name);
    REQUIRE(button);
    CHECK(button->key.rfind("display.", 0) == 0);
    CHECK(inside(button->rect, menu->rect));
  }
  CHECK(h.key("Escape"));
  h.frame(width, height);
  CHECK(named(h, "表示", ui::Role::Dialog) == nullptr);

  CHECK(activate(h, "bar.contents", width, height));
  REQUIRE(named(h, "目次", ui::Role::Dialog));
  const auto articles = children(h, "contents.articles");
  REQUIRE(articles.size() > 2);
  h.clear_events();
  CHECK(activate(h, articles[2]->key, width, height));  // an entry glides there and closes the panel
  CHECK(named(h, "目次", ui::Role::Dialog) == nullptr);
}

TEST_CASE("the contents column: its entries in view described with their place; scroll_list brings on the next",
          "[ui][semantics]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));
  const float width = 1280, height = 330;  // a short window: the column shows part of the list
  h.frame(width, height);
  h.frame(width, height);
  auto last_described = [&] {
    long last = 0;
    for (const ui::SemanticNode* node : children(h, "contents.articles"))
      if (node->key.rfind("contents.article.", 0) == 0) last = std::max(last, node->position);
    return last;
  };
  const long before = last_described();
  REQUIRE(before >= 1);
  REQUIRE(before < static_cast<long>(h.viewer().page().anchors.size()));
  CHECK(children(h, "contents.articles").front()->set_size == static_cast<long>(h.viewer().page().anchors.size()) + 1);
  CHECK(h.viewer().scroll_list("contents.articles", 1));
  for (int i = 0; i < 3; ++i) h.frame(width, height);
  CHECK(last_described() > before);
}

TEST_CASE("sizes in the units a reader expects", "[ui][semantics]") {
  CHECK(ui::human_size(0) == "0 B");
  CHECK(ui::human_size(512 * 1024) == "512 KB");
  CHECK(ui::human_size(3.4 * 1024 * 1024) == "3.4 MB");
  CHECK(ui::human_size(10.0 * 1024 * 1024 * 1024) == "10 GB");
  CHECK(ui::spoken_date("2016-12-31") == "2016年12月31日");
  CHECK(ui::spoken_date("2026-01-05") == "2026年1月5日");
}
