// `digest html` and `digest render`: escaping, the link policy, and wrapping.
#include <catch_amalgamated.hpp>

#include "core/export.hpp"
#include "core/share.hpp"
#include "core/utf8.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

Issue load(const std::string& json) {
  IssueLoadResult r = load_issue(json);
  REQUIRE(r.ok());
  return r.issue;
}

const char* kHostile = R"J({"format": "digest-issue/1", "id": "x", "date": "2026-11-25", "title": "<T&'\">",
  "articles": [{"id": "a", "title": "<script>alert(1)</script>",
    "body": "[ok](https://example.com/?a=1&b=\"2\") [bad](javascript:alert(1)) <img src=x onerror=alert(1)>",
    "references": [{"title": "r\"<>", "url": "JAVASCRIPT:alert(1)"}, {"title": "good", "url": "https://example.org/'q"}]}]})J";

}  // namespace

TEST_CASE("escape_html escapes the five characters", "[html]") {
  CHECK(escape_html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("the HTML export escapes everything and applies the link policy", "[html]") {
  std::string html = export_html(load(kHostile));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("JAVASCRIPT:") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\"") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.org/&#39;q\" target=\"_blank\" rel=\"noopener noreferrer\">good</a>") !=
        std::string::npos);
  CHECK(html.find("<li>r&quot;&lt;&gt;</li>") != std::string::npos);  // refused link: plain text
  CHECK(html.find("<title>&lt;T&amp;&#39;&quot;&gt; 2026-11-25</title>") != std::string::npos);
}

TEST_CASE("the HTML export of a sample carries every article and the afterword", "[html]") {
  Issue issue = load(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json")));
  std::string html = export_html(issue);
  CHECK(html.rfind("<!doctype html>\n<html lang=\"ja\">", 0) == 0);
  for (const auto& a : issue.articles) CHECK(html.find("<article id=\"" + a.id + "\">") != std::string::npos);
  CHECK(html.find("<aside id=\"afterword\"><h2>✒️ 編集後記</h2>") != std::string::npos);
  CHECK(html.find("<table>") != std::string::npos);
  CHECK(html.find("<h3>何があった?</h3>") != std::string::npos);
  // The author's ✍ in its emoji form, as the viewer draws it (not a monochrome symbol).
  CHECK(html.find("<p class=\"byline\">\u270D\uFE0F Aya Aegis</p>") != std::string::npos);
}

TEST_CASE("render_text fits every line in the width and keeps kinsoku", "[render][kinsoku]") {
  const std::u32string_view forbidden = U"、。，．」』）】〕・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？";
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"})
    for (int columns = 20; columns <= 80; ++columns) {
      Issue issue = load(
          digest_test::read_file(digest_test::source_path(std::string("tests/fixtures/issues/") + name + ".json")));
      std::string text = render_text(issue, columns);
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find('\n', start);
        std::string_view line(text.data() + start, end - start);
        INFO("width " << columns << ": " << line);
        // URLs in references are the only tokens allowed to be wider than the line.
        if (line.find("://") == std::string_view::npos) CHECK(display_width(line) <= columns);
        // Skip the indent and a list or reference marker: "・" there is a bullet.
        size_t i = 0;
        while (i < line.size() && line[i] == ' ') ++i;
        if (line.substr(i, 3) == "・") i += 3;
        while (i < line.size() && line[i] == ' ') ++i;
        if (i < line.size()) CHECK(forbidden.find(utf8_next(line, i)) == std::u32string_view::npos);
        start = end + 1;
      }
    }
}

TEST_CASE("render_text lays out the issue in reading order", "[render]") {
  Issue issue = load(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-24.json")));
  std::string text = render_text(issue, 60);
  CHECK(text.rfind("Tech Digest  2026-11-24\n====", 0) == 0);
  size_t first = text.find("地方銀行がパスキーに全面移行");
  size_t last = text.find("山間部の町が光回線");
  CHECK(first != std::string::npos);
  CHECK(last > first);
  CHECK(text.find("■ 何があった?") != std::string::npos);
  CHECK(text.find("・ パスキーは偽サイトでは使えないため、フィッシングに強い") != std::string::npos);
  CHECK(text.find("✒️ 編集後記") != std::string::npos);
}

TEST_CASE("reading time counts Japanese characters and Latin words", "[render]") {
  Article a;
  a.body.source = std::string(1500 * 3 / 3, 'x');  // one long Latin word
  CHECK(reading_minutes(a) == 1);
  a.body.source.clear();
  for (int i = 0; i < 1500; ++i) a.body.source += "あ";
  CHECK(reading_minutes(a) == 3);
}

TEST_CASE("share pages: site addresses are checked, descriptions cut at a character", "[share]") {
  std::string error;
  CHECK(normalise_site_url("https://digest.example/", error) == "https://digest.example");
  CHECK(normalise_site_url("http://127.0.0.1:8080/news//", error) == "http://127.0.0.1:8080/news");
  for (const char* bad : {"", "digest.example", "ftp://x.example", "https://", "https://x.example/?a=1",
                          "https://x.example/#top", "https://x.example/a b", "https://x.example/\"><script>"}) {
    error.clear();
    CHECK(normalise_site_url(bad, error).empty());
    CHECK(error.find("is not a site address") != std::string::npos);
  }
  Issue issue = load(R"J({"format": "digest-issue/1", "id": "i", "date": "2026-11-25",
    "articles": [{"id": "a", "title": "T", "summary": "あいうえおかきくけこ\nさしすせそ"}]})J");
  // 3 bytes a character: 16 bytes hold four characters and "…".
  CHECK(lead_text(issue.articles[0], 16) == "あいうえ…");
  // A soft break between Japanese characters joins them without a space.
  CHECK(lead_text(issue.articles[0], 100) == "あいうえおかきくけこさしすせそ");
  const ShareSite site{"https://digest.example", "issues/i.html"};
  const Outline outline = make_outline(issue);
  REQUIRE(outline.articles.size() == 1);
  const std::string page = export_share_page(issue, outline, outline.articles[0], site);
  CHECK(page.find("<meta property=\"og:image\" content=\"https://digest.example/a/i/a.png\">") != std::string::npos);
  CHECK(page.find("href=\"../../?issue=i#a\"") != std::string::npos);
  // Feed readers find the site's feeds from any of its pages.
  for (const std::string& head : {page, issue_share_head(issue, site)}) {
    CHECK(head.find("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://digest.example/feed.xml\"") !=
          std::string::npos);
    CHECK(head.find("type=\"application/feed+json\" href=\"https://digest.example/feed.json\"") != std::string::npos);
  }

  // Link previews get printable text only, titles capped (issue 22): U+202E would turn
  // "txt.exe" around in every preview; ESC and U+2028 are not text.
  const std::string long_title(3000, 'x');
  Issue hostile = load(R"J({"format": "digest-issue/1", "id": "i", "date": "2026-11-25",
    "articles": [{"id": "a", "title": "invoice\u202Etxt.exe \u001b[31m\u2028red", "summary": "s\u202Eu"},
                 {"id": "b", "title": ")J" + long_title + R"J(", "summary": "s"}]})J");
  const Outline hostile_outline = make_outline(hostile);
  REQUIRE(hostile_outline.articles.size() == 2);
  const std::string spoof = export_share_page(hostile, hostile_outline, hostile_outline.articles[0], site);
  const std::string oembed = export_oembed(hostile, hostile_outline, hostile_outline.articles[0].article, site);
  const std::string head = spoof.substr(0, spoof.find("</head>"));
  for (const char* bad : {"\u202E", "\x1b", "\u2028"}) {
    CHECK(head.find(bad) == std::string::npos);
    CHECK(oembed.find(bad) == std::string::npos);
  }
  CHECK(head.find("content=\"invoicetxt.exe [31mred\"") != std::string::npos);
  const std::string capped = export_share_page(hostile, hostile_outline, hostile_outline.articles[1], site);
  const size_t og = capped.find("<meta property=\"og:title\" content=\"");
  REQUIRE(og != std::string::npos);
  const std::string og_title = capped.substr(og + 35, capped.find('"', og + 35) - og - 35);
  CHECK(og_title.size() <= 210);
  CHECK(og_title.substr(og_title.size() - 3) == "…");
}

TEST_CASE("render_text stops at its byte budget and says it did", "[render]") {
  std::string rules;
  for (int i = 0; i < 2000; ++i) rules += i ? "\\n\\n***" : "***";  // JSON escapes
  Issue issue = load(R"({"format": "digest-issue/1", "id": "r", "date": "2026-11-25", "articles": [{"id": "a",
    "title": "t", "body": ")" +
                     rules + "\"}]}");
  bool cut = false;
  const std::string full = render_text(issue, 1000, 64u << 20, &cut);
  CHECK_FALSE(cut);
  CHECK(full.size() > 2000000);
  const std::string small = render_text(issue, 1000, 10000, &cut);
  CHECK(cut);
  CHECK(small.size() <= 10000);
}
