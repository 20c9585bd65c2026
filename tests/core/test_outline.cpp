// One outline feeds the page layout, `digest html` and `digest render`: defaults and
// guards are decided once, so the three show the same thing.
#include <catch_amalgamated.hpp>

#include "core/export.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/utf8.hpp"

using namespace digest;

namespace {

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

// An issue without a title, a category without an emoji, an afterword without a title.
Issue bare_issue() {
  auto loaded = load_issue(R"({
    "format": "digest-issue/1", "id": "bare", "date": "2026-10-02",
    "categories": [{"id": "ai", "label": "AI"}],
    "sections": [{"id": "top", "title": "注目", "articles": ["b"]}],
    "articles": [{"id": "a", "title": "二番目", "category": "ai"},
                 {"id": "b", "title": "一番目", "author": "筆者"}],
    "afterword": {"body": "おわり"}})");
  REQUIRE(loaded.ok());
  return loaded.issue;
}

std::string page_text(const Issue& issue) {
  PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  std::string out;
  for (const PageLine& line : page.lines) {
    for (uint32_t s = 0; s < line.span_count; ++s) {
      const PageSpan& span = page.spans[line.first_span + s];
      out += page.text.substr(span.begin, span.end - span.begin);
    }
    out += '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("the outline decides defaults, guards and order once", "[outline]") {
  const Issue issue = bare_issue();
  const Outline outline = make_outline(issue);
  CHECK(outline.title == "Digest");
  CHECK(outline.section_heading == "注目");
  REQUIRE(outline.articles.size() == 2);
  CHECK(outline.articles[0].article->id == "b");  // the section's article first
  CHECK(outline.articles[1].badge == "AI");       // no emoji: no leading space
  CHECK(outline.articles[0].byline == "✍ 筆者");
  CHECK(outline.masthead_meta == "2026-10-02 ・ 2本 ・ 約2分");
  REQUIRE(outline.afterword);
  CHECK(outline.afterword->heading == "編集後記");
  PageFilter only_ai;
  only_ai.categories = {"ai"};
  CHECK(make_outline(issue, only_ai).articles.size() == 1);
  CHECK(with_emoji("🔐", "Security") == "🔐 Security");
  CHECK(with_emoji("", "Security") == "Security");
}

TEST_CASE("page, HTML and plain text show the same defaults", "[outline]") {
  const Issue issue = bare_issue();
  const std::string page = page_text(issue), html = export_html(issue), text = render_text(issue, 60);
  for (const std::string* out : {&page, &html, &text}) {
    CHECK(out->find("Digest") != std::string::npos);
    CHECK(out->find("編集後記") != std::string::npos);
    // HTML asks for the emoji form of ✍ (U+FE0F), as the canvas draws it.
    CHECK(out->find(out == &html ? "\u270D\uFE0F 筆者" : "\u270D 筆者") != std::string::npos);
    CHECK(out->find(" AI") == std::string::npos);  // never " AI" for a badge without emoji
    CHECK(out->find("1分で読めます") != std::string::npos);
    // Reading order: the section's article before the other.
    CHECK(out->find("一番目") < out->find("二番目"));
  }
}
