// Parse benchmark: JSON + Markdown → render model on a synthetic large issue built
// from the test fixtures (tests/fixtures/issues). Built natively and as wasm (run under Node) so the two
// can be compared in one run (tools/bench.sh). Prints figures, asserts nothing.
//   bench_parse [SOURCE_DIR [ARTICLES [WRITE_TO]]]   WRITE_TO: only write the issue there
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/issue.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// An issue with `count` articles, cycling through the fixtures' articles.
std::string synthetic_issue(const std::string& source_dir, size_t count) {
  std::vector<nlohmann::json> pool;
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"}) {
    auto issue = nlohmann::json::parse(read_file(source_dir + "/tests/fixtures/issues/" + name + ".json"), nullptr, false);
    for (auto& a : issue["articles"]) pool.push_back(a);
  }
  nlohmann::json issue = nlohmann::json::parse(read_file(source_dir + "/tests/fixtures/issues/2026-11-25.json"), nullptr, false);
  issue["sections"] = nlohmann::json::array();
  nlohmann::json articles = nlohmann::json::array();
  for (size_t i = 0; i < count && !pool.empty(); ++i) {
    nlohmann::json a = pool[i % pool.size()];
    a["id"] = "article-" + std::to_string(i);
    articles.push_back(std::move(a));
  }
  issue["articles"] = std::move(articles);
  return issue.dump();
}

template <typename Fn>
double median_seconds(int runs, Fn&& fn) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string source_dir = argc > 1 ? argv[1] : DIGEST_SOURCE_DIR;
  size_t articles = argc > 2 ? static_cast<size_t>(std::stoul(argv[2])) : 1000;
  std::string text = synthetic_issue(source_dir, articles);
  if (argc > 3) {
    // The same bytes for the JavaScript baseline (tools/bench_parse_js.mjs).
    std::ofstream(argv[3], std::ios::binary) << text;
    return 0;
  }
  double mb = static_cast<double>(text.size()) / 1e6;
  size_t blocks = 0;
  double full = median_seconds(7, [&] {
    auto result = digest::load_issue(text);
    blocks = 0;
    for (const auto& a : result.issue.articles) blocks += a.body.doc.blocks.size();
  });
  double json_only = median_seconds(7, [&] {
    auto doc = nlohmann::json::parse(text, nullptr, false);
    (void)doc;
  });
  std::printf("issue: %zu articles, %.2f MB, %zu body blocks\n", articles, mb, blocks);
  std::printf("load_issue (JSON + validation + Markdown): %.1f ms, %.1f MB/s\n", full * 1e3, mb / full);
  std::printf("nlohmann::json::parse alone:              %.1f ms, %.1f MB/s\n", json_only * 1e3, mb / json_only);
  return 0;
}
