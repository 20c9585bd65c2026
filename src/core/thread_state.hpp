// Published story threads (docs/publishing.md): what `digest threads --state FILE` keeps
// between runs (`digest-threads/1`) so that adding a day reads that day and the days
// within kThreadDays of it, links only its articles, and keeps every other link as it
// was; and each article's thread as the site's copy of its issue carries it.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/issue.hpp"
#include "core/threads.hpp"

namespace digest {

inline constexpr std::string_view kThreadsFormat = "digest-threads/1";
// Entries each way an article carries: the nearest in time (a story told over a year
// can have dozens; the timeline shows where it stands, not all of it).
inline constexpr size_t kThreadShown = 10;

struct ThreadIssue {
  std::string date;
  std::string hash;                                           // of the issue file's bytes
  std::vector<std::pair<std::string, std::string>> articles;  // id, title
};

struct ThreadLink {
  std::string earlier_issue, earlier_article, later_issue, later_article;
  StoryReason reason = StoryReason::Text;
};

struct ThreadState {
  double threshold = kThreadSimilarity;
  std::map<std::string, ThreadIssue> issues;  // by id
  std::vector<ThreadLink> links;
};

struct ArticleThread {
  std::vector<ThreadEntry> earlier, later;  // each oldest first
};
// issue id → article id → its thread; only articles that have one.
using PublishedThreads = std::map<std::string, std::map<std::string, ArticleThread>>;

PublishedThreads published_threads(const ThreadState& state, size_t shown = kThreadShown);

// The state as digest-threads/1 JSON, with every article's thread under "threads" (what
// the site writes into its copies of the issues).
std::string write_thread_state(const ThreadState& state);
// The same with its threads already made (published_threads(state)).
std::string write_thread_state(const ThreadState& state, const PublishedThreads& threads);
// Reads a state back; false with `error` when the text is not one (the caller then
// starts afresh: the state is a cache, every link can be made again).
bool read_thread_state(std::string_view json, ThreadState& state, std::string& error);

// A thread as the issue format writes it: {"earlier": [...], "later": [...]}.
std::string thread_json(const ArticleThread& thread);

// Brings a state up to date with the issues present now:
//   1. present(): every issue present and its hash → the ids to read (new or changed);
//   2. add_changed() each of them, read;
//   3. context() → the unchanged ids within kThreadDays of a changed one; add_context() each;
//   4. finish() → the new state: links among unchanged issues kept, those of changed or
//      removed issues dropped, the changed issues' articles linked against the window.
// A state made with another threshold is dropped (every issue is then new).
class ThreadUpdate {
 public:
  ThreadUpdate(ThreadState previous, double threshold);
  std::vector<std::string> present(const std::vector<std::pair<std::string, std::string>>& id_hash);
  void add_changed(const std::string& id, const Issue& issue, const std::string& hash);
  std::vector<std::string> context() const;
  void add_context(const std::string& id, const Issue& issue);
  ThreadState finish();

  struct Figures {
    size_t issues = 0, changed = 0, removed = 0, context = 0, kept = 0, made = 0;
  };
  const Figures& figures() const { return figures_; }

 private:
  ThreadState previous_;
  double threshold_;
  std::map<std::string, std::string> present_;  // id → hash
  std::map<std::string, ThreadIssue> changed_;
  std::vector<StoryArticle> articles_;  // of changed issues first, then context
  size_t fresh_ = 0;                    // articles_[0, fresh_) are the changed issues'
  Figures figures_;
};

}  // namespace digest
