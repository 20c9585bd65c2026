// JsonCursor, the one-pass reader under load_issue: it accepts exactly the JSON that
// nlohmann_json accepts (on the JSONTestSuite corpus and on thousands of mutated
// issues), decodes escapes, says where and what in a reader's words, and the loader
// on it checks what refers to later parts of the text whatever the order.
#include <catch_amalgamated.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/issue.hpp"
#include "core/json_cursor.hpp"
#include "core/utf8.hpp"
#include "test_support.hpp"

using namespace digest;
namespace fs = std::filesystem;

namespace {

struct Read {
  bool ok = false;
  std::string error;
  size_t offset = 0;
};

// The whole text read by the cursor, keeping nothing.
Read read_all(std::string_view text, size_t max_depth = 1u << 20) {
  std::vector<Problem> problems;
  size_t more = 0, more_errors = 0;
  ProblemCollector collector{problems, more, more_errors, 100, false};
  JsonCursor cursor(text, collector, SIZE_MAX, max_depth);
  cursor.skip();
  Read r;
  r.ok = cursor.finish();
  r.error = cursor.error_message();
  r.offset = cursor.error_offset();
  return r;
}

bool nlohmann_accepts(std::string_view text) {
  return nlohmann::json::accept(text.begin(), text.end());
}

std::vector<std::string> codes_of(std::string_view json) {
  std::vector<std::string> out;
  for (const auto& p : load_issue(json).problems) {
    const std::string place = p.byte_offset ? "byte " + std::to_string(*p.byte_offset) : p.pointer;
    out.push_back(place + (place.empty() ? "" : " ") + code_name(p.code));
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("the cursor accepts what nlohmann accepts on every JSONTestSuite file of valid UTF-8", "[cursor]") {
  fs::path dir = digest_test::source_path("../shared/testdata/jsontestsuite/test_parsing");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) SKIP("the JSONTestSuite corpus is not present on this machine");
  size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string text = digest_test::read_file(entry.path().string());
    if (!utf8_valid(text) || text.find('\0') != std::string::npos) continue;  // refused before the cursor
    INFO(entry.path().filename().string());
    CHECK(read_all(text).ok == nlohmann_accepts(text));
    ++compared;
  }
  CHECK(compared >= 280);
}

TEST_CASE("the cursor agrees with nlohmann on thousands of mutated issues", "[cursor]") {
  const std::string base = digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json"));
  // Bytes that change JSON's meaning: structure, quotes, escapes, literals, numbers.
  const std::string alphabet = "{}[]:,\"\\ \n0-1.eE+tfnulrsa/u";
  uint32_t seed = 20261205;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  size_t agreed = 0, accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(next() % 3);
    for (int e = 0; e < edits; ++e) {
      // Only at ASCII bytes, so the text stays valid UTF-8.
      size_t at = next() % text.size();
      while (at < text.size() && static_cast<unsigned char>(text[at]) >= 0x80) ++at;
      if (at >= text.size()) continue;
      const char c = alphabet[next() % alphabet.size()];
      switch (next() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1); break;
      }
    }
    const bool ours = read_all(text).ok;
    INFO(text);
    REQUIRE(ours == nlohmann_accepts(text));
    ++agreed;
    accepted += ours;
  }
  CHECK(agreed == 3000);
  CHECK(accepted > 100);  // some mutations stay JSON: both sides were tried
}

TEST_CASE("escapes are decoded; lone surrogates and bad escapes are refused", "[cursor]") {
  std::vector<Problem> problems;
  size_t more = 0, more_errors = 0;
  ProblemCollector collector{problems, more, more_errors, 100, false};
  const std::string text = R"(["a\"b\\c\/d\n\t", "\u65e5\u672c", "\ud83d\udd10", "plain"])";
  JsonCursor cursor(text, collector, 100, 64);
  REQUIRE(cursor.begin_array());
  std::vector<std::string> strings;
  std::vector<bool> escaped;
  while (cursor.next_element()) {
    std::string_view s;
    REQUIRE(cursor.read_string(s));
    strings.emplace_back(s);
    escaped.push_back(cursor.string_was_escaped());
  }
  CHECK(cursor.finish());
  CHECK(strings == std::vector<std::string>{"a\"b\\c/d\n\t", "日本", "🔐", "plain"});
  CHECK(escaped == std::vector<bool>{true, true, true, false});

  CHECK_FALSE(read_all(R"(["\ud83d"])").ok);
  CHECK(read_all(R"(["\ud83d x"])").error.find("high surrogate") != std::string::npos);
  CHECK(read_all(R"(["\udd10"])").error.find("low surrogate") != std::string::npos);
  CHECK(read_all(R"(["\x"])").error.find("invalid escape \\x") != std::string::npos);
  CHECK(read_all(R"(["\u12"])").error.find("four hexadecimal digits") != std::string::npos);
}

TEST_CASE("syntax errors point at the byte and say what was expected", "[cursor]") {
  auto error_of = [](std::string_view text) {
    const Read r = read_all(text);
    return std::to_string(r.offset) + ": " + r.error;
  };
  CHECK(error_of(R"({"a": 1,})") == "8: expected a key after ',', found '}'");
  CHECK(error_of(R"({"a" 1})") == "5: expected ':' after the key, found '1'");
  CHECK(error_of("[1 2]") == "3: expected ',' or ']', found '2'");
  CHECK(error_of("[1,]") == "3: expected a value after ',', found ']'");
  CHECK(error_of("\"a\nb\"") == "2: control character U+000A inside a string; write it as an escape such as \\n");
  CHECK(error_of("[\"abc") == "5: unexpected end of the text inside a string; a '\"' is missing");
  CHECK(error_of("[01]") == "2: expected ',' or ']', found '1'");
  CHECK(error_of("[1.]") == "3: invalid number; expected a digit, found ']'");
  CHECK(error_of("nul") == "3: invalid literal; expected null, found the end of the text");
  CHECK(error_of("{} x") == "3: unexpected 'x' after the end of the JSON value");
  CHECK(error_of("[「]") == "1: expected a value, found U+300C");
  // Nesting is bounded while reading, iteratively (no recursion to overflow).
  const Read deep = read_all(std::string(100000, '['), 64);
  CHECK_FALSE(deep.ok);
  CHECK(deep.offset == 64);
}

TEST_CASE("duplicate keys are found in every object, also those the loader skips, escaped or not", "[cursor]") {
  CHECK(codes_of(R"({"format": "digest-issue/1", "x": {"k": 1, "\u006b": 2}, "id": "a", "date": "2026-11-25",
                     "articles": []})") == Lines{"/x/k digest.206"});
  std::string many = R"({"format": "digest-issue/1", "id": "a", "date": "2026-11-25", "articles": [], "x": {)";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\": 1, ";
  many += R"("k7": 2}})";
  CHECK(codes_of(many) == Lines{"/x/k7 digest.206"});
}

TEST_CASE("references and the format are checked whatever the order of the members", "[cursor][loader]") {
  // Sections before the articles they list, categories after the articles that use them,
  // the format last: valid.
  const std::string reordered = R"({"sections": [{"id": "top", "articles": ["b", "a"]}],
    "articles": [{"id": "a", "title": "A", "category": "ai"}, {"id": "b", "title": "B"}],
    "categories": [{"id": "ai", "label": "AI"}], "date": "2026-11-25", "id": "x", "format": "digest-issue/1"})";
  const IssueLoadResult loaded = load_issue(reordered);
  CHECK(loaded.problems.empty());
  REQUIRE(loaded.issue.sections.size() == 1);
  CHECK(loaded.issue.sections[0].article_ids == std::vector<std::string>{"b", "a"});
  CHECK(loaded.issue.reading_order() == std::vector<size_t>{1, 0});

  // The same, wrong: an unknown article and category are said where they are written.
  CHECK(codes_of(R"({"sections": [{"id": "top", "articles": ["b", "ghost"]}],
    "articles": [{"id": "b", "title": "B", "category": "nope"}],
    "categories": [{"id": "ai"}], "date": "2026-11-25", "id": "x", "format": "digest-issue/1"})") ==
        Lines{"/articles/0/category digest.402", "/sections/0/articles/1 digest.403"});

  // A wrong format found last still refuses the whole text, saying only that.
  CHECK(codes_of(R"({"id": "Bad Id", "articles": 42, "format": "digest-issue/9"})") == Lines{"/format digest.203"});
  CHECK(codes_of(R"({"id": "Bad Id", "articles": 42})") == Lines{"digest.202"});
}
