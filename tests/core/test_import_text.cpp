// `digest import-text`: the plain-text (mail) form → issue JSON.
#include <catch_amalgamated.hpp>

#include "core/import_text.hpp"
#include "core/issue.hpp"
#include "test_support.hpp"

using namespace digest;
using digest_test::file_exists;
using digest_test::read_file;
using digest_test::source_path;

namespace {

Issue import_and_load(const std::string& text, const std::string& date = "2026-11-20") {
  ImportOptions options;
  options.date = date;
  ImportResult imported = import_text(text, options);
  INFO(imported.json);
  REQUIRE_FALSE(imported.json.empty());
  IssueLoadResult loaded = load_issue(imported.json, true);
  REQUIRE(loaded.problems.empty());
  return loaded.issue;
}

}  // namespace

TEST_CASE("a fixture in the plain-text form imports completely", "[import]") {
  Issue issue = import_and_load(read_file(source_path("tests/fixtures/plain/2026-11-20.txt")));
  CHECK(issue.id == "2026-11-20");
  CHECK(issue.lang == "ja");
  REQUIRE(issue.categories.size() == 2);
  CHECK(issue.categories[0].id == "security");
  CHECK(issue.categories[0].emoji == "🔐");
  CHECK(issue.categories[1].label == "AI");
  REQUIRE(issue.sections.size() == 1);
  CHECK(issue.sections[0].id == "top");
  CHECK(issue.sections[0].title == "Top Stories");
  CHECK(issue.sections[0].emoji == "🏆");
  CHECK(issue.sections[0].article_ids == std::vector<std::string>{"security-1", "ai-1"});

  REQUIRE(issue.articles.size() == 2);
  const Article& nas = issue.articles[0];
  CHECK(nas.title == "古いNASに残った管理アカウント、ランサムウェアの入り口に");
  CHECK(nas.summary.source.rfind("サポートが終了したNAS", 0) == 0);
  CHECK(nas.commentary.source.rfind("使われなくなった機器", 0) == 0);
  // Sub-section headings become level-3 headings; Markdown characters stay literal.
  CHECK(dump_document(nas.body.doc) ==
        "heading 3\n  text \"何があった?\"\n"
        "paragraph\n  text "
        "\"攻撃者はインターネットから到達できるNASを探し、初期設定のままの管理アカウントでログインしていました。\"\n"
        "heading 3\n  text \"今すぐやるべき対策\"\n"
        "paragraph\n  text "
        "\"社内のNASを一覧にし、管理アカウントのパスワードを変更してください。*不要な機器*"
        "は電源を切ることも検討しましょう。\"\n");
  CHECK(nas.author == "Aya Aegis");
  REQUIRE(nas.references.size() == 2);
  CHECK(nas.references[0].title == "End-of-life storage devices and ransomware");
  CHECK(nas.references[0].url == "https://example.com/eol-nas");
  CHECK(nas.references[1].title == "社内資料:機器の棚卸し手順");
  CHECK(nas.references[1].url.empty());

  const Article& minutes = issue.articles[1];
  // "1. ..." lines are escaped so they stay text, not a list.
  CHECK(minutes.body.doc.plain_text() == "ポイント\n1. 参加者の名前を事前に登録する\n2. 要約は必ず担当者が確認する");
  CHECK(minutes.author == "Haru Light");

  REQUIRE(issue.afterword.has_value());
  CHECK(issue.afterword->title == "編集後記");
  CHECK(issue.afterword->emoji == "✒️");
  CHECK(issue.afterword->author == "編集部");
  CHECK(issue.afterword->body.doc.blocks.size() == 2);
}

TEST_CASE("text without a category line is rejected with a reason", "[import]") {
  ImportOptions options;
  options.date = "2026-11-20";
  ImportResult r = import_text(read_file(source_path("tests/fixtures/plain/no-articles.txt")), options);
  CHECK(r.json.empty());
  CHECK(r.problems ==
        std::vector<std::string>{"line 1: text before the first category line was skipped",
                                 "line 2: text before the first category line was skipped",
                                 "no articles found; an article starts with a category line such as \"🔐 Security\""});
}

TEST_CASE("invalid UTF-8 and a missing date are reported", "[import]") {
  ImportOptions options;
  CHECK(import_text("🔐 Security\n", options).problems ==
        std::vector<std::string>{"no date given; pass --date YYYY-MM-DD"});
  options.date = "2026-11-20";
  CHECK(import_text("ok\n\xC3(", options).problems ==
        std::vector<std::string>{"line 2: invalid UTF-8 at byte 3; save the file as UTF-8"});
}

TEST_CASE("escape_markdown keeps text literal", "[import]") {
  CHECK(escape_markdown("# a *b* [c](d) <e> 1_000") == "\\# a \\*b\\* \\[c\\](d) \\<e\\> 1\\_000");
  CHECK(escape_markdown("1. item") == "1\\. item");
  CHECK(escape_markdown("- item") == "\\- item");
}

TEST_CASE("the seed digest imports with all seven articles", "[import][seed]") {
  const std::string seed = source_path("../shared/seed/000_67746825949b8ab2.txt");
  if (!file_exists(seed)) SKIP("../shared/seed is not present on this machine");
  Issue issue = import_and_load(read_file(seed), "2026-11-25");
  REQUIRE(issue.articles.size() == 7);
  CHECK(issue.sections.at(0).article_ids.size() == 7);
  CHECK(issue.categories.size() == 3);
  for (const Article& a : issue.articles) {
    INFO(a.id);
    CHECK(!a.author.empty());
    CHECK(a.references.size() == 1);
    CHECK(!a.summary.empty());
    CHECK(!a.commentary.empty());
    CHECK(a.body.doc.blocks.size() >= 6);
  }
  REQUIRE(issue.afterword.has_value());
  CHECK(issue.afterword->title == "編集後記");
}
