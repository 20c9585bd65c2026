// The first screen laid out at publishing (prepaint_json, and first_screen_json for the
// page itself), the window geometry the viewer and it share, and the fixed advances of
// characters the platform draws.
#include <catch_amalgamated.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/prepaint.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

Issue sample_issue() {
  auto loaded = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json")));
  REQUIRE(loaded.ok());
  return std::move(loaded.issue);
}

// The sample's file with every advance known but `unknown`, windows up to `max_width`.
nlohmann::json sample_prepaint(const Issue& issue, int max_width, size_t max_text_bytes = 256 * 1024,
                               char32_t unknown = 0) {
  EmMeasure measure;
  PrepaintOptions options;
  options.max_width = max_width;
  options.max_text_bytes = max_text_bytes;
  return nlohmann::json::parse(prepaint_json(
      issue, measure, measure, [unknown](char32_t cp) { return cp != unknown; }, options));
}

}  // namespace

TEST_CASE("characters the platform draws have fixed advances where the platform's own may vary", "[prepaint]") {
  CHECK(platform_advance_em(U'😀') == 1.25f);
  CHECK(platform_advance_em(U'🔐') == 1.25f);
  CHECK(platform_advance_em(U'𠮷') == 1.0f);  // a wide ideograph outside the fonts, not an emoji
  CHECK_FALSE(is_emoji(U'𠮷'));
  CHECK(platform_advance_em(0xFE0F) == 0.0f);  // variation selector
  CHECK(platform_advance_em(U'ő') < 0);        // narrow: only the platform knows
}

TEST_CASE("the window geometry: phones, a capped column, the contents column", "[prepaint]") {
  const ViewGeometry phone = view_geometry(390, 844, 1.0f, false, true);
  CHECK(phone.content_x == 0);
  CHECK(phone.content_y == kTopBarHeight);
  CHECK(phone.style.font_size == kBaseFontSize * 0.95f);
  CHECK(phone.style.margin == 14);
  const ViewGeometry wide = view_geometry(1280, 800, 1.0f, false, true);
  CHECK(wide.sidebar);
  CHECK(wide.content_x == kSidebarWidth);
  CHECK(wide.style.width == 1280 - kSidebarWidth);
  CHECK_FALSE(view_geometry(1280, 800, 1.0f, false, false).sidebar);  // no issue, no contents
  const ViewGeometry embedded = view_geometry(1280, 800, 1.0f, true, true);
  CHECK_FALSE(embedded.sidebar);
  CHECK(embedded.content_y == 0);
}

TEST_CASE("prepaint: every window width has a first screen, in a few ranges, the widest open-ended", "[prepaint]") {
  const Issue issue = sample_issue();
  const PrepaintOptions options;
  const auto json = sample_prepaint(issue, 1600);
  CHECK(json["format"] == "digest-prepaint/2");
  CHECK(json["html"].get<std::string>().find("Tech Digest") != std::string::npos);
  CHECK(json["issue"] == issue.id);
  const auto& entries = json["entries"];
  // Windows 320-660 px wide hold 18-36 characters a line: one range each, and two more
  // past the longest measure (without and with the contents column). Before the column
  // held whole characters, every pixel of a phone's width broke lines differently.
  CHECK(entries.size() >= 10);
  CHECK(entries.size() <= 24);
  int next_from = options.min_width;
  for (const auto& e : entries) {
    CHECK(e["from"] == next_from);  // sorted, no gap, no overlap
    next_from = e["to"].is_null() ? -1 : e["to"].get<int>() + 1;
    CHECK_FALSE(e.contains("html"));  // the text is written once
    CHECK(e["top"] == kTopBarHeight);
  }
  CHECK(next_from == -1);
  // Past the contents column's threshold the page starts after it and only moves.
  const auto& last = entries.back();
  CHECK(last["left"] == kSidebarWidth);
  CHECK(last["shift"] == 0.5f);
}

TEST_CASE("a column narrower than its longest measure holds whole characters, centred", "[prepaint]") {
  EmMeasure measure;
  const Issue issue = sample_issue();
  const Outline outline = make_outline(issue, {});
  // Up to 640 px the column is narrower than its longest measure (36 em).
  for (int width = 320; width <= 640; ++width) {
    const ViewGeometry view = view_geometry(static_cast<float>(width), 800, 1.0f, false, true);
    const PageLayout page = layout_page(outline, measure, view.style);
    const float chars = page.column_width / view.style.font_size;
    INFO("window " << width << " px: column " << page.column_width << " px");
    CHECK(std::fabs(chars - std::round(chars)) < 1e-4f);
    CHECK(page.column_width <= view.style.width - 2 * view.style.margin);
    CHECK(page.column_width > view.style.width - 2 * view.style.margin - view.style.font_size);
    CHECK(std::fabs(page.column_x - (view.style.width - page.column_width) * 0.5f) < 1e-3f);
  }
}

TEST_CASE("prepaint: each range's blocks, line breaks and jump places are the viewer's at that width", "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  const PrepaintOptions options;
  const auto json = sample_prepaint(issue, 1300);
  const std::vector<ChecklistItem> checklist = checklist_items(issue, options.checklist);
  const Outline outline = make_outline(issue, {}, &checklist);  // as the viewer: items with their boxes
  for (const auto& e : json["entries"]) {
    // Both ends of the range: its page is the same, the column moved by `shift`.
    const int from = e["from"];
    for (const int width : {from, e["to"].is_null() ? 1300 : e["to"].get<int>()}) {
      INFO("window " << width << " px, range from " << from);
      const ViewGeometry view = view_geometry(static_cast<float>(width), 800, 1.0f, false, true);
      const PageLayout page = layout_page(outline, measure, view.style, &measure);
      const double column = e["column"].get<double>() + e["shift"].get<double>() * (width - from);
      REQUIRE(e["ys"].size() == page.blocks.size());
      CHECK(e["pageHeight"].get<double>() == Catch::Approx(page.height).margin(0.01));
      CHECK(e["covered"].get<double>() == Catch::Approx(page.height).margin(0.01));
      const auto& sizes = json["sizes"][e["sizes"].get<size_t>()];
      double y = 0;
      for (size_t i = 0; i < page.blocks.size(); ++i) {
        const PageBlock& block = page.blocks[i];
        y += e["ys"][i].get<double>() / 100;
        CHECK(y == Catch::Approx(block.y).margin(0.02));
        CHECK(column + e["xs"][i].get<double>() / 100 == Catch::Approx(block.x).margin(0.02));
        CHECK(sizes[2 * i].get<double>() / 100 == Catch::Approx(block.size).margin(0.01));
        CHECK(sizes[2 * i + 1].get<double>() / 100 == Catch::Approx(block.line_height).margin(0.01));
        CHECK(e["breaks"][i].size() + 1 == std::max<size_t>(1, block.line_count));
      }
      // Articles, their sections, the afterword: where the viewer's jump lands.
      const auto& ids = json["ids"];
      REQUIRE(ids.size() == page.anchors.size() + page.targets.size() + (page.afterword_top >= 0 ? 1 : 0));
      REQUIRE(e["jumps"].size() == ids.size());
      for (size_t i = 0; i < ids.size(); ++i)
        CHECK(e["jumps"][i].get<double>() ==
              Catch::Approx(page.target_top(ids[i].get<std::string>(), issue) - kJumpMargin).margin(0.01));
    }
  }
  CHECK(json["ids"].back() == kAfterwordId);
}

// prepaint lays each such page out once (a big issue's 2,241 widths in a few dozen
// layouts): it relies on the column being all a page takes from the window's width.
TEST_CASE("pages whose columns are alike are laid out alike, only moved", "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  const Outline outline = make_outline(issue, {}, nullptr);
  std::map<std::pair<float, float>, PageLayout> first;  // column width, font size
  size_t compared = 0;
  for (int width = 320; width <= 1600; width += 3) {
    const ViewGeometry view = view_geometry(static_cast<float>(width), 800, 1.0f, false, true);
    const PageColumn column = page_column(view.style);
    const PageLayout page = layout_page(outline, measure, view.style, &measure);
    INFO("window " << width << " px");
    CHECK(page.column_x == column.x);
    CHECK(page.column_width == column.width);
    const auto [known, added] = first.try_emplace({column.width, view.style.font_size}, page);
    if (added) continue;
    const PageLayout& alike = known->second;
    REQUIRE(page.blocks.size() == alike.blocks.size());
    for (size_t i = 0; i < page.blocks.size(); ++i) {
      CHECK(page.blocks[i].y == alike.blocks[i].y);
      CHECK(page.blocks[i].line_count == alike.blocks[i].line_count);
      CHECK(page.blocks[i].x - page.column_x == Catch::Approx(alike.blocks[i].x - alike.column_x).margin(1e-3));
    }
    CHECK(page.height == alike.height);
    ++compared;
  }
  CHECK(first.size() < 40);
  CHECK(compared > 300);
}

TEST_CASE("prepaint cuts a long page's text after its budget, never within the first screen", "[prepaint]") {
  const Issue issue = sample_issue();
  const PrepaintOptions options;
  const auto whole = sample_prepaint(issue, 700);
  const auto cut = sample_prepaint(issue, 700, 1000);
  CHECK(cut["html"].get<std::string>().size() < whole["html"].get<std::string>().size() / 2);
  for (const auto& e : cut["entries"]) {
    CHECK(e["covered"].get<double>() < e["pageHeight"].get<double>());
    CHECK(e["covered"].get<double>() >= options.height);  // the top's screen is whole
  }
}

TEST_CASE("prepaint covers a page only down to characters only the platform can measure", "[prepaint]") {
  // "T" (in the masthead, on every first screen) has an advance only the platform knows.
  const auto json = sample_prepaint(sample_issue(), 800, 256 * 1024, U'T');
  REQUIRE_FALSE(json["entries"].empty());
  for (const auto& e : json["entries"]) CHECK(e["covered"].get<double>() < 50);  // the masthead's line
}

namespace {

// The text of markup as lines: tags out, a <br> a new line (`range`: only the breaks
// whose class names that range, as the first screen's style sheet shows them).
std::string text_lines(const std::string& html, const std::string& range = "") {
  std::string out;
  for (size_t at = 0; at < html.size();) {
    if (html[at] != '<') {
      out += html[at++];
      continue;
    }
    const size_t end = html.find('>', at);
    const std::string tag = html.substr(at, end + 1 - at);
    if (tag.rfind("<br", 0) == 0) {
      std::string classes = " ";
      if (const size_t cls = tag.find("class=\""); cls != std::string::npos)
        classes += tag.substr(cls + 7, tag.find('"', cls + 7) - cls - 7) + " ";
      if (range.empty() || classes.find(" " + range + " ") != std::string::npos) out += '\n';
    }
    at = end + 1;
  }
  return out;
}

// A number in the style sheet after `key` from `at` on.
double css_number(const std::string& css, const std::string& key, size_t at) {
  const size_t found = css.find(key, at);
  REQUIRE(found != std::string::npos);
  return std::stod(css.substr(found + key.size()));
}

// How many blocks a first screen's markup names (b0, b1, ...): each is named first in
// its class attribute, class="bN" or class="bN meta".
size_t blocks_named(const std::string& html) {
  size_t count = 0;
  while (html.find("\"b" + std::to_string(count) + "\"") != std::string::npos ||
         html.find("\"b" + std::to_string(count) + " ") != std::string::npos)
    ++count;
  return count;
}

}  // namespace

TEST_CASE("the first screen inside the page: one text, each range's lines and places by media query", "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  PrepaintOptions options;
  options.max_width = 1300;
  const auto json = nlohmann::json::parse(
      first_screen_json(issue, measure, measure, [](char32_t) { return true; }, options));
  CHECK(json["format"] == "digest-first-screen/1");
  CHECK(json["issue"] == issue.id);
  REQUIRE(json["html"].is_string());
  const std::string html = json["html"], css = json["css"];
  CHECK(json["minWidth"] == 320);
  CHECK(json["maxHeight"] == kTopBarHeight + 1400);
  CHECK(html.find(" id=\"") == std::string::npos);  // no ids: the page is at its top
  CHECK(css.find("</") == std::string::npos);
  CHECK(html.size() < 20000);  // one screen of text, once
  const std::vector<ChecklistItem> checklist = checklist_items(issue, options.checklist);
  const Outline outline = make_outline(issue, {}, &checklist);
  size_t ranges = 0;
  for (;; ++ranges) {
    const std::string shown = "br.r" + std::to_string(ranges) + "{display:inline}";
    const size_t at = css.find(shown);
    if (at == std::string::npos) break;
    const size_t media = css.rfind("@media (width>=", at);
    REQUIRE(media != std::string::npos);
    const int width = static_cast<int>(css_number(css, "@media (width>=", media));
    INFO("range " << ranges << " from " << width << " px");
    const ViewGeometry view = view_geometry(static_cast<float>(width), 800, 1.0f, false, true);
    const PageLayout page = layout_page(outline, measure, view.style, &measure);
    const size_t count = blocks_named(html);
    REQUIRE(count > 3);
    REQUIRE(count <= page.blocks.size());
    // The same lines as the viewer's text layer at that width...
    CHECK(text_lines(html, "r" + std::to_string(ranges)) ==
          text_lines(text_layer_piece_html(issue, page, {0, static_cast<uint32_t>(count), 0, page.height})));
    // ... its blocks where the viewer puts them, those below the screen not shown.
    const size_t end = css.find("@media", media + 1);
    const std::string range_css = css.substr(media, end == std::string::npos ? std::string::npos : end - media);
    for (size_t i = 0; i < count; ++i) {
      const std::string name = ".b" + std::to_string(i);
      if (page.blocks[i].y < options.height)
        CHECK(css_number(range_css, name + "{top:", 0) == Catch::Approx(page.blocks[i].y).margin(0.01));
      else
        CHECK((range_css.find(name + "{display:none}") != std::string::npos ||
               range_css.find(name + ",") != std::string::npos));
    }
  }
  CHECK(ranges >= 10);
}

TEST_CASE("an article's first screen for its share page: the blocks around the jump, scrolled there by the style sheet",
          "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  PrepaintOptions options;
  options.max_width = 1300;
  const auto json = nlohmann::json::parse(
      article_screens_json(issue, measure, measure, [](char32_t) { return true; }, options));
  CHECK(json["format"] == "digest-article-screens/1");
  REQUIRE(json["screens"].size() == issue.articles.size());
  REQUIRE(issue.articles.size() >= 3);
  const std::string id = issue.articles[issue.articles.size() / 2].id;  // one in the middle
  const auto& screen = json["screens"][id];
  CHECK(screen["format"] == "digest-first-screen/1");
  CHECK(screen["place"] == id);
  REQUIRE(screen["html"].is_string());
  const std::string html = screen["html"], css = screen["css"];
  CHECK(html.find(" id=\"") == std::string::npos);  // no ids: the browser must not scroll to one
  const std::vector<ChecklistItem> checklist = checklist_items(issue, options.checklist);
  const Outline outline = make_outline(issue, {}, &checklist);
  const size_t count = blocks_named(html);
  REQUIRE(count > 2);
  size_t ranges = 0;
  for (;; ++ranges) {
    const std::string range = "r" + std::to_string(ranges);
    const size_t at = css.find("br." + range + "{display:inline}");
    if (at == std::string::npos) break;
    const size_t media = css.rfind("@media (width>=", at);
    const int width = static_cast<int>(css_number(css, "@media (width>=", media));
    INFO("range " << ranges << " from " << width << " px");
    const ViewGeometry view = view_geometry(static_cast<float>(width), 800, 1.0f, false, true);
    const PageLayout page = layout_page(outline, measure, view.style, &measure);
    // The screen's blocks are a run of the page's, with the viewer's lines at that width.
    size_t first = 0;
    while (first + count <= page.blocks.size() &&
           text_lines(html, range) !=
               text_lines(text_layer_piece_html(
                   issue, page, {static_cast<uint32_t>(first), static_cast<uint32_t>(first + count), 0, page.height})))
      ++first;
    REQUIRE(first + count <= page.blocks.size());
    // Scrolled to where the viewer's jump lands (or the page's end allows).
    const std::string range_css = css.substr(media, css.find("@media", media + 1) - media);
    const float jump = page.target_top(id, issue) - kJumpMargin;
    CHECK(css_number(range_css, "top:min(0px,max(-", 0) == Catch::Approx(jump).margin(0.01));
    // Every block of a screen below the jump is shown where the viewer puts it.
    for (size_t i = first; i < first + count; ++i) {
      const std::string name = ".b" + std::to_string(i - first);
      if (page.blocks[i].bottom() > jump && page.blocks[i].y < jump + 800)
        CHECK(css_number(range_css, name + "{top:", 0) == Catch::Approx(page.blocks[i].y).margin(0.01));
    }
  }
  CHECK(ranges >= 10);
}

// A preview's screen, made in the reader's page (web/prepaint.js): the published file's
// lines and places for that window, from only as much of the page as the screen needs.
TEST_CASE("one window's screen: the published file's blocks at that width, laid out only as far as needed",
          "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  const auto known = [](char32_t) { return true; };
  const int width = 517;
  const auto published = sample_prepaint(issue, 1300);
  const nlohmann::json* range = nullptr;
  for (const auto& e : published["entries"])
    if (e["from"].get<int>() <= width && (e["to"].is_null() || width <= e["to"].get<int>())) range = &e;
  REQUIRE(range != nullptr);
  const auto& whole_sizes = published["sizes"][(*range)["sizes"].get<size_t>()];
  const std::vector<std::string> all_ids = published["ids"];

  for (const std::string& place : {std::string(), all_ids[all_ids.size() / 2], std::string(kAfterwordId)}) {
    INFO("place '" << place << "'");
    PrepaintOptions options;
    const auto json = nlohmann::json::parse(window_prepaint_json(issue, measure, measure, known, width, place, options));
    CHECK(json["format"] == "digest-prepaint/2");
    REQUIRE(json["entries"].size() == 1);
    const auto& e = json["entries"][0];
    CHECK(e["from"] == width);
    CHECK(e["to"] == width);
    CHECK(e["left"] == (*range)["left"]);
    CHECK(e["top"] == (*range)["top"]);
    CHECK(e["column"].get<double>() ==
          Catch::Approx((*range)["column"].get<double>() + (*range)["shift"].get<double>() * (width - (*range)["from"].get<int>()))
              .margin(0.01));
    const size_t kept = e["ys"].size();
    REQUIRE(kept > 0);
    REQUIRE(kept <= (*range)["ys"].size());
    for (size_t i = 0; i < kept; ++i) {
      INFO("block " << i);
      CHECK(e["ys"][i] == (*range)["ys"][i]);
      CHECK(e["xs"][i] == (*range)["xs"][i]);
      CHECK(e["breaks"][i] == (*range)["breaks"][i]);
      CHECK(json["sizes"][0][2 * i] == whole_sizes[2 * i]);
      CHECK(json["sizes"][0][2 * i + 1] == whole_sizes[2 * i + 1]);
    }
    // The ids laid out so far, each with the published jump.
    const std::vector<std::string> ids = json["ids"];
    REQUIRE(ids.size() <= all_ids.size());
    REQUIRE(e["jumps"].size() == ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      INFO("id " << ids[i]);
      const auto in_whole = std::find(all_ids.begin(), all_ids.end(), ids[i]);
      REQUIRE(in_whole != all_ids.end());
      CHECK(e["jumps"][i] == (*range)["jumps"][in_whole - all_ids.begin()]);
    }
    if (place.empty()) {
      // The top: a window's height, not the page.
      CHECK(kept < (*range)["ys"].size());
      CHECK(e["pageHeight"].get<double>() >= options.height);
      CHECK(e["pageHeight"].get<double>() < (*range)["pageHeight"].get<double>());
    } else {
      const auto at = std::find(ids.begin(), ids.end(), place);
      REQUIRE(at != ids.end());
      const double jump = e["jumps"][at - ids.begin()];
      CHECK(e["pageHeight"].get<double>() >=
            std::min(jump + options.height, (*range)["pageHeight"].get<double>() - 0.01));
    }
    CHECK(e["covered"] == e["pageHeight"]);
  }
  // A place the issue does not have: nothing (the viewer says it is missing).
  CHECK(window_prepaint_json(issue, measure, measure, known, width, "no-such-article").empty());
}

// A page laid out in parts stops where it is asked to, not some parts later: a table
// part is 200 rows, and a screen must not cost the rows of sixteen.
TEST_CASE("one window's screen of a 40,000-row table: its rows down to the window's bottom, no further",
          "[prepaint]") {
  std::string body = "| a | b |\n|---|---|\n";
  for (int i = 0; i < 40000; ++i) body += "| x" + std::to_string(i) + " | y |\n";
  const nlohmann::json doc = {{"format", "digest-issue/1"}, {"id", "table"}, {"date", "2026-11-25"},
                              {"title", "Big"}, {"articles", {{{"id", "a"}, {"title", "t"}, {"body", body}}}}};
  auto loaded = load_issue(doc.dump());
  REQUIRE(loaded.ok());
  EmMeasure measure;
  const auto json = nlohmann::json::parse(
      window_prepaint_json(loaded.issue, measure, measure, [](char32_t) { return true; }, 1280, ""));
  const auto& e = json["entries"][0];
  CHECK(e["pageHeight"].get<double>() >= 1400);
  CHECK(e["pageHeight"].get<double>() < 1400 + 200 * 40);  // within a part (200 rows) of the screen
  CHECK(json["html"].get<std::string>().size() < 64 * 1024);
}
