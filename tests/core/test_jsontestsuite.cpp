// The JSONTestSuite corpus (../shared/testdata/jsontestsuite, when present): every
// n_ file is rejected with an error and no crash; every y_ file parses and is then
// rejected as "not a digest issue" (none of them is one).
#include <catch_amalgamated.hpp>

#include <filesystem>

#include "core/issue.hpp"
#include "test_support.hpp"

using namespace digest;
namespace fs = std::filesystem;

TEST_CASE("JSONTestSuite: n_ rejected, y_ parsed then rejected as not a digest issue", "[jsontestsuite]") {
  fs::path dir = digest_test::source_path("../shared/testdata/jsontestsuite/test_parsing");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) SKIP("the JSONTestSuite corpus is not present on this machine");
  size_t accepted = 0, rejected = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 2 || name[1] != '_' || (name[0] != 'n' && name[0] != 'y')) continue;
    IssueLoadResult result = load_issue(digest_test::read_file(entry.path().string()));
    INFO(name);
    REQUIRE_FALSE(result.ok());
    REQUIRE_FALSE(result.problems.empty());
    std::string messages;
    for (const auto& p : result.problems) messages += p.to_string() + "\n";
    if (name[0] == 'y') {
      // Valid JSON; a duplicated key is reported too, before the verdict.
      CHECK(messages.find("not a digest issue") != std::string::npos);
      ++accepted;
    } else {
      CHECK(messages.find("not a digest issue") == std::string::npos);
      ++rejected;
    }
  }
  CHECK(accepted >= 90);
  CHECK(rejected >= 180);
}
