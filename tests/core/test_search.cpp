#include <catch_amalgamated.hpp>

#include "core/search.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

std::vector<std::string> found(std::string_view text, std::string_view query) {
  std::vector<std::string> out;
  for (const auto& m : find_matches(fold_for_search(text), fold_query(query)))
    out.emplace_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

using Found = std::vector<std::string>;

}  // namespace

TEST_CASE("width, case and kana differences match", "[search]") {
  CHECK(found("ＶＭｗａｒｅ ESXiの脆弱性", "vmware") == Found{"ＶＭｗａｒｅ"});
  CHECK(found("VMware", "ＶＭＷＡＲＥ") == Found{"VMware"});
  CHECK(found("パスキーに移行", "ぱすきー") == Found{"パスキー"});
  CHECK(found("ぱすきーに移行", "パスキー") == Found{"ぱすきー"});
  CHECK(found("ﾊﾟｽｷｰに移行", "パスキー") == Found{"ﾊﾟｽｷｰ"});
  CHECK(found("ｶﾞｲﾄﾞとｳﾞｨ", "ガイド") == Found{"ｶﾞｲﾄﾞ"});
  CHECK(found("ｶﾞｲﾄﾞとｳﾞｨ", "ゔぃ") == Found{"ｳﾞｨ"});
  CHECK(found("東京　都", "東京 都") == Found{"東京　都"});
}

TEST_CASE("matches do not overlap and map back to original bytes", "[search]") {
  CHECK(found("ああああ", "ああ") == Found{"ああ", "ああ"});
  std::string text = "攻撃者はＡＰＩキーを";
  auto matches = find_matches(fold_for_search(text), fold_query("apiきー"));
  REQUIRE(matches.size() == 1);
  CHECK(text.substr(matches[0].begin, matches[0].end - matches[0].begin) == "ＡＰＩキー");
}

TEST_CASE("empty and blank queries find nothing", "[search]") {
  CHECK(found("abc", "").empty());
  CHECK(found("abc", "   ").empty());
  CHECK(found("abc", "x").empty());
}

TEST_CASE("excerpt brackets the match with some context", "[search]") {
  std::string text = "一二三四五六七八九十";
  auto m = find_matches(fold_for_search(text), fold_query("五六"));
  REQUIRE(m.size() == 1);
  CHECK(excerpt(text, m[0], 2) == "…三四【五六】七八…");
  CHECK(excerpt(text, m[0], 10) == "一二三四【五六】七八九十");
}

TEST_CASE("archive search keeps plain text and finds one hit per article", "[search][archive]") {
  std::vector<ArchiveIssue> archive;
  for (const char* name : {"2026-11-25", "2026-11-24", "2026-11-23"}) {
    auto loaded = load_issue(
        digest_test::read_file(digest_test::source_path(std::string("tests/fixtures/issues/") + name + ".json")));
    REQUIRE(loaded.ok());
    archive.push_back(make_archive_issue(loaded.issue));
  }
  CHECK(archive[0].articles.size() == 4);
  CHECK(archive[0].articles[0].id == "router-firmware-backdoor");
  auto hits = search_archive(archive, fold_query("鍵"));
  REQUIRE(hits.size() == 4);
  CHECK(archive[hits[2].issue].id == "2026-11-24");
  CHECK(archive[hits[2].issue].articles[hits[2].article].id == "passkey-bank");
  CHECK(hits[2].excerpt.find("【鍵】") != std::string::npos);
  CHECK(search_archive(archive, fold_query("ぱすきー")).size() == 1);
  CHECK(search_archive(archive, fold_query("鍵"), 2).size() == 2);
  CHECK(search_archive(archive, "").empty());
}
