// digest threads: the story threads of a folder of issues (core/threads.hpp), as the
// links between articles of different days, for measuring them and, later, for
// publishing them with the issues.
#include <algorithm>
#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "core/threads.hpp"

namespace cli {

using namespace digest;

namespace {

const char* reason_name(StoryReason reason) {
  switch (reason) {
    case StoryReason::Id: return "id";
    case StoryReason::Url: return "url";
    case StoryReason::Text: return "text";
  }
  return "text";
}

}  // namespace

int cmd_threads(std::vector<std::string> args) {
  const bool links_wanted = take_flag(args, "--links");
  const std::string threshold_text = option_value(args, "--threshold", "");
  double threshold = kThreadSimilarity;
  if (!threshold_text.empty()) {
    char* end = nullptr;
    threshold = std::strtod(threshold_text.c_str(), &end);
    if (*end || threshold <= 0 || threshold > 1) return misused("threads", "--threshold: a number above 0, at most 1");
  }
  if (args.size() != 1) return misused("threads");
  const fs::path dir = args[0];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    say(std::cerr, dir.string() + ": not a directory");
    return 1;
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && it->path().extension() == ".json" && name.rfind("index", 0) != 0)
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  const auto started = std::chrono::steady_clock::now();
  std::vector<StoryArticle> articles;
  for (const fs::path& path : files) {
    IssueLoadResult issue;
    if (!load_or_report(path.string(), issue)) continue;
    for (const Article& a : issue.issue.articles)
      articles.push_back(StoryArticle{issue.issue.id, issue.issue.date, a.id, a.title, story_signals(a)});
  }
  const auto loaded = std::chrono::steady_clock::now();
  const std::vector<StoryLink> links = story_links(articles, {}, threshold);
  const auto linked = std::chrono::steady_clock::now();
  auto ms = [](auto from, auto to) { return std::chrono::duration<double, std::milli>(to - from).count(); };
  if (links_wanted) {
    for (const StoryLink& link : links) {
      const StoryArticle &a = articles[link.a], &b = articles[link.b];
      std::cout << nlohmann::json{{"earlier", {a.issue, a.article}},
                                  {"later", {b.issue, b.article}},
                                  {"reason", reason_name(link.reason)},
                                  {"similarity", std::round(link.similarity * 1000) / 1000}}
                       .dump()
                << "\n";
    }
  }
  size_t by_reason[3] = {0, 0, 0};
  for (const StoryLink& link : links) ++by_reason[static_cast<int>(link.reason)];
  std::cerr << articles.size() << " articles of " << files.size() << " issues: " << links.size() << " links ("
            << by_reason[0] << " by id, " << by_reason[1] << " by page, " << by_reason[2] << " by wording); read in "
            << static_cast<long>(ms(started, loaded)) << " ms, linked in " << static_cast<long>(ms(loaded, linked))
            << " ms\n";
  return std::cout.good() ? 0 : 1;
}

}  // namespace cli
