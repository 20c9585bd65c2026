// 「読み上げ」's script: what is read and in which order, sentence splitting, what a
// voice is given for URLs, code and emoji, and the page bytes each sentence lights.
#include <catch_amalgamated.hpp>

#include <nlohmann/json.hpp>

#include "core/page_layout.hpp"
#include "core/spoken.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 0 ? 0.0f : cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

Issue issue_of(const std::string& articles, const std::string& extra = "") {
  const std::string json =
      R"({"format":"digest-issue/1","id":"2026-11-25","date":"2026-11-25","title":"🗞 テック速報",)" + extra +
      R"("articles":)" + articles + "}";
  IssueLoadResult result = load_issue(json);
  REQUIRE(result.ok());
  return std::move(result.issue);
}

Issue one_article(const std::string& body, const std::string& summary = "要約です。") {
  return issue_of(R"([{"id":"a","title":"🔐 ルーターに裏口","summary":)" + nlohmann::json(summary).dump() +
                  R"(,"body":)" + nlohmann::json(body).dump() + "}]");
}

PageLayout page_of(const Outline& outline, float width = 800) {
  PageStyle style;
  style.width = width;
  return layout_page(outline, EmMeasure(), style);
}

std::vector<std::string> speeches(const std::vector<SpokenSentence>& script) {
  std::vector<std::string> out;
  for (const SpokenSentence& s : script) out.push_back(s.speech);
  return out;
}

std::vector<std::string> spoken(const Issue& issue, float width = 800) {
  const Outline outline = make_outline(issue);
  return speeches(spoken_script(page_of(outline, width)));
}

}  // namespace

TEST_CASE("the script reads title, summary and body in order; meta, markers and 🔗 are left out", "[spoken]") {
  const Issue issue = one_article("最初の段落です。二つ目の文です！\n\n- 箇条その一\n- 箇条その二\n");
  CHECK(spoken(issue) == std::vector<std::string>{"テック速報", "ルーターに裏口", "要約です。", "最初の段落です。",
                                                  "二つ目の文です！", "箇条その一", "箇条その二"});
}

TEST_CASE("sentences end at 。！？ with the closing brackets after them, unless a quotation goes on", "[spoken]") {
  const Issue issue =
      one_article("彼は「もう遅い。」と言った。本当か？（確認中。）次へ。Version 2.5 was released. Then more!");
  const Outline outline = make_outline(issue);
  const auto script = spoken_script(page_of(outline));
  REQUIRE(script.size() >= 3);
  const std::vector<std::string> all = speeches(script);
  const std::vector<std::string> body(all.begin() + 3, all.end());
  CHECK(body == std::vector<std::string>{"彼は「もう遅い。」と言った。", "本当か？", "（確認中。）", "次へ。",
                                         "Version 2.5 was released.", "Then more!"});
}

TEST_CASE("numbers and Latin words are kept; emoji are dropped", "[spoken]") {
  const Issue issue = one_article("🚨 CVE-2026-1234 の深刻度は 9.8 です🔥。Wi-Fi 6E 対応👍🏽。");
  const auto all = spoken(issue);
  CHECK(std::vector<std::string>(all.end() - 2, all.end()) ==
        std::vector<std::string>{"CVE-2026-1234 の深刻度は 9.8 です。", "Wi-Fi 6E 対応。"});
}

TEST_CASE("a bare URL is said as its site's name; a link's own words are kept", "[spoken]") {
  const Issue issue = one_article(
      "詳細は https://www.example.co.jp/news/2026/11/25?id=7&x=y を参照。"
      "公式の[発表](https://vendor.example/advisory)も出た。手順は http://docs.example.org:8080/a を見てください。");
  const auto all = spoken(issue);
  CHECK(std::vector<std::string>(all.end() - 3, all.end()) ==
        std::vector<std::string>{"詳細は example.co.jp を参照。", "公式の発表も出た。",
                                 "手順は docs.example.org を見てください。"});
}

TEST_CASE("code spans are read as written, a code block is announced", "[spoken]") {
  const Issue issue = one_article(
      "設定は `https://x.example/?a=1!` と `rm -rf ./tmp。` です。\n\n```sh\nsudo apt update\nsudo apt upgrade\n```\n");
  const auto all = spoken(issue);
  CHECK(std::vector<std::string>(all.end() - 2, all.end()) ==
        std::vector<std::string>{"設定は https://x.example/?a=1! と rm -rf ./tmp。 です。", "コードが2行あります。"});
}

TEST_CASE("references and the story thread are not read; the afterword is", "[spoken]") {
  const Issue issue = issue_of(
      R"([{"id":"a","title":"記事","body":"本文。","references":[{"title":"元記事","url":"https://example.com/x"}]}])",
      R"("afterword":{"body":"今日はここまで。"},)");
  CHECK(spoken(issue) == std::vector<std::string>{"テック速報", "記事", "本文。", "編集後記", "今日はここまで。"});
}

TEST_CASE("a long sentence is cut after a comma, none longer than the limit", "[spoken]") {
  std::string body;
  for (int i = 0; i < 12; ++i) body += "長い文の一部分がここにあり、";
  body += "終わり。";
  const Issue issue = one_article(body);
  const auto all = spoken(issue);
  size_t parts = 0;
  std::string joined;
  for (size_t i = 3; i < all.size(); ++i) {
    CHECK(display_width(all[i]) / 2 <= static_cast<int>(kMaxSpokenChars));
    joined += all[i];
    ++parts;
  }
  CHECK(parts >= 2);
  CHECK(joined == body);
  CHECK(all[3].substr(all[3].size() - 3) == "、");
}

TEST_CASE("each sentence lights its own bytes of the page, across line breaks", "[spoken]") {
  const Issue issue = one_article("一つ目の文はとても長くて、狭い画面では何行にも折り返されることになります。二つ目。");
  const Outline outline = make_outline(issue);
  const PageLayout page = page_of(outline, 200);
  const auto script = spoken_script(page);
  REQUIRE(script.size() == 5);
  const SpokenSentence& first = script[3];
  CHECK(first.speech == "一つ目の文はとても長くて、狭い画面では何行にも折り返されることになります。");
  const PageBlock& block = page.blocks[first.block];
  CHECK(block.line_count > 2);
  CHECK(page.text.substr(first.begin, first.end - first.begin) == first.speech);
  CHECK(page.text.substr(script[4].begin, script[4].end - script[4].begin) == "二つ目。");
  CHECK(script[4].pause_ms == 0);
  CHECK(first.pause_ms > 0);
}

TEST_CASE("ordinals and places do not depend on the width or on where reading starts", "[spoken]") {
  const Issue issue = [] {
    auto r = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json")));
    REQUIRE(r.ok());
    return std::move(r.issue);
  }();
  const Outline outline = make_outline(issue);
  const PageLayout wide = page_of(outline, 1280), narrow = page_of(outline, 320);
  const auto a = spoken_script(wide), b = spoken_script(narrow);
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() > 20);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].speech == b[i].speech);
    CHECK(a[i].article == b[i].article);
    CHECK(a[i].ordinal == b[i].ordinal);
  }
  for (const SpokenSentence& s : a) {
    CHECK(s.speech.find("http") == std::string::npos);
    CHECK(s.speech.find("🔗") == std::string::npos);
    CHECK(s.speech.find("分で読めます") == std::string::npos);
    for (size_t i = 0; i < s.speech.size();) CHECK_FALSE(is_emoji(utf8_next(s.speech, i)));
  }
  // Starting at the second article's top, or at a kept (article, ordinal), numbers as from the top.
  const size_t second = spoken_part_block(wide, 1);
  REQUIRE(second < wide.blocks.size());
  const auto from_second = spoken_script(wide, second, 3);
  REQUIRE(from_second.size() >= 3);
  CHECK(from_second[0].article == 1);
  CHECK(from_second[0].ordinal == 0);
  const auto it = std::find_if(a.begin(), a.end(), [](const SpokenSentence& s) { return s.article == 1; });
  CHECK(it->speech == from_second[0].speech);
  const auto mid = spoken_script(wide, from_second[2].block);
  const auto same =
      std::find_if(mid.begin(), mid.end(), [&](const SpokenSentence& s) { return s.begin == from_second[2].begin; });
  REQUIRE(same != mid.end());
  CHECK(same->ordinal == from_second[2].ordinal);
  // The screen's top picks the first block reaching below it.
  CHECK(spoken_start_block(wide, 0) == 0);
  CHECK(spoken_start_block(wide, wide.blocks[second].y) <= second);
  CHECK(spoken_start_block(wide, wide.height + 10) == wide.blocks.size());
  CHECK(spoken_part_block(wide, kMastheadPart) == 0);
}

TEST_CASE("spoken_text drops emoji and joiners and collapses white space", "[spoken]") {
  CHECK(spoken_text("🏆 Top Stories") == "Top Stories");
  CHECK(spoken_text("👨‍👩‍👧 家族　向け  機能 ✍") == "家族 向け 機能");
  CHECK(spoken_text("🔗") == "");
  CHECK(spoken_text("・") == "");
}

TEST_CASE("a table is read a row at a time, each cell after its column's header", "[spoken]") {
  const Issue issue =
      one_article("| 観点 | 手元 | クラウド |\n| --- | --- | --- |\n| 送信 | 不要 | 必要 |\n| 質 |  | 高 |\n");
  const Outline outline = make_outline(issue);
  const PageLayout page = page_of(outline);
  const auto all = spoken_script(page);
  REQUIRE(all.size() == 6);
  CHECK(all[3].speech == "観点、手元、クラウド。");
  CHECK(all[4].speech == "送信、手元は不要、クラウドは必要。");
  CHECK(all[5].speech == "質、クラウドは高。");
  CHECK(page.text.substr(all[4].begin, all[4].end - all[4].begin) == "送信不要必要");
  // Started at a body row's middle cell: the whole row, the headers still known.
  const auto mid = spoken_script(page, all[4].block + 1);
  REQUIRE(mid.size() == 2);
  CHECK(mid[0].speech == all[4].speech);
  CHECK(mid[0].ordinal == all[4].ordinal);
  // A row too long for one utterance: a cell a sentence, each after its header.
  std::string wide_cell;
  for (int i = 0; i < 110; ++i) wide_cell += "長";
  const Issue wide = one_article("| 項目 | 説明 |\n| --- | --- |\n| 甲 | " + wide_cell + " |\n");
  const Outline wide_outline = make_outline(wide);
  const auto rows = spoken_script(page_of(wide_outline));
  REQUIRE(rows.size() == 6);
  CHECK(rows[3].speech == "項目、説明。");
  CHECK(rows[4].speech == "甲。");
  CHECK(rows[5].speech == "説明は" + wide_cell + "。");
  CHECK(rows[5].ordinal == rows[4].ordinal + 1);
}

TEST_CASE("a sentence's marks find its words in the text layer's elements", "[spoken]") {
  auto r = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-24.json")));
  REQUIRE(r.ok());
  const Outline outline = make_outline(r.issue);
  const PageLayout page = page_of(outline, 320);
  // An element's text as the DOM has it, in UTF-16 units: spans, and a space where a
  // line broke at one.
  auto element_text = [&](const PageBlock& block) {
    std::u32string out;
    for (uint32_t l = 0; l < block.line_count; ++l) {
      const PageBlockLine& line = page.block_lines[block.first_line + l];
      for (uint32_t s = 0; s < line.span_count; ++s)
        for (size_t i = page.spans[line.first_span + s].begin; i < page.spans[line.first_span + s].end;)
          out.push_back(utf8_next(page.text, i));
      if (line.space_after && l + 1 < block.line_count) out.push_back(' ');
    }
    std::vector<char32_t> units;  // each code point once per UTF-16 unit it takes
    for (char32_t cp : out) {
      units.push_back(cp);
      if (cp > 0xFFFF) units.push_back(0);
    }
    return units;
  };
  size_t checked = 0;
  for (const SpokenSentence& s : spoken_script(page)) {
    const auto marks = text_layer_marks(page, s.block, s.begin, s.end);
    REQUIRE_FALSE(marks.empty());
    CHECK(marks[0].box == text_layer_box(page.blocks[s.block]));
    std::string lit;
    for (const TextLayerMark& mark : marks) {
      const auto block = std::find_if(page.blocks.begin(), page.blocks.end(),
                                      [&](const PageBlock& b) { return text_layer_box(b) == mark.box; });
      REQUIRE(block != page.blocks.end());
      const auto units = element_text(*block);
      REQUIRE(mark.to <= units.size());
      for (uint32_t u = mark.from; u < mark.to; ++u)
        if (units[u] && units[u] != ' ') utf8_append(lit, units[u]);
    }
    std::string expected;
    for (size_t i = s.begin; i < s.end;) {
      const char32_t cp = utf8_next(page.text, i);
      if (cp != ' ') utf8_append(expected, cp);
    }
    CHECK(lit == expected);
    ++checked;
  }
  CHECK(checked > 30);
}
