// The reading page: positions, order, links and anchors, with a fixed-width measure
// (every character 1 em wide, combining marks 0).
#include <catch_amalgamated.hpp>

#include <cmath>

#include "core/page_layout.hpp"
#include "core/utf8.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 0 ? 0.0f : cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

Issue sample(const char* name) {
  auto r = load_issue(
      digest_test::read_file(digest_test::source_path(std::string("tests/fixtures/issues/") + name + ".json")));
  REQUIRE(r.ok());
  return r.issue;
}

std::string line_text(const PageLayout& page, const PageLine& line) {
  std::string out;
  for (uint32_t s = 0; s < line.span_count; ++s) {
    const PageSpan& span = page.spans[line.first_span + s];
    out += page.text.substr(span.begin, span.end - span.begin);
  }
  return out;
}

}  // namespace

TEST_CASE("the page fits the column and keeps lines and boxes sorted by y", "[page]") {
  Issue issue = sample("2026-11-25");
  for (float width : {320.0f, 360.0f, 800.0f, 1600.0f}) {
    PageStyle style;
    style.width = width;
    PageLayout page = layout_page(make_outline(issue), EmMeasure(), style);
    INFO("width " << width);
    CHECK(page.column_x >= style.margin);
    CHECK(page.column_x + page.column_width <= width - style.margin + 0.5f);
    CHECK(page.column_width <= style.font_size * style.max_measure_em);
    for (size_t i = 0; i < page.lines.size(); ++i) {
      const PageLine& l = page.lines[i];
      if (i) CHECK(page.lines[i - 1].y <= l.y);
      CHECK(l.x >= 0);
      CHECK(l.x + l.width <= width - style.margin + 0.5f);
    }
    for (size_t i = 1; i < page.boxes.size(); ++i) CHECK(page.boxes[i - 1].y <= page.boxes[i].y);
    CHECK(page.height > page.lines.back().y);
  }
}

TEST_CASE("every article gets an anchor in reading order, with its text inside", "[page]") {
  Issue issue = sample("2026-11-25");
  PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  std::vector<size_t> order = issue.reading_order();
  REQUIRE(page.anchors.size() == order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    CHECK(page.anchors[k].article == order[k]);
    CHECK(page.anchors[k].top < page.anchors[k].bottom);
    if (k) CHECK(page.anchors[k - 1].bottom <= page.anchors[k].top);
    CHECK(page.article_at(page.anchors[k].top + 1) == static_cast<int>(order[k]));
  }
  CHECK(page.article_at(0) == -1);
  // The afterword closes the page.
  bool afterword = false;
  for (const PageLine& l : page.lines) afterword = afterword || line_text(page, l) == "✒️ 編集後記";
  CHECK(afterword);
}

TEST_CASE("links: live Markdown links and references open, copy-link per article", "[page]") {
  Issue issue = sample("2026-11-25");
  PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  size_t copy = 0, open = 0;
  for (const PageLink& l : page.links) {
    if (l.action == LinkAction::CopyArticleLink)
      ++copy;
    else {
      ++open;
      CHECK((l.href.rfind("https://", 0) == 0 || l.href.rfind("http://", 0) == 0));
    }
  }
  CHECK(copy == issue.articles.size() + 13);  // every article and its 13 sub-section headings
  REQUIRE(page.targets.size() == 13);
  CHECK(page.targets[0].id == "router-firmware-backdoor-s1");
  CHECK(page.target_top("router-firmware-backdoor-s2", issue) > page.target_top("router-firmware-backdoor-s1", issue));
  CHECK(page.target_top("router-firmware-backdoor", issue) == page.anchors[0].top);
  CHECK(page.target_top("nope", issue) == -1);
  CHECK(open == 6);  // five references with a URL and one Markdown link in the sample
}

TEST_CASE("the category filter keeps only matching articles", "[page]") {
  Issue issue = sample("2026-11-25");
  PageFilter filter;
  filter.categories = {"security"};
  PageLayout page = layout_page(make_outline(issue, filter), EmMeasure(), PageStyle{});
  REQUIRE(page.anchors.size() == 2);
  for (const auto& a : page.anchors) CHECK(issue.articles[a.article].category == "security");
}

TEST_CASE("visible ranges find exactly the lines in view", "[page]") {
  Issue issue = sample("2026-11-24");
  PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  auto [first, last] = page.visible_lines(1000, 1600);
  for (size_t i = first; i < last; ++i) CHECK(page.lines[i].y < 1600);
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const PageLine& l = page.lines[i];
    if (l.y + l.height > 1000 && l.y < 1600) CHECK((i >= first && i < last));
  }
}

TEST_CASE("list markers hang left of their text; tables keep cells on a row", "[page]") {
  Issue issue = sample("2026-11-25");
  PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  bool marker = false, cell = false;
  for (const PageLine& l : page.lines) {
    std::string t = line_text(page, l);
    if (t == "1.") {
      marker = true;
      CHECK(l.x < page.column_x + 1.6f * 17);
    }
    if (l.role == TextRole::TableHeader && t == "手元のLLM") cell = true;
  }
  CHECK(marker);
  CHECK(cell);
}

TEST_CASE("no line of any sample starts with a forbidden character, 320 to 1600 px", "[page][kinsoku]") {
  const std::u32string_view forbidden =
      U"、。，．」』）】〕・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？)]},.:;!?";
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"}) {
    Issue issue = sample(name);
    for (float width = 320; width <= 1600; width += 20) {
      PageStyle style;
      style.width = width;
      style.margin = width < 480 ? 14 : 24;
      PageLayout page = layout_page(make_outline(issue), EmMeasure(), style);
      for (const PageLine& line : page.lines) {
        std::string text = line_text(page, line);
        if (text.empty() || text == "・") continue;  // list and reference markers are bullets
        size_t i = 0;
        char32_t first = utf8_next(text, i);
        INFO(name << " at " << width << " px: " << text);
        CHECK(forbidden.find(first) == std::u32string_view::npos);
      }
    }
  }
}

TEST_CASE("with a bold font, titles and headings are measured and set in it", "[page]") {
  class WideMeasure final : public TextMeasure {
   public:
    float advance(char32_t cp) const override { return EmMeasure().advance(cp) * 1.5f; }
  };
  Issue issue = sample("2026-11-25");
  PageStyle style;
  style.width = 600;
  PageLayout regular = layout_page(make_outline(issue), EmMeasure(), style);
  WideMeasure wide;
  PageLayout bold = layout_page(make_outline(issue), EmMeasure(), style, &wide);
  size_t bold_lines = 0, body_bold = 0;
  for (const PageLine& l : bold.lines) {
    if (l.bold) ++bold_lines;
    if (l.bold && l.role == TextRole::Body) ++body_bold;
  }
  CHECK(bold_lines > 0);
  CHECK(body_bold == 0);
  for (const PageLine& l : regular.lines) CHECK_FALSE(l.bold);
  // Wider bold glyphs need more title lines, so the page grows.
  CHECK(bold.height > regular.height);
  for (const PageBlock& b : bold.blocks)
    if (b.role == TextRole::Title) CHECK(b.bold);
}

TEST_CASE("runs that may not start a line never stack one a line on the page, 320 to 1600 px", "[page][kinsoku]") {
  const std::u32string_view forbidden = U"、。，．」』）】〕・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？";
  auto r = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/stress/line-breaks.json")));
  REQUIRE(r.ok());
  for (float width = 320; width <= 1600; width += 20) {
    PageStyle style;
    style.width = width;
    style.margin = width < 480 ? 14 : 24;
    PageLayout page = layout_page(make_outline(r.issue), EmMeasure(), style);
    const float right = page.column_x + page.column_width;
    for (size_t i = 0; i < page.lines.size(); ++i) {
      const PageLine& line = page.lines[i];
      std::string text = line_text(page, line);
      if (text.empty() || text == "・") continue;
      size_t at = 0;
      if (forbidden.find(utf8_next(text, at)) == std::u32string_view::npos) continue;
      // A forced split of a run wider than the line: the line above it is full.
      const PageLine* above = nullptr;
      for (size_t j = i; j-- > 0;) {
        if (page.lines[j].x == line.x && std::fabs(page.lines[j].y + page.lines[j].height - line.y) < 0.01f) {
          above = &page.lines[j];
          break;
        }
      }
      INFO(width << " px: \"" << text << "\"");
      REQUIRE(above != nullptr);
      CHECK(above->width >= right - above->x - 2.5f * line.size);
    }
  }
}

TEST_CASE("a page laid out a part at a time is the page laid out at once, and usable after every part", "[page]") {
  // A sample issue made big: sixty more articles, one with a long table, one with many headings.
  Issue big = sample("2026-11-25");
  const Article model = big.articles.front();
  std::string table = "| a | b |\n|---|---|\n";
  for (int i = 0; i < 1000; ++i) table += "| x" + std::to_string(i) + " | 表のセル |\n";
  std::string headings;
  for (int i = 0; i < 300; ++i) headings += "## 見出し " + std::to_string(i) + "\n\n段落です。\n\n";
  for (int i = 0; i < 60; ++i) {
    Article a = model;
    a.id = "big-" + std::to_string(i);
    a.body.doc = parse_markdown(i == 3 ? table : i == 7 ? headings : "本文の段落です。");
    big.articles.push_back(a);
  }
  {
    const Issue* issue = &big;
    const Outline outline = make_outline(*issue);
    PageStyle style;
    style.width = 700;
    const EmMeasure measure;
    const PageLayout whole = layout_page(outline, measure, style);

    PageLayout page;
    PageLayoutJob job(outline, style, page);
    // The first screen first: the run stops soon after the page passes 800 px.
    CHECK_FALSE(job.run(measure, nullptr, 800, [] { return false; }));
    CHECK(page.height >= 800);
    CHECK(page.height < whole.height / 4);
    size_t runs = 1;
    bool done = false;
    while (!done) {
      done = job.run(measure, nullptr, 0, [] { return false; });
      ++runs;
      INFO("run " << runs);
      for (size_t i = 1; i < page.lines.size(); ++i) REQUIRE(page.lines[i - 1].y <= page.lines[i].y);
      for (size_t i = 1; i < page.anchors.size(); ++i) REQUIRE(page.anchors[i - 1].bottom <= page.anchors[i].top);
      REQUIRE(page.height >= page.lines.back().y);
    }
    CHECK(job.done());
    CHECK(runs > 40);  // the long table and the headings came in parts (16 parts a run)
    CHECK(page.text == whole.text);
    REQUIRE(page.lines.size() == whole.lines.size());
    for (size_t i = 0; i < page.lines.size(); ++i) {
      CHECK(page.lines[i].x == whole.lines[i].x);
      CHECK(page.lines[i].y == whole.lines[i].y);
      CHECK(page.lines[i].width == whole.lines[i].width);
    }
    CHECK(page.blocks.size() == whole.blocks.size());
    CHECK(page.boxes.size() == whole.boxes.size());
    CHECK(page.targets.size() == whole.targets.size());
    CHECK(page.anchors.size() == whole.anchors.size());
    CHECK(page.height == whole.height);
  }
}
