// Markdown → render model, driven by the literate spec in tests/spec/markdown.txt
// (the format of md4c's and CommonMark's spec files: example fences with the
// Markdown input, a line with a single ".", then the expected render-model dump).
#include <catch_amalgamated.hpp>

#include <chrono>
#include <sstream>

#include "core/render_model.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

struct Example {
  size_t line;
  std::string markdown, expected;
};

std::vector<Example> read_examples(const std::string& spec) {
  const std::string fence = "```````````````````````````````` example";
  const std::string close = "````````````````````````````````";
  std::vector<Example> examples;
  std::istringstream in(spec);
  std::string line;
  size_t number = 0;
  enum { Prose, Input, Output } state = Prose;
  Example current;
  while (std::getline(in, line)) {
    ++number;
    if (state == Prose && line == fence) {
      current = Example{number, "", ""};
      state = Input;
    } else if (state == Input && line == ".") {
      state = Output;
    } else if (state == Input) {
      // "→" stands for a tab, as in the CommonMark spec.
      for (size_t p; (p = line.find("→")) != std::string::npos;) line.replace(p, 3, "\t");
      current.markdown += line + "\n";
    } else if (state == Output && line == close) {
      examples.push_back(current);
      state = Prose;
    } else if (state == Output) {
      current.expected += line + "\n";
    }
  }
  return examples;
}

}  // namespace

TEST_CASE("Markdown spec examples", "[markdown]") {
  auto examples = read_examples(digest_test::read_file(digest_test::source_path("tests/spec/markdown.txt")));
  REQUIRE(examples.size() >= 20);
  for (const auto& ex : examples) {
    INFO("tests/spec/markdown.txt:" << ex.line << "\n" << ex.markdown);
    CHECK(dump_document(parse_markdown(ex.markdown)) == ex.expected);
  }
}

TEST_CASE("pathological Markdown finishes quickly and flat", "[markdown][limits]") {
  auto started = std::chrono::steady_clock::now();
  auto check = [](const std::string& input) {
    Document doc = parse_markdown(input);
    CHECK(doc.plain_text().size() <= input.size() * 3);
  };
  check(std::string(50000, '>') + " deep");
  std::string lists;
  for (int i = 0; i < 5000; ++i) lists += std::string(static_cast<size_t>(i) * 2, ' ') + "- item\n";
  check(lists);
  std::string emphasis;
  for (int i = 0; i < 30000; ++i) emphasis += "*a_";
  check(emphasis);
  check(std::string(50000, '[') + "x" + std::string(50000, ']'));
  check(std::string(50000, '`'));
  std::string links;
  for (int i = 0; i < 20000; ++i) links += "[a](b";
  check(links);
  // Generous bound: a hang or a quadratic blow-up takes minutes, not seconds.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
}

TEST_CASE("50k nested quotes keep their depth without recursion", "[markdown][limits]") {
  Document doc = parse_markdown(std::string(50000, '>') + " deep");
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].quote_depth == 50000);
  CHECK(doc.plain_text() == "deep");
}

TEST_CASE("when md4c stops, the text is kept as written, a paragraph a line", "[markdown]") {
  const std::string markdown = "# one\n\n**two**\n\n- three\n";
  CHECK(parse_markdown(markdown).blocks.size() == 3);
  Document doc = parse_markdown(markdown, 2);  // the third block exceeds the limit
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].runs.at(0).text == "# one");
  CHECK(doc.blocks[1].runs.at(0).text == "**two**");
  CHECK(doc.blocks[2].runs.at(0).text == "- three");
  CHECK(doc.blocks[2].kind == BlockKind::Paragraph);
}

TEST_CASE("link destinations have their entities decoded exactly once", "[markdown][links]") {
  Document doc = parse_markdown(
      "[a](https://example.com/?a=1&amp;b=2) [b](https://example.com/?a=1&amp;amp;b=2) "
      "[c](&#74;avascript:alert(1)) [d](&#47;/evil.example)");
  REQUIRE(doc.links.size() == 4);
  CHECK(doc.links[0].href == "https://example.com/?a=1&b=2");
  CHECK(doc.links[1].href == "https://example.com/?a=1&amp;b=2");
  CHECK_FALSE(doc.links[2].live);
  CHECK_FALSE(doc.links[3].live);
}
