// Story threads: ids, URLs and wording that link the same story across days.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "core/thread_state.hpp"
#include "core/threads.hpp"

using namespace digest;

namespace {

StoryArticle story(const std::string& issue, const std::string& title, const std::string& summary,
                   const std::string& body = "", const std::vector<std::string>& urls = {}) {
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& url : urls) refs.push_back({{"title", "参考"}, {"url", url}});
  const nlohmann::json json = {
      {"format", "digest-issue/1"},
      {"id", issue},
      {"date", issue},
      {"articles", {{{"id", "a"}, {"title", title}, {"summary", summary}, {"body", body}, {"references", refs}}}}};
  IssueLoadResult loaded = load_issue(json.dump());
  REQUIRE(loaded.ok());
  return StoryArticle{issue, issue, "a", title, story_signals(loaded.issue.articles[0])};
}

}  // namespace

TEST_CASE("signals: CVE ids anywhere in the article, pages of references, bigrams of title and lead") {
  const StoryArticle a =
      story("2026-11-25", "ルーターに裏口 (cve-2026-1234)", "修正版が出ました。",
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
      story("2026-11-01", "ルーターのファームウェアに裏口、署名鍵が流出",
            "国内メーカーのルーターに不正な更新が配信された。"),
      story("2026-11-08", "流出した署名鍵でルーターのファームウェアに裏口",
            "メーカーが修正版ファームウェアを公開した。"),
      story("2026-11-03", "給与計算サービスに不正ログイン", "CVE-2026-4242 を悪用した攻撃が確認された。"),
      story("2026-11-20", "給与サービスの障害、原因を公表", "運営会社は CVE-2026-4242 の修正を完了したと発表。"),
      story("2026-11-05", "量子暗号の実証実験", "大学と通信会社が都市間で実験を行う。", "",
            {"https://lab.example/qkd/2026"}),
      story("2026-11-06", "都市間の量子通信に成功", "続報。", "", {"https://lab.example/qkd/2026/"}),
      story("2026-11-02", "中学校の部活動を地域に移行", "自治体の取り組みが広がる。"),
      story("2028-11-02", "ルーターのファームウェアに裏口、署名鍵が流出",
            "国内メーカーのルーターに不正な更新が配信された。"),
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

namespace {

// An issue of one article, as JSON.
std::string issue_json(const std::string& id, const std::string& title, const std::string& summary) {
  return nlohmann::json{{"format", "digest-issue/1"},
                        {"id", id},
                        {"date", id},
                        {"articles", {{{"id", "a"}, {"title", title}, {"summary", summary}}}}}
      .dump();
}

struct Archive {
  std::map<std::string, std::string> files;  // id → JSON

  // What `digest threads --state` does, with the files held here.
  ThreadState update(ThreadState previous, ThreadUpdate::Figures* figures = nullptr) const {
    ThreadUpdate update(std::move(previous), kThreadSimilarity);
    std::vector<std::pair<std::string, std::string>> present;
    for (const auto& [id, json] : files) present.emplace_back(id, std::to_string(std::hash<std::string>()(json)));
    for (const std::string& id : update.present(present)) {
      IssueLoadResult loaded = load_issue(files.at(id));
      REQUIRE(loaded.ok());
      update.add_changed(id, loaded.issue, std::to_string(std::hash<std::string>()(files.at(id))));
    }
    for (const std::string& id : update.context()) update.add_context(id, load_issue(files.at(id)).issue);
    ThreadState next = update.finish();
    if (figures) *figures = update.figures();
    return next;
  }
};

}  // namespace

TEST_CASE("published threads: adding, editing and retracting a day touch only the threads it links to") {
  Archive archive;
  archive.files["2026-01-05"] =
      issue_json("2026-01-05", "給与計算サービスに不正ログイン", "CVE-2026-4242 が悪用された。");
  archive.files["2026-02-10"] = issue_json("2026-02-10", "給与サービス、原因を公表", "CVE-2026-4242 の修正を完了。");
  archive.files["2026-03-01"] = issue_json("2026-03-01", "量子暗号の実証実験", "大学と通信会社が実験。");
  archive.files["2027-06-01"] = issue_json("2027-06-01", "給与サービスの一年後", "CVE-2026-4242 から一年。");
  ThreadUpdate::Figures figures;
  const ThreadState full = archive.update({}, &figures);
  CHECK(figures.changed == 4);
  CHECK(figures.context == 0);
  // A year and a half apart: not linked.
  REQUIRE(full.links.size() == 1);
  CHECK(full.links[0].earlier_issue == "2026-01-05");
  CHECK(full.links[0].reason == StoryReason::Id);

  // The state survives its file, and each article's thread reads both ways.
  ThreadState read;
  std::string error;
  REQUIRE(read_thread_state(write_thread_state(full), read, error));
  CHECK(read.links.size() == 1);
  CHECK(read.issues.at("2026-02-10").articles[0].second == "給与サービス、原因を公表");
  PublishedThreads threads = published_threads(read);
  REQUIRE(threads["2026-02-10"]["a"].earlier.size() == 1);
  CHECK(threads["2026-02-10"]["a"].earlier[0].title == "給与計算サービスに不正ログイン");
  CHECK(threads["2026-02-10"]["a"].earlier[0].date == "2026-01-05");
  CHECK(threads["2026-01-05"]["a"].later[0].issue == "2026-02-10");
  CHECK_FALSE(threads.count("2026-03-01"));
  CHECK_FALSE(read_thread_state("{\"format\":\"digest-threads/1\"}", read, error));
  CHECK_FALSE(read_thread_state("[1,", read, error));

  // A day added: read with the days within a year of it; the others' links kept.
  archive.files["2026-12-01"] = issue_json("2026-12-01", "給与サービスに再び攻撃", "CVE-2026-4242 の亜種。");
  const ThreadState added = archive.update(full, &figures);
  CHECK(figures.changed == 1);
  CHECK(figures.context == 4);  // all within a year of 2026-12-01
  CHECK(figures.kept == 1);
  CHECK(figures.made == 3);  // with 01-05, 02-10 and 2027-06-01
  threads = published_threads(added);
  CHECK(threads["2026-01-05"]["a"].later.size() == 2);
  CHECK(threads["2026-12-01"]["a"].earlier.size() == 2);
  CHECK(threads["2026-12-01"]["a"].later.size() == 1);
  // The same as building it all at once.
  const ThreadState rebuilt = archive.update({});
  CHECK(write_thread_state(rebuilt) == write_thread_state(added));

  // Nothing changed: nothing read.
  archive.update(added, &figures);
  CHECK(figures.changed + figures.context + figures.made == 0);

  // An edit that retitles a day: its links are made again, the others' entries follow.
  archive.files["2026-02-10"] =
      issue_json("2026-02-10", "給与サービス、原因と対策を公表", "CVE-2026-4242 の修正を完了。");
  const ThreadState edited = archive.update(added, &figures);
  CHECK(figures.changed == 1);
  threads = published_threads(edited);
  CHECK(threads["2026-01-05"]["a"].later[0].title == "給与サービス、原因と対策を公表");

  // Retracted: gone from every thread.
  archive.files.erase("2026-02-10");
  const ThreadState retracted = archive.update(edited, &figures);
  CHECK(figures.removed == 1);
  threads = published_threads(retracted);
  CHECK(threads["2026-01-05"]["a"].later.size() == 1);
  CHECK(threads["2026-01-05"]["a"].later[0].issue == "2026-12-01");

  // Another threshold: started afresh.
  ThreadUpdate other(retracted, 0.5);
  CHECK(other.present({{"2026-01-05", "x"}}).size() == 1);
}

TEST_CASE("published threads: the nearest in time each way, oldest first; the issue carries them") {
  ThreadState state;
  state.issues["2026-06-01"] = ThreadIssue{"2026-06-01", "h", {{"a", "中心"}}};
  for (int day = 1; day <= 28; ++day) {
    char id[16];
    std::snprintf(id, sizeof id, "2026-05-%02d", day);
    state.issues[id] = ThreadIssue{id, "h", {{"a", std::string("前 ") + id}}};
    state.links.push_back(ThreadLink{id, "a", "2026-06-01", "a", StoryReason::Id});
  }
  const PublishedThreads threads = published_threads(state);
  const ArticleThread& centre = threads.at("2026-06-01").at("a");
  REQUIRE(centre.earlier.size() == kThreadShown);
  CHECK(centre.earlier.front().issue == "2026-05-19");
  CHECK(centre.earlier.back().issue == "2026-05-28");
  CHECK(centre.later.empty());

  // As the issue format writes it, and loads back.
  nlohmann::json issue = nlohmann::json::parse(issue_json("2026-06-01", "中心", "本文。"));
  issue["articles"][0]["thread"] = nlohmann::json::parse(thread_json(centre));
  IssueLoadResult loaded = load_issue(issue.dump(), true);
  REQUIRE(loaded.ok());
  CHECK(loaded.problems.empty());
  REQUIRE(loaded.issue.articles[0].earlier.size() == kThreadShown);
  CHECK(loaded.issue.articles[0].earlier[0].title == "前 2026-05-19");
  CHECK(issue_characters(loaded.issue).find("前") != std::string::npos);
  // Entries are checked like the rest of the issue.
  issue["articles"][0]["thread"]["later"] = {
      {{"issue", "../x"}, {"article", "a"}, {"date", "2026-06-02"}, {"title", "t"}}};
  loaded = load_issue(issue.dump());
  CHECK_FALSE(loaded.ok());
  CHECK(loaded.problems[0].pointer == "/articles/0/thread/later/0/issue");
  issue["articles"][0]["thread"]["later"] = nlohmann::json::array();
  for (int i = 0; i < 51; ++i)
    issue["articles"][0]["thread"]["later"].push_back(
        {{"issue", "x"}, {"article", "a"}, {"date", "2026-06-02"}, {"title", "t"}});
  loaded = load_issue(issue.dump());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.problems[0].code == ProblemCode::TooManyThreadEntries);
}
