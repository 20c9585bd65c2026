// The issue loader: valid files load; each kind of invalid input gives its stable
// code and its place (JSON pointer, or line/column/byte), never a crash. The words
// belong to one table (core/problems.cpp); a few tests below check it fills them in.
#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/issue.hpp"
#include "core/utf8.hpp"
#include "test_support.hpp"

using namespace digest;
using digest_test::read_file;
using digest_test::source_path;

namespace {

// Errors (and warnings) as "pointer: message" lines.
std::vector<std::string> problems_of(std::string_view json, bool strict = false, const LoadLimits& limits = {}) {
  std::vector<std::string> out;
  for (const auto& p : load_issue(json, strict, limits).problems) out.push_back(p.to_string());
  return out;
}

// Problems as "place code" lines: "/articles/1/title digest.302", "byte 9 digest.103".
std::vector<std::string> codes_of(std::string_view json, bool strict = false, const LoadLimits& limits = {}) {
  std::vector<std::string> out;
  for (const auto& p : load_issue(json, strict, limits).problems) {
    const std::string place = p.byte_offset ? "byte " + std::to_string(*p.byte_offset) : p.pointer;
    out.push_back(place + (place.empty() ? "" : " ") + code_name(p.code));
  }
  return out;
}

std::string minimal(const std::string& articles = R"([{"id": "a", "title": "T"}])", const std::string& extra = "") {
  return R"({"format": "digest-issue/1", "id": "2026-11-25", "date": "2026-11-25", "articles": )" + articles + extra +
         "}";
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("the bundled sample issues load without problems", "[loader]") {
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"}) {
    auto result = load_issue(read_file(source_path(std::string("tests/fixtures/issues/") + name + ".json")), true);
    INFO(name);
    CHECK(result.problems.empty());
    CHECK(result.ok());
    CHECK(result.issue.id == name);
    CHECK(result.issue.articles.size() >= 3);
    CHECK(result.issue.afterword.has_value());
  }
}

TEST_CASE("a minimal issue loads; optional fields default", "[loader]") {
  auto result = load_issue(minimal());
  REQUIRE(result.ok());
  CHECK(result.issue.articles.at(0).title == "T");
  CHECK(result.issue.title.empty());
  CHECK_FALSE(result.issue.afterword.has_value());
}

TEST_CASE("Markdown fields are parsed once, at load", "[loader]") {
  auto result = load_issue(minimal(R"([{"id": "a", "title": "T", "body": "### 背景\n\n本文 **強調**"}])"));
  REQUIRE(result.ok());
  const Document& doc = result.issue.articles[0].body.doc;
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[1].runs.at(1).style == kStyleStrong);
}

TEST_CASE("an issue lists the characters it draws, each once, as rendered", "[loader]") {
  // The Markdown as drawn: "**" and "###" are not drawn, an entity is drawn decoded;
  // a table cell and a reference title count too.
  auto result = load_issue(minimal(
      R"([{"id": "a", "title": "脆弱性", "body": "### 背景\n\n**性** &#x9F8D;\n\n| 表 |\n| - |\n| 🐉 |",
           "references": [{"title": "参考", "url": "https://example.org/"}]}])"));
  REQUIRE(result.ok());
  const std::string chars = issue_characters(result.issue);
  for (const char* drawn : {"脆", "弱", "性", "背", "景", "龍", "表", "🐉", "参", "考", "2", "5", "-"})
    CHECK(chars.find(drawn) != std::string::npos);
  CHECK(chars.find("#") == std::string::npos);
  CHECK(chars.find("*") == std::string::npos);
  CHECK(chars.find("&") == std::string::npos);
  // Each once, in code point order.
  std::u32string cps;
  for (size_t i = 0; i < chars.size();) cps.push_back(utf8_next(chars, i));
  CHECK(std::is_sorted(cps.begin(), cps.end()));
  CHECK(std::adjacent_find(cps.begin(), cps.end()) == cps.end());
}

TEST_CASE("not a digest issue", "[loader]") {
  CHECK(codes_of("[1, 2]") == Lines{"digest.201"});
  CHECK(codes_of("42") == Lines{"digest.201"});
  CHECK(codes_of("{}") == Lines{"digest.202"});
  CHECK(codes_of(R"({"format": "digest-issue/2"})") == Lines{"/format digest.203"});
}

TEST_CASE("syntax errors give line, column and byte", "[loader]") {
  const std::string text = "{\n  \"format\": \"digest-issue/1\",\n  \"id\": tru\n}";
  CHECK(codes_of(text) == Lines{"byte 42 digest.107"});
  const Problem p = load_issue(text).problems.at(0);
  CHECK((p.line == 3 && p.column == 11));
  CHECK(codes_of("{\"a\": 1,}") == Lines{"byte 8 digest.107"});
  CHECK(codes_of("") == Lines{"digest.102"});
}

TEST_CASE("encoding problems are caught before parsing", "[loader]") {
  CHECK(codes_of("{\"id\": \"a\xFF\"}") == Lines{"byte 9 digest.103"});
  CHECK(codes_of(std::string("{\"id\": \"a\0\"}", 12)) == Lines{"byte 9 digest.104"});
  CHECK(codes_of("<!doctype html><html>Not found</html>") == Lines{"byte 0 digest.106"});
}

TEST_CASE("a NUL character escaped inside a string is rejected with its pointer", "[loader]") {
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "x\u0000y"}])")) == Lines{"/articles/0/title digest.304"});
}

TEST_CASE("wrong types and missing fields name the place", "[loader]") {
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "ok"}, {"id": "b", "title": 42}])")) ==
        Lines{"/articles/1/title digest.302"});
  CHECK(codes_of(minimal(R"([{"id": "a"}])")) == Lines{"/articles/0 digest.301"});
  CHECK(codes_of(minimal(R"({"id": "a"})")) == Lines{"/articles digest.302"});
  CHECK(codes_of(R"({"format": "digest-issue/1", "id": "x", "articles": []})") == Lines{"digest.301"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "references": [{"url": "https://example.com"}]}])")) ==
        Lines{"/articles/0/references/0 digest.301"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": ""}])")) == Lines{"/articles/0/title digest.307"});
}

TEST_CASE("ids, dates and references are checked", "[loader]") {
  CHECK(codes_of(minimal(R"([{"id": "Bad Id", "title": "T"}])")) == Lines{"/articles/0/id digest.305"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T"}, {"id": "a", "title": "U"}])")) ==
        Lines{"/articles/1/id digest.401"});
  CHECK(codes_of(R"({"format": "digest-issue/1", "id": "x", "date": "2026-02-30", "articles": []})") ==
        Lines{"/date digest.306"});
  CHECK(codes_of(
            minimal(R"([{"id": "a", "title": "T"}])", R"(, "sections": [{"id": "top", "articles": ["a", "nope"]}])")) ==
        Lines{"/sections/0/articles/1 digest.403"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "category": "ai"}])",
                         R"(, "categories": [{"id": "security"}])")) == Lines{"/articles/0/category digest.402"});
}

TEST_CASE("duplicate keys are reported", "[loader]") {
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "title": "U"}])")) == Lines{"/articles/0/title digest.206"});
}

TEST_CASE("the wording table fills in the details, in the reader's words", "[loader][wording]") {
  CHECK(problems_of(minimal(R"([{"id": "a", "title": "ok"}, {"id": "b", "title": 42}])")) ==
        Lines{"/articles/1/title: expected a string, got 42"});
  CHECK(problems_of(minimal(R"([{"id": "a", "title": "T"}, {"id": "a", "title": "U"}])")) ==
        Lines{"/articles/1/id: duplicate id \"a\"; it is already used by /articles/0"});
  CHECK(problems_of("{\n  \"format\": \"digest-issue/1\",\n  \"id\": tru\n}") ==
        Lines{"line 3, column 11 (byte 42): invalid JSON: invalid literal; expected true, found a line break"});
  CHECK(problems_of("{\"id\": \"a\xFF\"}") ==
        Lines{"line 1, column 10 (byte 9): invalid UTF-8 (byte 0xFF); save the file as UTF-8"});
  // No library tag reaches the reader.
  for (const auto& line : problems_of("{\"a\": 1,}")) CHECK(line.find("json.exception") == std::string::npos);
  CHECK(make_problem(ProblemCode::UnknownField, "/x", {"x"}).severity == Severity::Warning);
  CHECK(make_problem(ProblemCode::WrongType, "/x", {"a string", "42"}).severity == Severity::Error);
}

TEST_CASE("unsafe reference URLs are warnings (in strict mode) and the reference stays as text", "[loader]") {
  const std::string json =
      minimal(R"J([{"id": "a", "title": "T", "references": [{"title": "x", "url": "javascript:alert(1)"}]}])J");
  CHECK(load_issue(json).problems.empty());  // warnings only when strict
  auto result = load_issue(json, true);
  CHECK(result.ok());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].to_string() ==
        "/articles/0/references/0/url: warning: links with the scheme \"javascript:\" are not opened; only http, https "
        "and "
        "mailto are; the reference is shown as plain text");
  CHECK_FALSE(result.issue.articles[0].references[0].link.live);
}

TEST_CASE("strict mode reports unknown fields as warnings", "[loader]") {
  auto json = minimal(R"([{"id": "a", "title": "T", "subtitle": "x"}])", R"(, "editor": "me")");
  CHECK(problems_of(json).empty());
  CHECK(codes_of(json, true) == Lines{"/articles/0/subtitle digest.501", "/editor digest.501"});
  CHECK(problems_of(json, true).at(1) == "/editor: warning: unknown field \"editor\" (ignored)");
}

TEST_CASE("size and nesting limits", "[loader][limits]") {
  LoadLimits small;
  small.max_document_bytes = 100;
  CHECK(codes_of(std::string(200, ' '), false, small) == Lines{"digest.101"});

  std::string bomb(100000, '[');
  CHECK(codes_of(bomb) == Lines{"byte 64 digest.105"});

  std::string huge(10u << 20, 'x');
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "body": ")" + huge + R"("}])")) ==
        Lines{"/articles/0/body digest.303"});

  std::string many = "[";
  for (int i = 0; i < 100000; ++i)
    many += std::string(i ? "," : "") + R"({"id":"a)" + std::to_string(i) + R"(","title":"t"})";
  many += "]";
  CHECK(codes_of(minimal(many)) == Lines{"/articles digest.308"});
}

TEST_CASE("the wrong kind of JSON is refused while it is read, building nothing more", "[loader][limits]") {
  // A root that is not an object, or another format, is said at once; the rest is only
  // checked for syntax (so a syntax error still wins: it is the more useful message).
  std::string numbers = "[1";
  for (int i = 0; i < 100000; ++i) numbers += ",1";
  CHECK(codes_of(numbers + "]") == Lines{"digest.201"});
  CHECK(codes_of("[{}, {} {}]") == Lines{"byte 8 digest.107"});
  // No library tags in messages, and no 200,000-digit echo of the input.
  const Lines overflow = problems_of("[" + std::string(200000, '1') + "]");
  REQUIRE(overflow.size() == 1);
  CHECK(overflow[0].find("[json.exception") == std::string::npos);
  CHECK(overflow[0].find("invalid JSON: number overflow") != std::string::npos);
  CHECK(overflow[0].size() < 200);
  CHECK(codes_of(R"({"format": "digest-index/1", "issues": [)" + std::string(100, ' ') + "]}") ==
        Lines{"/format digest.203"});
  // The number of values is capped: the DOM stays small whatever the text holds.
  LoadLimits few;
  few.max_json_values = 10;
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T"}])"), false, few).empty());
  std::string empties = R"({"format": "digest-issue/1", "x": [)";
  for (int i = 0; i < 20; ++i) empties += i ? ",{}" : "{}";
  CHECK(
      problems_of(empties + "]}", false, few) ==
      Lines{
          "/x/7: more than 10 JSON values; an issue of 5,000 articles needs far fewer. Split it into smaller issues"});
}

TEST_CASE("what one issue's Markdown may make is bounded, with the field that went over", "[loader][limits]") {
  LoadLimits small;
  small.max_blocks = 5;
  small.max_runs = 8;
  small.max_links = 2;
  small.max_table_cells = 4;
  small.max_code_lines = 3;
  const std::string three_blocks = R"("# a\n\nb\n\n- c")";
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "body": )" + three_blocks + "}]"), false, small).empty());
  CHECK(codes_of(
            minimal(R"([{"id": "a", "title": "T", "summary": )" + three_blocks + R"(, "body": )" + three_blocks + "}]"),
            false, small) == Lines{"/articles/0/body digest.309"});
  CHECK(problems_of(minimal(R"J([{"id": "a", "title": "T", "body": "[1](a) [2](b) [3](c)"}])J"), false, small) ==
        Lines{"/articles/0/body: with this field the issue makes more than 2 links, the most one issue may make so "
              "that it stays quick to read. Split it into smaller issues"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "body": "|a|b|\n|-|-|\n|c|d|\n|e|f|"}])"), false, small) ==
        Lines{"/articles/0/body digest.309"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "body": "*a* b *c* d *e* f *g* h *i*"}])"), false, small) ==
        Lines{"/articles/0/body digest.309"});
  CHECK(codes_of(minimal(R"([{"id": "a", "title": "T", "body": "```\n1\n2\n3\n4\n```"}])"), false, small) ==
        Lines{"/articles/0/body digest.309"});
  // Past the first field over a limit nothing more is parsed (or said).
  CHECK(codes_of(minimal(R"J([{"id": "a", "title": "T", "body": "[1](a) [2](b) [3](c)"},
                            {"id": "b", "title": "T", "body": "[1](a) [2](b) [3](c)"}])J"),
                 false, small) == Lines{"/articles/0/body digest.309"});
}

TEST_CASE("problems are listed up to a cap and counted beyond it", "[loader][limits]") {
  std::string duplicates = R"({"format": "digest-issue/1", "x": {)";
  for (int i = 0; i < 1000; ++i) duplicates += i ? R"(,"k":1)" : R"("k":1)";
  const IssueLoadResult result = load_issue(duplicates + "}}");
  CHECK(result.problems.size() == 100);
  CHECK(result.problems[0].to_string() == "/x/k: the key \"k\" appears twice in the same object; keep one");
  CHECK(result.more_problems == 902);  // 899 more duplicates, then id, date and articles missing
  CHECK(result.more_errors == 902);
  CHECK_FALSE(result.ok());
  // Errors beyond the cap still make the issue fail when the listed ones are warnings.
  LoadLimits one;
  one.max_problems = 1;
  const IssueLoadResult strict = load_issue(minimal(R"([{"id": "a", "title": "T", "x": 1}, {"id": "b"}])"), true, one);
  REQUIRE(strict.problems.size() == 1);
  CHECK(strict.problems[0].severity == Severity::Warning);
  CHECK_FALSE(strict.ok());
}

TEST_CASE("reading order: sections first, then unlisted articles", "[loader]") {
  auto result =
      load_issue(minimal(R"([{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}])",
                         R"(, "sections": [{"id": "top", "articles": ["c", "a", "c"]}])"));
  REQUIRE(result.ok());
  CHECK(result.issue.reading_order() == std::vector<size_t>{2, 0, 1});
}

TEST_CASE("the archive index loads and is written newest first", "[index]") {
  auto index = load_index(read_file(source_path("tests/fixtures/issues/index.json")));
  REQUIRE(index.ok());
  REQUIRE(index.index.issues.size() == 3);
  CHECK(index.index.issues[0].id == "2026-11-25");

  std::vector<IndexEntry> entries;
  for (const char* name : {"2026-11-23", "2026-11-25", "2026-11-24"}) {
    auto issue = load_issue(read_file(source_path(std::string("tests/fixtures/issues/") + name + ".json")));
    entries.push_back(make_index_entry(issue.issue, std::string(name) + ".json"));
  }
  CHECK(write_index(entries) == read_file(source_path("tests/fixtures/issues/index.json")));

  const Problem missing =
      load_index(R"({"format": "digest-index/1", "issues": [{"id": "x", "date": "2026-01-01"}]})").problems.at(0);
  CHECK((missing.code == ProblemCode::MissingField && missing.pointer == "/issues/0"));
  // A repeated id names the first entry, counted over entries of any shape.
  const IndexLoadResult twice = load_index(R"({"format": "digest-index/1", "issues": [
      {"id": "a", "date": "2026-01-01", "path": "a.json"}, 42,
      {"id": "a", "date": "2026-01-02", "path": "b.json"}]})");
  REQUIRE(twice.problems.size() == 2);
  CHECK(twice.problems[1].to_string() == "/issues/2/id: duplicate id \"a\"; it is already used by /issues/0");
  CHECK(twice.index.issues.size() == 1);
  const Problem format = load_index(R"({"format": "digest-issue/1"})").problems.at(0);
  CHECK((format.code == ProblemCode::UnsupportedIndexFormat && format.pointer == "/format"));

  // Paths stay inside the archive's folder (issue 22): the entry is dropped, with words.
  for (const char* path : {"../x.json", "2026/../../x.json", "/x.json", "a\\\\x.json", "https://evil.example/x.json", ".."}) {
    INFO(path);
    const IndexLoadResult outside = load_index(std::string(R"({"format": "digest-index/1", "issues": [{"id": "x", )") +
                                               R"("date": "2026-01-01", "path": ")" + path + R"("}], "years": [{"year": )" +
                                               R"("2025", "path": ")" + path + R"("}]})");
    CHECK(outside.index.issues.empty());
    CHECK(outside.index.years.empty());
    REQUIRE(outside.problems.size() == 2);
    CHECK((outside.problems[0].code == ProblemCode::UnsafePath && outside.problems[0].pointer == "/issues/0/path"));
    CHECK(outside.problems[1].pointer == "/years/0/path");
  }
  const IndexLoadResult inside = load_index(
      R"({"format": "digest-index/1", "issues": [{"id": "x", "date": "2026-01-01", "path": "2026/a..b.json"}]})");
  CHECK(inside.index.issues.size() == 1);
}

TEST_CASE("a big archive's index lists the newest issues and points to a file per year", "[index]") {
  std::vector<IndexEntry> entries;
  for (int y = 2019; y <= 2021; ++y) {
    for (int d = 1; d <= 28; ++d) {
      char date[11];
      std::snprintf(date, sizeof date, "%04d-03-%02d", y, d);
      entries.push_back(IndexEntry{date, date, "T", "H", std::string(date) + ".json", {"ai"}});
    }
  }
  CHECK(write_index_files(entries, 100).size() == 1);  // small enough: one file, no years
  auto files = write_index_files(entries, 10);
  REQUIRE(files.size() == 4);
  auto main = load_index(files.at("index.json"));
  REQUIRE(main.ok());
  REQUIRE(main.index.issues.size() == 10);
  CHECK(main.index.issues.front().id == "2021-03-28");
  CHECK(main.index.issues.front().categories == std::vector<std::string>{"ai"});
  REQUIRE(main.index.years.size() == 3);
  CHECK(main.index.years[0].year == "2021");
  CHECK(main.index.years[2].path == "index-2019.json");
  CHECK(main.index.years[2].issues == 28);
  auto oldest = load_index(files.at("index-2019.json"));
  REQUIRE(oldest.ok());
  CHECK(oldest.index.issues.size() == 28);
  CHECK(oldest.index.years.empty());
  CHECK(!load_index(R"({"format":"digest-index/1","issues":[],"years":[{"year":"19","path":"x.json"}]})").ok());
}
