// Action checklists: which items an issue has, their keys across corrections, ticks
// matched back to items, and the exports.
#include <catch_amalgamated.hpp>

#include <nlohmann/json.hpp>

#include "core/checklist.hpp"
#include "core/export.hpp"
#include "core/page_layout.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"

using namespace digest;

namespace {

Issue issue_with(const std::string& body, const std::string& id = "router") {
  const std::string json = R"({"format":"digest-issue/1","id":"2026-11-25","date":"2026-11-25","title":"Tech Digest",
    "articles":[{"id":")" + id + R"(","title":"ルーターに裏口","body":)" +
                           nlohmann::json(body).dump() + "}]}";
  IssueLoadResult result = load_issue(json);
  REQUIRE(result.ok());
  return std::move(result.issue);
}

std::vector<std::string> texts(const std::vector<ChecklistItem>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.text);
  return out;
}

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 0 ? 0.0f : cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

}  // namespace

TEST_CASE("the items of a checklist section are its list's top-level items") {
  const Issue issue = issue_with(
      "### 何があった?\n\n- 関係のない箇条\n\n### 今すぐやるべき対策\n\n"
      "1. 管理画面で**バージョン**を確認する\n2. 修正版 `v3.2.1` に更新する\n   - 自動更新も有効にする\n"
      "3. パスワードを変更する\n\n> 引用は対策ではない\n\n### 今後の注目点\n\n- これも対策ではない\n");
  const auto items = checklist_items(issue);
  CHECK(texts(items) == std::vector<std::string>{"管理画面でバージョンを確認する",
                                                 "修正版 v3.2.1 に更新する 自動更新も有効にする",
                                                 "パスワードを変更する"});
  for (const auto& item : items) {
    CHECK(item.article == 0);
    CHECK(item.key.size() == 16);
    CHECK(issue.articles[0].body.doc.blocks[item.block].marker.size() > 0);
  }
}

TEST_CASE("a section without a list has a paragraph an item; other headings are configuration") {
  const Issue issue = issue_with(
      "### 🛡️ 今すぐやるべき対策\n\nまずログを確認してください。\n\nそして鍵を替えてください。\n\n"
      "#### 詳しく\n\n小見出しで終わる\n\n## 確認すること\n\n- 設定を見直す\n");
  CHECK(texts(checklist_items(issue)) ==
        std::vector<std::string>{"まずログを確認してください。", "そして鍵を替えてください。"});
  ChecklistConfig config;
  config.headings = {"確認すること"};
  CHECK(texts(checklist_items(issue, config)) == std::vector<std::string>{"設定を見直す"});
  CHECK(checklist_items(issue_with("### 今後の注目点\n\n- 対策ではない\n")).empty());
}

TEST_CASE("keys ignore width, case, kana and punctuation; likeness tolerates a typo") {
  CHECK(checklist_key("ＶＰＮのログを確認する。") == checklist_key("vpn の ログを確認する"));
  CHECK(checklist_key("パスワードを変更する") == checklist_key("ぱすわーどを変更する"));
  CHECK(checklist_key("パスワードを変更する") != checklist_key("パスワードを確認する"));
  // A corrected typo in a line of typical length stays well above the threshold;
  // another action of the same article stays well below it.
  const std::string before = "管理画面でファームウエアのバージョンを確認する";
  const std::string fixed = "管理画面でファームウェアのバージョンを確認する";
  CHECK(text_similarity(before, fixed) >= kSameItemSimilarity);
  CHECK(text_similarity("ログに出た可能性のある鍵は失効・再発行する", "ログに出た可能性のある鍵は、確認の前に失効・再発行する") >=
        kSameItemSimilarity);
  CHECK(text_similarity("管理者パスワードとWi-Fiの鍵を変更する", "管理画面でファームウェアのバージョンを確認する") < 0.3);
  CHECK(text_similarity("同じ", "同じ") == 1.0);
}

TEST_CASE("ticks follow their item by key, then by likeness, each once and within its article") {
  const Issue issue = issue_with(
      "### 今すぐやるべき対策\n\n- 管理画面でファームウェアのバージョンを確認する\n"
      "- 管理者パスワードとWi-Fiの鍵を変更する\n- 修正版に更新する\n");
  const auto items = checklist_items(issue);
  REQUIRE(items.size() == 3);
  std::vector<StoredCheck> stored = {
      {"router", items[2].key, "修正版に更新する"},                                     // exact
      {"router", "0000000000000000", "管理画面でファームウエアのバージョンを確認する"},  // a typo fixed since
      {"other-article", "1111111111111111", "管理者パスワードとWi-Fiの鍵を変更する"},    // not this article
      {"router", "2222222222222222", "まったく別の古い項目"},                            // gone
  };
  CHECK(match_checks(issue, items, stored) == std::vector<int>{1, -1, 0});
  // Two ticks alike one item: the more alike wins, the other stays unmatched.
  stored = {{"router", "a", "管理画面でファームウエアのバージョンを確認する"},
            {"router", "b", "ファームウェアのバージョンを確認"}};
  CHECK(match_checks(issue, items, stored) == std::vector<int>{0, -1, -1});
}

TEST_CASE("the open items export as a Markdown task list and as CSV") {
  ActionList list;
  list.issue = "2026-11-25";
  list.date = "2026-11-25";
  list.title = "Tech Digest";
  list.articles.push_back({"router", "ルーターに*裏口*", {{"k1", "管理画面で確認する"}, {"k2", "=1+1 を \"引用\", 含む"}}});
  const std::string md = action_lists_markdown({list}, "https://example.org/digest/");
  CHECK(md ==
        "# 対策リスト(未完了 2件)\n\n## 2026-11-25 Tech Digest\n\n"
        "### [ルーターに\\*裏口\\*](<https://example.org/digest/?issue=2026-11-25#router>)\n\n"
        "- [ ] 管理画面で確認する\n- [ ] =1+1 を \"引用\", 含む\n");
  CHECK(action_lists_markdown({list}, "").find("### ルーターに\\*裏口\\*\n") != std::string::npos);
  const std::string csv = action_lists_csv({list}, "https://example.org/digest/");
  CHECK(csv ==
        "\xEF\xBB\xBF日付,号,記事,対策,URL\r\n"
        "2026-11-25,Tech Digest,ルーターに*裏口*,管理画面で確認する,https://example.org/digest/?issue=2026-11-25#router\r\n"
        "2026-11-25,Tech Digest,ルーターに*裏口*,\"'=1+1 を \"\"引用\"\", 含む\",https://example.org/digest/"
        "?issue=2026-11-25#router\r\n");
}

TEST_CASE("checklist items are laid out with a box where the marker was, in the text layer and the static page") {
  const Issue issue = issue_with("### 今すぐやるべき対策\n\n- ログを確認する\n- 鍵を替える\n\n### 背景\n\n- ただの箇条\n");
  const auto items = checklist_items(issue);
  const PageLayout plain = layout_page(make_outline(issue), EmMeasure(), PageStyle{});
  const PageLayout page = layout_page(make_outline(issue, {}, &items), EmMeasure(), PageStyle{});
  REQUIRE(page.checks.size() == 2);
  CHECK(plain.checks.empty());
  // The text does not move: the box takes the marker's place, left of the text.
  CHECK(page.height == plain.height);
  for (const PageCheck& check : page.checks) {
    CHECK(check.size > 10);
    const auto [first, last] = page.visible_lines(check.y, check.y + check.size);
    bool text_right_of_box = false;
    for (size_t l = first; l < last; ++l)
      if (page.lines[l].x >= check.x + check.size && page.lines[l].y <= check.y) text_right_of_box = true;
    CHECK(text_right_of_box);
  }
  CHECK(page.checks[0].name == "ログを確認する");
  CHECK(page.visible_checks(page.checks[1].y, page.checks[1].y + 1).second == 2);

  const std::string layer = text_layer_html(issue, page);
  CHECK(layer.find("<input type=\"checkbox\" data-box=") != std::string::npos);
  CHECK(layer.find("data-check=\"router/" + items[0].key + "\" aria-label=\"ログを確認する\">") != std::string::npos);
  // The plain list keeps its marker, hidden from assistive technology.
  CHECK(layer.find("aria-hidden=\"true\">・</span>") != std::string::npos);

  const std::string html = export_html(issue);
  CHECK(html.find("<input type=\"checkbox\" disabled aria-label=\"鍵を替える\"> 鍵を替える") != std::string::npos);
  CHECK(html.find("<span class=\"marker\">・</span> ただの箇条") != std::string::npos);
}
