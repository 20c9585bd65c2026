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
#include "core/json_cursor.hpp"
#include "core/render_model.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// An issue with `count` articles, cycling through the fixtures' articles.
std::string synthetic_issue(const std::string& source_dir, size_t count) {
  std::vector<nlohmann::json> pool;
  for (const char* name : {"2026-11-23", "2026-11-24", "2026-11-25"}) {
    auto issue =
        nlohmann::json::parse(read_file(source_dir + "/tests/fixtures/issues/" + name + ".json"), nullptr, false);
    for (auto& a : issue["articles"]) pool.push_back(a);
  }
  nlohmann::json issue =
      nlohmann::json::parse(read_file(source_dir + "/tests/fixtures/issues/2026-11-25.json"), nullptr, false);
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

// A first (cold) run, then the median of the rest (warm). Under V8 the cold run is
// mostly baseline (Liftoff) code, as a reader's first parse is; the warm runs are
// optimised code, as a returning reader's cached module is.
struct Timing {
  double cold = 0, warm = 0;  // seconds
};

template <typename Fn>
Timing time_runs(int runs, Fn&& fn) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  Timing t;
  t.cold = times.front();
  std::sort(times.begin() + 1, times.end());
  t.warm = times[1 + (times.size() - 1) / 2];
  return t;
}

void print(const char* what, const Timing& t, double mb) {
  std::printf("%-42s warm %.1f ms, %.1f MB/s; cold %.1f ms\n", what, t.warm * 1e3, mb / t.warm, t.cold * 1e3);
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
  constexpr int kRuns = 9;
  size_t blocks = 0;
  // Each run frees the model it read (as the viewer does when another issue is opened).
  const Timing full = time_runs(kRuns, [&] {
    auto result = digest::load_issue(text);
    blocks = 0;
    for (const auto& a : result.issue.articles) blocks += a.body.doc.blocks.size();
  });
  // The stages apart: the JSON reading alone (JsonCursor over the whole text, keeping
  // nothing), md4c on every Markdown field, and nlohmann's parse (the DOM the loader
  // built before, and still the reader of small files) for comparison.
  const Timing cursor_only = time_runs(kRuns, [&] {
    std::vector<digest::Problem> problems;
    size_t more = 0, more_errors = 0;
    digest::ProblemCollector collector{problems, more, more_errors, 100, false};
    digest::JsonCursor cursor(text, collector, 1u << 30, 64);
    cursor.skip();
    cursor.finish();
  });
  std::vector<std::string> fields;
  for (const auto& a : digest::load_issue(text).issue.articles)
    for (const auto* f : {&a.summary, &a.commentary, &a.body}) fields.push_back(f->source);
  const Timing markdown_only = time_runs(kRuns, [&] {
    for (const auto& f : fields) {
      auto doc = digest::parse_markdown(f);
      (void)doc;
    }
  });
  const Timing nlohmann_dom = time_runs(kRuns, [&] {
    auto doc = nlohmann::json::parse(text, nullptr, false);
    (void)doc;
  });
  std::printf("issue: %zu articles, %.2f MB, %zu body blocks\n", articles, mb, blocks);
  print("load_issue (JSON + validation + Markdown):", full, mb);
  print("  JSON reading alone (JsonCursor):", cursor_only, mb);
  print("  md4c -> render model, every field:", markdown_only, mb);
  print("nlohmann::json::parse (a DOM), for scale:", nlohmann_dom, mb);
  return 0;
}
