// digest threads: the story threads of a folder of issues (core/threads.hpp): the links
// between articles of different days, for measuring them (--links), and the state the
// site keeps between builds with each article's thread (--state, core/thread_state.hpp).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "core/thread_state.hpp"
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

double ms_since(std::chrono::steady_clock::time_point from) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
}

// DIR/*.json but the index's own files, by name.
std::vector<fs::path> issue_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && it->path().extension() == ".json" && !is_index_file(name))
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Whether an issue file changed since the state was written: 64 bits of its bytes,
// a word at a time (the archive's 200 MB in well under a second).
std::string content_hash(std::string_view bytes) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ bytes.size();
  size_t at = 0;
  auto mix = [&](uint64_t word) {
    h ^= word * 0xff51afd7ed558ccdull;
    h = ((h << 31) | (h >> 33)) * 0xc4ceb9fe1a85ec53ull;
  };
  for (; at + 8 <= bytes.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + at, 8);
    mix(word);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
  mix(tail);
  h ^= h >> 33;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// --links, or the summary alone: every link among every issue of DIR.
int all_links(const std::vector<fs::path>& files, double threshold, bool links_wanted) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<StoryArticle> articles;
  for (const fs::path& path : files) {
    IssueLoadResult issue;
    if (!load_or_report(path.string(), issue)) continue;
    for (const Article& a : issue.issue.articles)
      articles.push_back(StoryArticle{issue.issue.id, issue.issue.date, a.id, a.title, story_signals(a)});
  }
  const double read_ms = ms_since(started);
  const auto linking = std::chrono::steady_clock::now();
  const std::vector<StoryLink> links = story_links(articles, {}, threshold);
  const double link_ms = ms_since(linking);
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
            << static_cast<long>(read_ms) << " ms, linked in " << static_cast<long>(link_ms) << " ms\n";
  return std::cout.good() ? 0 : 1;
}

// --state FILE: the state brought up to date, reading what changed and its year around.
int update_state(const std::vector<fs::path>& files, double threshold, const fs::path& state_path) {
  const auto started = std::chrono::steady_clock::now();
  ThreadState previous{threshold, {}, {}};
  std::error_code ec;
  if (fs::exists(state_path, ec)) {
    std::ifstream in(state_path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string why;
    if (!read_thread_state(text.str(), previous, why)) {
      say(std::cerr, state_path.string() + ": " + why + "; every issue is read again");
      previous = ThreadState{threshold, {}, {}};
    }
  }
  // The threads as published before, to tell whose change (the state itself moves on).
  const PublishedThreads old_threads = published_threads(previous);
  ThreadUpdate update(std::move(previous), threshold);
  std::map<std::string, fs::path> path_of;
  std::vector<std::pair<std::string, std::string>> present;
  for (const fs::path& path : files) {
    std::string bytes, error;
    if (!read_input(path.string(), bytes, error)) {
      say(std::cerr, path.string() + ": " + error);
      return 1;
    }
    const std::string id = path.stem().string();
    path_of[id] = path;
    present.emplace_back(id, content_hash(bytes));
  }
  const std::map<std::string, std::string> hash_of(present.begin(), present.end());
  // An issue is read whole, then kept only as its articles' signals.
  auto load = [&](const std::string& id, IssueLoadResult& loaded) {
    if (!load_or_report(path_of[id].string(), loaded)) return false;
    if (loaded.issue.id == id) return true;
    say(std::cerr, path_of[id].string() + ": the issue's id is " + loaded.issue.id + ": name the file " +
                       loaded.issue.id + ".json (threads name issues by their files)");
    return false;
  };
  for (const std::string& id : update.present(present)) {
    IssueLoadResult loaded;
    if (!load(id, loaded)) return 1;
    update.add_changed(id, loaded.issue, hash_of.at(id));
  }
  for (const std::string& id : update.context()) {
    IssueLoadResult loaded;
    if (!load(id, loaded)) return 1;
    update.add_context(id, loaded.issue);
  }
  const double read_ms = ms_since(started);
  const ThreadState next = update.finish();
  // Which issues' threads are now other than they were: those the site writes again.
  const PublishedThreads new_threads = published_threads(next);
  size_t rewritten = 0;
  for (const auto& [id, issue] : next.issues) {
    const auto a = old_threads.find(id), b = new_threads.find(id);
    auto text = [](const PublishedThreads& all, PublishedThreads::const_iterator it) {
      std::string out;
      if (it != all.end())
        for (const auto& [article, thread] : it->second) out += article + thread_json(thread);
      return out;
    };
    if (text(old_threads, a) != text(new_threads, b)) ++rewritten;
  }
  if (!write_file_if_changed(state_path, write_thread_state(next, new_threads))) return 1;
  const ThreadUpdate::Figures& f = update.figures();
  std::cerr << f.issues << " issues: " << f.changed << " new or changed, " << f.removed << " removed, " << f.context
            << " read around them; " << next.links.size() << " links (" << f.kept << " kept, " << f.made
            << " made); threads of " << rewritten << " issues changed; read in " << static_cast<long>(read_ms)
            << " ms, done in " << static_cast<long>(ms_since(started)) << " ms\n";
  return 0;
}

}  // namespace

int cmd_threads(std::vector<std::string> args) {
  const bool links_wanted = take_flag(args, "--links");
  const std::string threshold_text = option_value(args, "--threshold", "");
  const std::string state = option_value(args, "--state", "");
  double threshold = kThreadSimilarity;
  if (!threshold_text.empty()) {
    char* end = nullptr;
    threshold = std::strtod(threshold_text.c_str(), &end);
    if (*end || threshold <= 0 || threshold > 1) return misused("threads", "--threshold: a number above 0, at most 1");
  }
  if (args.size() != 1 || (links_wanted && !state.empty())) return misused("threads");
  const fs::path dir = args[0];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    say(std::cerr, dir.string() + ": not a directory");
    return 1;
  }
  const std::vector<fs::path> files = issue_files(dir);
  return state.empty() ? all_links(files, threshold, links_wanted) : update_state(files, threshold, state);
}

}  // namespace cli
