// The archive search index against brute force: every answer exact, files damaged in
// any way refused with a message, and segments that stay put as days are added.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "core/search_index.hpp"
#include "core/utf8.hpp"

using namespace digest;

namespace {

// A made-up archive: articles of words from a small vocabulary, so that grams repeat
// across articles the way real text does; some words differ by one character.
std::vector<SearchIssue> make_issues(size_t count, uint32_t seed = 7) {
  static const char* const kWords[] = {"東京",     "新幹線",      "幹線道路",      "パスキー", "ぱすきー", "認証",
                                       "します。", "した。",      "cve-2024-1234", "qr",       "ああああ", "脆弱性",
                                       "の",       "が",          "サーバー",      "さーばー", "\n",       " ",
                                       "1,234",    "アップデート"};
  std::mt19937 rng(seed);
  std::vector<SearchIssue> issues;
  for (size_t i = 0; i < count; ++i) {
    SearchIssue issue;
    char date[16];
    std::snprintf(date, sizeof date, "20%02zu-%02zu-%02zu", 10 + i / 336, 1 + (i / 28) % 12, 1 + i % 28);
    issue.id = issue.date = date;
    issue.path = i % 5 == 0 ? "dir name/" + issue.id + ".json" : issue.id + ".json";
    const size_t articles = 1 + rng() % 9;
    for (size_t a = 0; a < articles; ++a) {
      issue.article_ids.push_back("a" + std::to_string(i) + "-" + std::to_string(a));
      std::string text;
      for (size_t w = 4 + rng() % 40; w > 0; --w) text += kWords[rng() % std::size(kWords)];
      issue.folded.push_back(fold_for_search(text).text);
    }
    issues.push_back(std::move(issue));
  }
  return issues;
}

struct Built {
  SearchManifest manifest;
  std::map<std::string, std::string> files;  // path under search/ → bytes
  std::vector<SegmentFiles> segments;
};

Built build(const std::vector<SearchIssue>& issues) {
  std::vector<size_t> counts;
  for (const auto& i : issues) counts.push_back(i.article_ids.size());
  Built out;
  for (const SegmentPlan& plan : plan_segments(counts)) {
    std::vector<const SearchIssue*> slice;
    for (size_t i = 0; i < plan.issue_count; ++i) slice.push_back(&issues[plan.first_issue + i]);
    SegmentFiles segment = build_search_segment(slice);
    for (auto& [name, bytes] : segment.files) out.files[segment.name + "/" + name] = bytes;
    segment.files.clear();
    out.segments.push_back(std::move(segment));
  }
  ManifestLoadResult manifest = load_search_manifest(write_search_manifest(out.segments));
  REQUIRE(manifest.ok());
  out.manifest = manifest.manifest;
  return out;
}

struct Answer {
  std::vector<std::string> hits;  // "issue/article", newest first
  std::string error;
};

Answer run(const Built& built, std::string_view query, const std::map<std::string, std::string>* files = nullptr,
           size_t newest_issues = 0, std::vector<std::string>* read = nullptr) {
  if (!files) files = &built.files;
  IndexQuery q(built.manifest, fold_query(query), newest_issues);
  for (int round = 0; !q.done(); ++round) {
    REQUIRE(round < 4);  // lists, positions, ids
    for (const std::string& path : q.wanted()) {
      auto it = files->find(path);
      if (it == files->end())
        q.fail(path, "not found");
      else
        q.provide(path, it->second);
    }
  }
  Answer out{{}, q.error()};
  for (const IndexHit& h : q.hits()) out.hits.push_back(h.issue_id + "/" + h.article_id);
  if (read) {
    for (const auto& [path, size] : q.provided()) read->push_back(path);
  }
  return out;
}

std::vector<std::string> brute_force(const std::vector<SearchIssue>& issues, std::string_view query) {
  const std::string folded = fold_query(query);
  std::vector<std::string> out;
  if (folded.empty()) return out;
  for (size_t i = issues.size(); i-- > 0;) {
    for (size_t a = 0; a < issues[i].folded.size(); ++a) {
      if (issues[i].folded[a].find(folded) != std::string::npos)
        out.push_back(issues[i].id + "/" + issues[i].article_ids[a]);
    }
  }
  return out;
}

// Code point boundaries of s.
std::vector<size_t> boundaries(std::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); utf8_next(s, i)) out.push_back(i);
  out.push_back(s.size());
  return out;
}

}  // namespace

TEST_CASE("segments close at issue boundaries and stay put as issues are added", "[search-index]") {
  std::vector<size_t> counts(2000, 7);
  auto plan = plan_segments(counts);
  // 14,000 articles: 8,197 + 5 × 1,029 + 4 × 133 + the open 126.
  REQUIRE(plan.size() == 11);
  CHECK(plan[0].article_count == 8197);
  CHECK(plan[1].article_count == 1029);
  CHECK(plan[5].article_count == 1029);
  CHECK(plan[6].article_count == 133);
  CHECK(plan[10].article_count == 126);
  size_t issues = 0;
  for (const auto& p : plan) issues += p.issue_count;
  CHECK(issues == 2000);

  // One more issue: the same segments, only the open one grows.
  auto issues_before = make_issues(250);
  auto issues_after = issues_before;
  issues_after.push_back(make_issues(251).back());
  Built before = build(issues_before), after = build(issues_after);
  REQUIRE(before.segments.size() == after.segments.size());
  for (size_t s = 0; s + 1 < before.segments.size(); ++s) CHECK(before.segments[s].name == after.segments[s].name);
  CHECK(before.segments.back().name != after.segments.back().name);
  // The same input gives the same bytes.
  CHECK(build(issues_before).files == before.files);
}

TEST_CASE("the index answers exactly what brute force finds", "[search-index]") {
  const auto issues = make_issues(260);  // ~1,300 articles: segments of 1,024 and 128 and an open one
  const Built built = build(issues);
  REQUIRE(built.manifest.segments.size() >= 3);
  std::mt19937 rng(11);
  std::vector<std::string> queries = {"新幹線", "幹線",     "パスキー",     "ぱすきー",   "ＰＡＳＳ",
                                      "ＱＲ",   "CVE-2024", "ああああああ", "した。東京", "の",
                                      "\n東",   "ない言葉", "線道路パス",   " "};
  // Substrings of articles, 1 to 12 characters, from anywhere.
  for (int k = 0; k < 300; ++k) {
    const SearchIssue& issue = issues[rng() % issues.size()];
    const std::string& text = issue.folded[rng() % issue.folded.size()];
    const auto b = boundaries(text);
    const size_t start = rng() % (b.size() - 1), length = 1 + rng() % 12;
    queries.push_back(text.substr(b[start], b[std::min(b.size() - 1, start + length)] - b[start]));
  }
  size_t with_hits = 0;
  for (const std::string& query : queries) {
    INFO("query: " << query);
    const Answer answer = run(built, query);
    CHECK(answer.error.empty());
    const auto expected = brute_force(issues, query);
    CHECK(answer.hits == expected);
    with_hits += !expected.empty();
  }
  CHECK(with_hits > 250);
}

TEST_CASE("a query of the newest days reads only the segments that hold them", "[search-index]") {
  const std::vector<SearchIssue> issues = make_issues(2000);
  const Built built = build(issues);
  REQUIRE(built.segments.size() > 3);
  const std::string query = "パスキー認証";
  for (size_t newest : {size_t{1}, size_t{5}, size_t{40}, size_t{300}}) {
    CAPTURE(newest);
    std::vector<std::string> read;
    const Answer answer = run(built, query, nullptr, newest, &read);
    REQUIRE(answer.error.empty());
    // Every hit of the newest N issues is found (older ones may come too: same segment).
    const std::vector<SearchIssue> recent(issues.end() - static_cast<long>(newest), issues.end());
    for (const std::string& hit : brute_force(recent, query))
      CHECK(std::count(answer.hits.begin(), answer.hits.end(), hit) == 1);
    // Only the segments needed were read: the last ones whose issues reach N.
    size_t covered = 0, needed = 0;
    for (size_t s = built.segments.size(); s-- > 0 && covered < newest; ++needed) covered += built.segments[s].issues;
    std::set<std::string> segments_read;
    for (const std::string& path : read) segments_read.insert(path.substr(0, path.find('/')));
    CHECK(segments_read.size() <= needed);
    CHECK(segments_read.count(built.segments.front().name) == 0);
  }
  // 0: every segment, as before.
  CHECK(run(built, query, nullptr, 0).hits == brute_force(issues, query));
}

TEST_CASE("queries of nothing, and an empty archive, find nothing", "[search-index]") {
  const Built built = build(make_issues(20));
  CHECK(run(built, "").hits.empty());
  CHECK(run(built, "   ").hits.empty());
  const Built empty = build({});
  CHECK(empty.manifest.segments.empty());
  CHECK(run(empty, "東京").hits.empty());
}

TEST_CASE("a damaged or missing file stops the query with where it is, never a crash", "[search-index]") {
  const Built built = build(make_issues(200));
  const std::string query = "新幹線パスキー";  // lists, positions and ids
  REQUIRE(!run(built, query).hits.empty());
  // The files this query reads, each cut short, with a byte flipped, or missing.
  std::vector<std::string> read;
  {
    IndexQuery q(built.manifest, fold_query(query));
    while (!q.done()) {
      for (const std::string& path : q.wanted()) q.provide(path, built.files.at(path));
    }
    for (const auto& [path, size] : q.provided()) read.push_back(path);
  }
  REQUIRE(read.size() >= 3);
  std::mt19937 rng(3);
  size_t refused = 0;
  for (const std::string& path : read) {
    for (int damage = 0; damage < 3; ++damage) {
      auto files = built.files;
      std::string& target = files[path];
      if (damage == 0) target.resize(target.size() / 2);                          // cut short
      if (damage == 1 && !target.empty()) target[rng() % target.size()] ^= 0x5A;  // a flipped byte
      if (damage == 2) files.erase(path);                                         // missing
      const Answer answer = run(built, query, &files);
      if (damage == 2) CHECK(!answer.error.empty());
      if (!answer.error.empty()) {
        ++refused;
        CHECK(answer.error.find("search/") != std::string::npos);
        CHECK(answer.error.find("digest index") != std::string::npos);
        CHECK(answer.hits.empty());
      }
    }
  }
  CHECK(refused > read.size());  // every missing file, and more

  CHECK(!load_search_manifest("{}").ok());
  CHECK(
      !load_search_manifest(
           R"({"format":"digest-search/1","segments":[{"name":"../etc","issues":1,"articles":1,"listFiles":1,"positionFiles":0}]})")
           .ok());
  CHECK(load_search_manifest(R"({"format":"digest-search/1","segments":[]})").ok());
  // A format of another type is refused with words, not an abort (issue 22).
  const ManifestLoadResult typed = load_search_manifest(R"({"format":1,"segments":[]})");
  CHECK(!typed.ok());
  CHECK(typed.error.find("/format") != std::string::npos);
}
