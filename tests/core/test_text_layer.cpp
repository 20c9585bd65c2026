// The DOM text layer carries the page's text, structure and links.
#include <catch_amalgamated.hpp>

#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the text layer has headings, articles, links and the afterword", "[textlayer]") {
  auto loaded = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json")));
  REQUIRE(loaded.ok());
  const Issue& issue = loaded.issue;
  PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  std::string html = text_layer_html(issue, page);
  CHECK(count(html, "<h1 ") == 1);
  CHECK(html.find("aria-label=\"家庭用ルーターの更新サーバーが改ざん、偽ファームウェアが数日間配布\">") !=
        std::string::npos);
  CHECK(count(html, "<article id=") == issue.articles.size());
  CHECK(html.find("<article id=\"router-firmware-backdoor\" data-article=\"router-firmware-backdoor\" "
                  "aria-label=\"家庭用ルーターの更新サーバーが改ざん、偽ファームウェアが数日間配布\">") !=
        std::string::npos);
  CHECK(count(html, "<h2 ") == 1 + issue.articles.size() + 1);  // section, articles, afterword
  CHECK(html.find("<aside id=\"afterword\">") != std::string::npos);
  CHECK(count(html, "target=\"_blank\" rel=\"noopener noreferrer\"") == 6);
  CHECK(count(html, "data-copy=") == issue.articles.size() + 13);  // articles and sub-sections
  // リンクをコピー is a button; a section's 🔗 a link named by the section.
  CHECK(count(html, "<button type=\"button\" data-copy=") == issue.articles.size());
  CHECK(count(html, "aria-label=\"リンクをコピー\">") == issue.articles.size());
  CHECK(html.find("<a href=\"#router-firmware-backdoor-s1\" data-copy=\"router-firmware-backdoor-s1\" "
                  "aria-label=\"この節へのリンク: 何があった?\">🔗</a>") != std::string::npos);
  CHECK(html.find("id=\"router-firmware-backdoor-s1\" aria-label=\"何があった?\">") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.com/notice/firmware-2026-11\" target=\"_blank\" rel=\"noopener "
                  "noreferrer\">メーカーの告知</a>") != std::string::npos);
  CHECK(html.find("<table") == std::string::npos);  // cells are positioned paragraphs
  CHECK(html.find(" aria-hidden=\"true\">・</span>") != std::string::npos);
}

TEST_CASE("the text layer escapes text and never carries refused links", "[textlayer]") {
  auto loaded = load_issue(R"J({"format": "digest-issue/1", "id": "x", "date": "2026-11-25",
    "articles": [{"id": "a", "title": "<b>&amp;</b>", "summary": "[x](javascript:alert(1)) <img src=x onerror=y> **太字**"}]})J");
  REQUIRE(loaded.ok());
  PageLayout page = layout_page(make_outline(loaded.issue), EmMeasure(), PageStyle{});
  std::string html = text_layer_html(loaded.issue, page);
  CHECK(html.find("javascript") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;b&gt;&amp;amp;&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<strong>太字</strong>") != std::string::npos);
}

TEST_CASE("a link broken across lines stays one link", "[textlayer]") {
  auto loaded = load_issue(R"J({"format": "digest-issue/1", "id": "x", "date": "2026-11-25",
    "articles": [{"id": "a", "title": "t", "summary": "[とても長いリンクの文字列がここで折り返されます](https://example.com/long)"}]})J");
  REQUIRE(loaded.ok());
  PageStyle narrow;
  narrow.width = 200;
  narrow.margin = 10;
  PageLayout page = layout_page(make_outline(loaded.issue), EmMeasure(), narrow);
  std::string html = text_layer_html(loaded.issue, page);
  CHECK(count(html, "href=\"https://example.com/long\"") == 1);
  size_t a = html.find("href=\"https://example.com/long\"");
  size_t end = html.find("</a>", a);
  CHECK(html.substr(a, end - a).find("<br aria-hidden=\"true\">") != std::string::npos);
}

TEST_CASE("a range of the page gives only the blocks that reach into it", "[textlayer]") {
  auto loaded = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json")));
  REQUIRE(loaded.ok());
  PageLayout page = layout_page(make_outline(loaded.issue), EmMeasure(), PageStyle{});
  const std::string all = text_layer_html(loaded.issue, page);
  const std::string top = text_layer_html(loaded.issue, page, 0, 300);
  const std::string later = text_layer_html(loaded.issue, page, 2000, 2600);
  CHECK(top.size() < all.size() / 4);
  CHECK(top.find("<h1 ") != std::string::npos);            // the masthead is at the top
  CHECK(later.find("<h1 ") == std::string::npos);          // and not 2,000 px down
  CHECK(later.find("<article id=") != std::string::npos);  // articles open and close around their blocks
  CHECK(count(later, "<article") == count(later, "</article>"));
  CHECK(text_layer_html(loaded.issue, page, page.height + 10, page.height + 20).empty());
}

TEST_CASE("the text layer in pieces: page order, whole articles, together the whole layer", "[textlayer]") {
  const IssueLoadResult loaded =
      load_issue(digest_test::read_file(digest_test::source_path("web/issues/2026-11-25.json")));
  REQUIRE(loaded.ok());
  const Issue& issue = loaded.issue;
  const PageLayout page = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  const std::vector<TextLayerPiece> pieces = text_layer_pieces(page, 600);
  REQUIRE(pieces.size() > 2);
  std::string joined;
  uint32_t next = 0;
  for (const TextLayerPiece& piece : pieces) {
    CHECK(piece.first == next);  // no gap, no overlap
    CHECK(piece.last > piece.first);
    CHECK(piece.bottom > piece.top);
    next = piece.last;
    joined += text_layer_piece_html(issue, page, piece);
  }
  CHECK(next == page.blocks.size());
  // Cut only between articles here (each fits 4 × 600 px): the same HTML as in one go.
  CHECK(joined == text_layer_html(issue, page));
  // A tiny target cuts inside articles: the continuation has no id, so ids stay unique;
  // it still says which article it continues.
  const std::vector<TextLayerPiece> small = text_layer_pieces(page, 20);
  std::string split;
  for (const TextLayerPiece& piece : small) split += text_layer_piece_html(issue, page, piece);
  for (const Article& a : issue.articles) {
    const std::string id = "<article id=\"" + a.id + "\"";
    CHECK(split.find(id) != std::string::npos);
    CHECK(split.find(id, split.find(id) + 1) == std::string::npos);
  }
  CHECK(split.find("<article data-article=\"") != std::string::npos);
  CHECK(small.size() > pieces.size());
}
