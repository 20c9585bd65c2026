// Story threads: ids, URLs and wording that link the same story across days.
#include <catch_amalgamated.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/threads.hpp"

using namespace digest;

namespace {

StoryArticle story(const std::string& issue, const std::string& title, const std::string& summary,
                   const std::string& body = "", const std::vector<std::string>& urls = {}) {
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& url : urls) refs.push_back({{"title", "参考"}, {"url", url}});
  const nlohmann::json json = {{"format", "digest-issue/1"}, {"id", issue}, {"date", issue},
                               {"articles", {{{"id", "a"}, {"title", title}, {"summary", summary}, {"body", body},
                                              {"references", refs}}}}};
  IssueLoadResult loaded = load_issue(json.dump());
  REQUIRE(loaded.ok());
  return StoryArticle{issue, issue, "a", title, story_signals(loaded.issue.articles[0])};
}

}  // namespace

TEST_CASE("signals: CVE ids anywhere in the article, pages of references, bigrams of title and lead") {
  const StoryArticle a = story("2026-11-25", "ルーターに裏口 (cve-2026-1234)", "修正版が出ました。",
                               "詳しくは CVE-2026-1234 と CVE-2025-99999 を参照。CVE-26-1 は違う。XCVE-2026-1111 も違う。",
                               {"https://www.Example.com/notice/fw?utm_source=x&id=3#top", "https://example.com/"});
  CHECK(a.signals.ids == std::vector<std::string>{"CVE-2025-99999", "CVE-2026-1234"});
  CHECK(a.signals.urls == std::vector<std::string>{"example.com/notice/fw?id=3"});
  CHECK(normalise_url("http://example.com/a/") == normalise_url("https://www.example.com/a"));
  CHECK(normalise_url("https://example.com/?utm_medium=mail").empty());
  // Bigrams of the title, and none across its punctuation.
  CHECK(std::binary_search(a.signals.grams.begin(), a.signals.grams.end(), (uint64_t(U'裏') << 32) | U'口'));
  CHECK_FALSE(std::binary_search(a.signals.grams.begin(), a.signals.grams.end(), (uint64_t(U'口') << 32) | U'c'));
  CHECK(days_between("2025-12-31", "2026-01-02") == 2);
  CHECK(days_between("2024-02-28", "2024-03-01") == 2);
  CHECK(days_between("x", "2026-01-01") == 0);
}

TEST_CASE("links: a shared id or page links days; wording alike links a paraphrase; unrelated stories stay apart") {
  std::vector<StoryArticle> articles = {
      story("2026-11-01", "ルーターのファームウェアに裏口、署名鍵が流出", "国内メーカーのルーターに不正な更新が配信された。"),
      story("2026-11-08", "流出した署名鍵でルーターのファームウェアに裏口", "メーカーが修正版ファームウェアを公開した。"),
      story("2026-11-03", "給与計算サービスに不正ログイン", "CVE-2026-4242 を悪用した攻撃が確認された。"),
      story("2026-11-20", "給与サービスの障害、原因を公表", "運営会社は CVE-2026-4242 の修正を完了したと発表。"),
      story("2026-11-05", "量子暗号の実証実験", "大学と通信会社が都市間で実験を行う。", "", {"https://lab.example/qkd/2026"}),
      story("2026-11-06", "都市間の量子通信に成功", "続報。", "", {"https://lab.example/qkd/2026/"}),
      story("2026-11-02", "中学校の部活動を地域に移行", "自治体の取り組みが広がる。"),
      story("2028-11-02", "ルーターのファームウェアに裏口、署名鍵が流出", "国内メーカーのルーターに不正な更新が配信された。"),
  };
  const std::vector<StoryLink> links = story_links(articles);
  auto linked = [&](size_t a, size_t b) {
    for (const auto& link : links)
      if ((link.a == a && link.b == b) || (link.a == b && link.b == a)) return &link;
    return static_cast<const StoryLink*>(nullptr);
  };
  REQUIRE(linked(0, 1));
  CHECK(linked(0, 1)->reason == StoryReason::Text);
  CHECK(linked(0, 1)->a == 0);  // earlier first
  REQUIRE(linked(2, 3));
  CHECK(linked(2, 3)->reason == StoryReason::Id);
  REQUIRE(linked(4, 5));
  CHECK(linked(4, 5)->reason == StoryReason::Url);
  CHECK_FALSE(linked(0, 6));
  CHECK_FALSE(linked(0, 7));  // two years apart
  CHECK(links.size() == 3);
  // Adding a day: its links alone, the same as the full build's.
  std::vector<StoryLink> fresh = story_links(articles, {3});
  REQUIRE(fresh.size() == 1);
  CHECK(fresh[0].a == 2);
  CHECK(fresh[0].b == 3);
}
