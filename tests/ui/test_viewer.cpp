// The viewer's logic, natively: keys, panels, moving between articles and issues,
// search stepping, the archive's results, resume, filters, theme and text size. The
// browser tests check the same from the outside; these pin the rules.
#include <catch_amalgamated.hpp>

#include <cmath>

#include "core/search_index.hpp"
#include "core/utf8.hpp"
#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

namespace {

bool has_panel(Harness& h, const char* name) {
  for (const auto& p : h.viewer().panels().all)
    if (p.name == name) return true;
  return false;
}

std::string article_now(Harness& h) {
  const host::Json s = h.viewer().state_json(0);
  return s["article"].is_null() ? std::string() : s["article"].get<std::string>();
}

}  // namespace

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
  CHECK_FALSE(h.key("x"));  // not ours: left to the page
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
  auto needed = h.events_of("archiveNeeded");
  REQUIRE(needed.size() == 1);
  CHECK(needed[0]["paths"] == host::Json({"2026-11-25.json", "2026-11-24.json", "2026-11-23.json"}));
  for (const char* name : {"2026-11-23", "2026-11-25", "2026-11-24"})  // any order of arrival
    h.viewer().add_archive_issue(Harness::fixture(std::string("tests/fixtures/issues/") + name + ".json"));
  h.viewer().archive_complete();
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
  for (const char* name : {"2026-11-23", "2026-11-25", "2026-11-24"})
    h.viewer().add_archive_issue(Harness::fixture(std::string("tests/fixtures/issues/") + name + ".json"));
  h.viewer().archive_complete();
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
  // The fixtures' search index, as digest index writes it.
  std::vector<digest::SearchIssue> issues;
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"}) {
    auto loaded = digest::load_issue(Harness::fixture(std::string("tests/fixtures/issues/") + name + ".json"));
    issues.push_back(digest::make_search_issue(loaded.issue, std::string(name) + ".json"));
  }
  std::vector<const digest::SearchIssue*> all;
  for (const auto& issue : issues) all.push_back(&issue);
  digest::SegmentFiles segment = digest::build_search_segment(all);
  const std::string manifest = digest::write_search_manifest({segment});

  h.viewer().open_search();
  h.viewer().set_search_scope(host::SearchScope::Archive);
  h.viewer().set_search_text("利用者は", "", 0);  // two issues; four characters prove by positions
  h.frame();
  REQUIRE(h.events_of("archiveNeeded").size() == 1);
  CHECK(h.viewer().set_search_index("{}")["ok"] == false);  // refused: still waiting for one
  REQUIRE(h.viewer().set_search_index(manifest)["ok"] == true);
  h.clear_events();
  // Each frame asks for the files the query waits for, once; answering them in any
  // order leads to the next stage, until searchDone.
  // (They are asked for at once, not at the next frame: answering one round asks for
  // the next.)
  size_t answered = 0;
  for (int round = 0; round < 5; ++round) {
    h.frame();
    if (!h.events_of("searchDone").empty()) break;
    const auto asked = h.events_of("searchFiles");
    for (; answered < asked.size(); ++answered) {
      const auto& event = asked[answered];
      for (const auto& file : event["files"]) {
        const std::string path = file.get<std::string>();
        const std::string name = path.substr(path.find('/') + 1);
        CHECK(path.substr(0, path.find('/')) == segment.name);
        h.viewer().search_index_file(event["query"].get<unsigned>(), path, segment.files.at(name));
      }
    }
  }
  const auto done = h.events_of("searchDone");
  REQUIRE(done.size() == 1);
  CHECK(done[0]["query"] == "利用者は");
  const auto& results = h.viewer().search().results();
  REQUIRE(!results.empty());
  CHECK(done[0]["results"] == results.size());
  CHECK(h.viewer().search().results_complete());
  CHECK(!results[0].has_text);
  // The rows on screen ask for their issues; once read, they have titles and excerpts.
  size_t asked_issues = 0;
  for (int round = 0; round < 3; ++round) {
    for (const auto& event : h.events_of("archiveExcerpts")) {
      for (const auto& path : event["paths"]) {
        ++asked_issues;
        h.viewer().add_archive_issue(Harness::fixture("tests/fixtures/issues/" + path.get<std::string>()));
      }
    }
    h.clear_events();
    h.frame();
  }
  CHECK(asked_issues == 2);  // each once
  for (const auto& r : h.viewer().search().results()) {
    CHECK(r.has_text);
    CHECK(!r.title.empty());
    CHECK(r.excerpt.find("【利用者は】") != std::string::npos);
  }
  // A damaged file: the query stops, says which file, and lists nothing.
  h.clear_events();
  h.viewer().set_search_text("利用者", "", 0);
  h.frame();
  const auto asked = h.events_of("searchFiles");
  REQUIRE(asked.size() == 1);
  h.viewer().search_index_file(asked[0]["query"].get<unsigned>(), asked[0]["files"][0].get<std::string>(), "junk");
  h.frame();
  CHECK(h.viewer().search().results().empty());
  CHECK(h.viewer().search().index_error().find("not a list file") != std::string::npos);
  CHECK(h.events_of("searchDone").size() == 1);
}

TEST_CASE("the place is saved and resumed by the next page view, at another width", "[ui][resume]") {
  Browser browser;
  std::string place;
  float left_at = 0;
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));
    h.frame();
    h.viewer().set_scroll(1500);
    h.frame();
    left_at = h.viewer().position().scroll_y();
    h.viewer().save_resume();
    place = browser.settings["resume.2026-11-25"];
  }
  REQUIRE(place.find('@') != std::string::npos);
  const std::string article = place.substr(0, place.find('@'));
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));  // no #article: where the reader left off
    h.frame();
    CHECK(std::abs(h.viewer().position().scroll_y() - left_at) < 1);
    CHECK(article_now(h) == article);
  }
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));
    h.frame(390, 800);  // a phone: the same article, though the page is longer
    CHECK(article_now(h) == article);
  }
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25", "ci-secret-leak"));  // an #article wins over the place
    h.frame();
    CHECK(article_now(h) == "ci-secret-leak");
  }
}

TEST_CASE("at the very top nothing is saved to resume (the issue opens there anyway)", "[ui][resume]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().save_resume();
  CHECK(browser.settings.count("resume.2026-11-25") == 1);
  CHECK(browser.settings["resume.2026-11-25"].empty());
}

TEST_CASE("glyphs of the text below the view are rasterised in idle time, without drawing", "[ui][glyphs]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  // A character of the body text first seen two screens down, and its size there.
  const digest::PageLayout& page = h.viewer().page();
  auto body_chars = [&](float top, float bottom, float* size) {
    std::u32string out;
    const auto [first, last] = page.visible_lines(top, bottom);
    for (size_t i = first; i < last; ++i) {
      const digest::PageLine& line = page.lines[i];
      if (line.role != digest::TextRole::Body) continue;
      if (size) *size = line.size;
      for (uint32_t k = 0; k < line.span_count; ++k) {
        const digest::PageSpan& span = page.spans[line.first_span + k];
        const std::string_view text = std::string_view(page.text).substr(span.begin, span.end - span.begin);
        for (size_t at = 0; at < text.size();) out += digest::utf8_next(text, at);
      }
    }
    return out;
  };
  float body = 0;
  const std::u32string seen = body_chars(-1000, 1000, nullptr), below = body_chars(1600, 2400, &body);
  char32_t later = 0;
  for (char32_t c : below)
    if (c >= 0x4E00 && seen.find(c) == std::u32string::npos) later = c;
  REQUIRE(later != 0);
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  CHECK_FALSE(font->GetFontBaked(body)->IsGlyphLoaded(static_cast<ImWchar>(later)));
  int calls = 0;
  while (h.viewer().prepare_glyphs(8)) ++calls;
  CHECK(calls > 1);  // a few lines a call
  CHECK(font->GetFontBaked(body)->IsGlyphLoaded(static_cast<ImWchar>(later)));
  CHECK_FALSE(h.viewer().prepare_glyphs(8));  // nothing left until the reader moves
  h.viewer().set_scroll(3000);
  CHECK(h.viewer().prepare_glyphs(1));
}

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

TEST_CASE("the index resolves latest and ids; a rejected index is not kept", "[ui][index]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  std::string error;
  const digest::IndexEntry* latest = h.viewer().resolve_issue("latest", error);
  REQUIRE(latest);
  CHECK(latest->id == "2026-11-25");
  CHECK(h.viewer().resolve_issue("", error) == latest);
  REQUIRE(h.viewer().resolve_issue("2026-11-23", error));
  CHECK(h.viewer().resolve_issue("1999-01-01", error) == nullptr);
  CHECK(error.find("1999-01-01") != std::string::npos);
  CHECK_FALSE(h.viewer().set_index(R"({"format": "digest-index/1", "issues": [{"id": 7}]})", error));
  CHECK(error.find("/issues/0") != std::string::npos);
  CHECK(h.viewer().resolve_issue("latest", error) == nullptr);
}

TEST_CASE("a failed load keeps the issue on screen and says why; Retry and close", "[ui][errors]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  CHECK_FALSE(h.viewer().open_issue(R"({"format": "digest-issue/1", "id": )"));
  CHECK(h.viewer().issue()->id == "2026-11-25");
  CHECK(h.viewer().error().find("invalid JSON") != std::string::npos);
  h.frame();
  CHECK(has_panel(h, "error"));
  h.viewer().apply(ui::Action{ui::Action::Kind::Retry, {}, 0});
  CHECK(h.events_of("retry").size() == 1);
  h.viewer().apply(ui::Action{ui::Action::Kind::DismissError, {}, 0});
  h.frame();
  CHECK_FALSE(has_panel(h, "error"));
}

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

TEST_CASE("embedded: no top bar or contents column; the page starts at the canvas top", "[ui][embed]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));
  h.frame();
  CHECK(has_panel(h, "contents"));
  const auto before = h.events_of("layout");
  REQUIRE(!before.empty());
  CHECK(before.back()["top"] > 0);
  h.viewer().set_embed(ui::EmbedOptions{true, std::nullopt});
  h.frame();
  CHECK_FALSE(has_panel(h, "contents"));
  CHECK(h.events_of("layout").back()["top"] == 0);
  CHECK(h.events_of("layout").back()["left"] == 0);
  const host::Json s = h.viewer().state_json(0);
  CHECK(s["embedded"] == true);
  CHECK(s["newer"] == "2026-11-25");
  CHECK(s["older"] == "2026-11-23");
}

TEST_CASE("a host's theme and text size apply to this page and are not remembered", "[ui][embed][settings]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().set_theme_for_page(ui::ThemeSetting::Dark);
  h.viewer().set_font_scale_for_page(1.75f);
  h.frame();
  CHECK(h.viewer().dark());
  CHECK(h.viewer().font_scale() == Catch::Approx(1.75f));
  CHECK(browser.settings.count("theme") == 0);
  CHECK(browser.settings.count("fontScale") == 0);
  h.viewer().set_font_scale_for_page(9.0f);  // clamped to the range
  CHECK(h.viewer().font_scale() == Catch::Approx(2.0f));
}

TEST_CASE("a host's accent is made readable on both themes; colours and themes parse strictly", "[ui][embed]") {
  uint32_t rgb = 0;
  CHECK(host::parse_hex_colour("#0a7cff", rgb));
  CHECK(rgb == 0x0a7cffu);
  CHECK(host::parse_hex_colour("#ABC", rgb));
  CHECK(rgb == 0xaabbccu);
  for (const char* bad : {"", "#", "0a7cff", "#0a7cf", "#0a7cffz", "#ggg", "red", "#0a7cff00"}) {
    CHECK_FALSE(host::parse_hex_colour(bad, rgb));
  }
  CHECK(host::hex_colour(0x0a7cff) == "#0a7cff");
  host::ThemeChoice choice;
  CHECK(host::parse_theme_choice("auto", choice));
  CHECK(choice == host::ThemeChoice::Auto);
  CHECK_FALSE(host::parse_theme_choice("Dark", choice));
  for (bool dark : {false, true}) {
    const ui::Palette& p = ui::palette(dark);
    for (ImU32 accent : {IM_COL32(255, 255, 0, 255), IM_COL32(20, 20, 30, 255), IM_COL32(192, 57, 43, 255)}) {
      CHECK(ui::contrast_ratio(ui::readable_on(accent, p.background, p.text), p.background) >= 4.5f);
    }
  }
  // A readable accent is kept as it is.
  const ui::Palette& light = ui::palette(false);
  CHECK(ui::readable_on(IM_COL32(0, 60, 140, 255), light.background, light.text) == IM_COL32(0, 60, 140, 255));
}

TEST_CASE("the archive list: months newest first, a category filter, year files as rows until loaded",
          "[ui][archive]") {
  // An index.json of a big archive: two recent issues, and three years in files.
  digest::ArchiveIndex index;
  index.issues = {{"2026-02-02", "2026-02-02", "T", "H2", "2026-02-02.json", {"ai"}},
                  {"2026-01-30", "2026-01-30", "T", "H1", "2026-01-30.json", {"security"}}};
  index.years = {{"2026", "index-2026.json", 30}, {"2025", "index-2025.json", 365}, {"2024", "index-2024.json", 366}};
  ui::ArchiveBrowser list;
  using Kind = ui::ArchiveBrowser::Row::Kind;
  auto kinds = [&] {
    std::string out;
    for (const auto& row : list.rows(index)) out += row.kind == Kind::Month ? 'M' : row.kind == Kind::Issue ? 'I' : 'Y';
    return out;
  };
  CHECK(kinds() == "MIMIYYY");  // 2026-02, its issue, 2026-01, its issue; 2026 (the rest), 2025, 2024
  CHECK(list.rows(index)[0].label == "2026年2月");
  CHECK(list.rows(index)[4].label == "2026年 · 30号");
  CHECK(list.categories() == std::vector<std::string>{"ai", "security"});
  list.set_category("security");
  CHECK(kinds() == "MIYYY");
  list.set_category("");

  // A year row in view asks for its file, once; an issue id asks for its year's.
  list.want_year(index, 1);
  list.want_year(index, 1);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  CHECK(list.years_for_id(index, "2024-06-01") == std::vector<std::string>{"index-2024.json"});
  CHECK(list.years_for_id(index, "some-slug").size() == 3);

  // 2025 merged in: its months take its row's place, between 2026's row and 2024's.
  index.issues.push_back({"2025-12-31", "2025-12-31", "T", "H", "2025-12-31.json", {"ai"}});
  index.issues.push_back({"2025-03-01", "2025-03-01", "T", "H", "2025-03-01.json", {"ai"}});
  list.year_loaded("2025");
  CHECK(kinds() == "MIMIYMIMIY");
  CHECK(list.years_for_id(index, "2025-03-01").size() == 2);  // not in a file any more: every other year

  // Jumping to a year scrolls to its placeholder, then to its first month once loaded,
  // and keeps it there while a year above loads (rows 10 px high, a 40 px list).
  const float row_h = 10;
  float scroll = 0, pending = -1;  // ImGui applies a scroll set in one frame at the next
  auto frame = [&](bool reader_scrolled = false) {
    if (pending >= 0) scroll = pending;
    pending = list.take_scroll(index, row_h);
    list.note_scroll(scroll, 40, row_h, reader_scrolled);
    return pending;
  };
  list.jump_to_year(index, 2);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2024.json"});
  CHECK(frame() == 90);  // 2024's placeholder
  index.issues.push_back({"2024-05-05", "2024-05-05", "T", "H", "2024-05-05.json", {}});
  list.year_loaded("2024");
  CHECK(kinds() == "MIMIYMIMIMI");
  CHECK(frame() == 90);  // the month row of 2024-05
  CHECK(frame() == -1);
  CHECK(list.shown_months() == "2024年5月");
  // The rest of 2026 arrives above: 2024-05 stays at the top (what the reader saw move
  // to other years' issues before).
  index.issues.insert(index.issues.begin() + 2, {"2026-01-10", "2026-01-10", "T", "H", "2026-01-10.json", {}});
  index.issues.insert(index.issues.begin() + 3, {"2026-01-05", "2026-01-05", "T", "H", "2026-01-05.json", {}});
  list.year_loaded("2026");
  CHECK(kinds() == "MIMIIIMIMIMI");
  CHECK(frame() == 100);
  CHECK(frame() == -1);
  CHECK(list.rows(index)[list.shown().first].label == "2024年5月");
  // Once the reader scrolls, rows that load above keep what is at the top in place.
  scroll = 33;  // 2026-01-30's row, 3 px scrolled by
  CHECK(frame(true) == -1);
  CHECK(list.shown().first == 3);
  index.issues.insert(index.issues.begin(), {"2026-02-03", "2026-02-03", "T", "H", "2026-02-03.json", {}});
  list.index_changed();
  CHECK(frame() == 43);
  CHECK(frame() == -1);
}

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
      // Help folds into the 表示 menu only where the bar has no room for it.
      CHECK((help || (!online && width < 400)));
    }
  }
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

TEST_CASE("a year file that fails says which and why, is not asked for again by itself, and 再試行 asks again",
          "[ui][archive]") {
  digest::ArchiveIndex index;
  index.issues = {{"2026-02-02", "2026-02-02", "T", "H", "2026-02-02.json", {}}};
  index.years = {{"2025", "index-2025.json", 365}, {"2024", "index-2024.json", 366}};
  ui::ArchiveBrowser list;
  list.want_year(index, 0);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  list.year_failed("2025", "この年の一覧は保存されていません");
  REQUIRE(list.year_failure("2025") != nullptr);
  CHECK(*list.year_failure("2025") == "この年の一覧は保存されていません");
  CHECK(list.year_failure("2024") == nullptr);
  // Its row stays in view: it is not fetched again at every frame.
  list.want_year(index, 0);
  CHECK(list.take_wanted_years().empty());
  // 再試行 on the row, or the reader choosing the year: asked for again.
  list.retry_year(index, 0);
  CHECK(list.year_failure("2025") == nullptr);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  list.year_failed("2025", "サーバーの応答 404");
  list.jump_to_year(index, 0);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  // Loaded at last: no failure is kept.
  list.year_failed("2025", "応答がありません");
  list.year_loaded("2025");
  CHECK(list.year_failure("2025") == nullptr);
  list.year_failed("2025", "late");  // a late failure of a file already merged changes nothing
  CHECK(list.year_failure("2025") == nullptr);
}
