// Followed topics: terms the reader follows (a CVE id, a product or vendor name, any
// query), checked on each visit against the issues published since the topic's last
// check. With the archive's search index only its manifest, the files of the segments
// holding those issues and the matched issues (for their titles) are fetched; without
// one, the new issues themselves. Matches stay 新着, with the topic named, until their
// article is read. The host keeps the topics in IndexedDB, on this device only: it
// gives them once at start and stores each change the viewer reports. No ImGui:
// painters read it, tests drive it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/search_index.hpp"
#include "platform/host_protocol.hpp"
#include "ui/reading_log.hpp"

namespace ui {

class Follows {
 public:
  using Notify = std::function<void(const host::Json&)>;

  struct Match {
    std::string issue, article, date, title;
  };
  struct Topic {
    std::string text;          // as the reader chose it
    std::string folded;        // digest::fold_query(text): what is matched
    std::string checked;       // the newest issue's date at its last check
    std::vector<Match> found;  // newest first, at most kMaxFound
  };
  static constexpr size_t kMaxTopics = 100, kMaxFound = 50, kMaxTopicChars = 80;

  // From the host (digest_set_follows): {"follows": [{"topic", "checked", "found":
  // [{"issue","article","date","title"}]}]}. What is malformed is left out; false when
  // it is no object, or while a check is under way.
  bool load(std::string_view json);
  bool loaded() const { return loaded_; }
  // Inside a portal (embedded) nothing is followed: there is no 対策 panel to list it.
  void set_enabled(bool enabled) {
    revision_ += enabled != enabled_;
    enabled_ = enabled;
  }
  bool enabled() const { return enabled_ && loaded_; }

  // A reader's term as a topic: white space trimmed and each run of it made one space;
  // "" when it cannot be followed (under 2 characters once folded, over kMaxTopicChars).
  static std::string topic_of(std::string_view text);
  // The followed topic that matches `text` as search does (case, width, kana), or null.
  const Topic* find(std::string_view text) const;
  const std::vector<Topic>& topics() const { return topics_; }

  // Follows `text` from now on: the issues up to `newest` (a date) count as checked.
  // Reports {"type":"follow","follow":{...}}. False when it cannot (unusable, already
  // followed, kMaxTopics reached).
  bool follow(std::string_view text, std::string_view newest, const Notify& notify);
  // Reports {"type":"unfollow","topic":T}; false when `text` is not followed.
  bool unfollow(std::string_view text, const Notify& notify);

  // The topics with an unread match in this issue (and article, when given): 新着 with
  // the topic named.
  std::vector<std::string> new_topics(std::string_view issue, std::string_view article,
                                      const ReadingLog& reading) const;
  // The same for every article of an issue at once: article id → topics.
  std::map<std::string, std::vector<std::string>> new_articles(std::string_view issue, const ReadingLog& reading) const;
  // How those topics are shown: 「新着「CVE-2026-1234」」 (「…ほか」 for more than one;
  // "" for none), and said after a row's name: 「、フォロー中の「…」」 each.
  static std::string new_mark(const std::vector<std::string>& topics);
  static std::string spoken_topics(const std::vector<std::string>& topics);
  // Unread matches of every topic.
  size_t new_count(const ReadingLog& reading) const;
  // Changes whenever a topic or its matches change.
  unsigned revision() const { return revision_; }

  // --- the check, once a visit ------------------------------------------------------
  // With the topics loaded and the archive index known: the topics whose last check is
  // older than the newest issue are checked (once). Then drive it: the manifest
  // (take_manifest_request), the index files (take_index_files), the issues
  // (take_issue_paths), until checking() is false; each topic whose matches or last
  // check changed is reported as a follow event.
  void start_check(const digest::ArchiveIndex& index);
  bool checking() const { return stage_ != Stage::Idle && stage_ != Stage::Done; }
  bool take_manifest_request() { return std::exchange(manifest_wanted_, false); }
  // The search index's manifest; `bytes` null when there is none (or it failed): the
  // new issues are read instead.
  void manifest(const std::string_view* bytes, const Notify& notify);
  std::vector<std::string> take_index_files();
  void index_file(std::string_view path, const std::string_view* bytes, std::string_view reason, const Notify& notify);
  std::vector<std::string> take_issue_paths() { return std::exchange(issue_paths_, {}); }
  void issue_file(std::string_view path, const std::string_view* bytes, const Notify& notify);
  // What the check did (state(), tests): {"stage", "checkedNow", "indexFiles", "issues",
  // "error"}.
  host::Json check_json() const;
  host::Json state_json(const ReadingLog& reading) const;

 private:
  enum class Stage { Idle, Manifest, Index, Issues, Done };
  struct Pending {
    size_t topic;  // index into topics_
    std::unique_ptr<digest::IndexQuery> query;
  };
  void report(const Topic& topic, const Notify& notify) const;
  void pump_queries(const Notify& notify);
  void finish(const Notify& notify);

  bool loaded_ = false, enabled_ = true;
  unsigned revision_ = 0;
  std::vector<Topic> topics_;

  struct NewIssue {
    std::string id, date, path;
  };
  // Issues newer than `checked` among the index's, and how many (0: not all of them are
  // loaded, so every segment is read).
  size_t newer_than(std::string_view checked) const;

  Stage stage_ = Stage::Idle;
  bool manifest_wanted_ = false;
  std::string newest_;                // the date every checked topic reaches
  std::vector<NewIssue> new_issues_;  // newest first, newer than the oldest check
  bool all_loaded_ = true;            // the index lists every issue that new
  std::vector<size_t> checked_;       // topics_ being checked
  std::optional<digest::SearchManifest> manifest_;
  std::vector<Pending> queries_;
  std::map<std::string, std::string, std::less<>> files_;  // index files of this check
  std::set<std::string, std::less<>> requested_;
  std::vector<std::pair<size_t, Match>> hits_;                                     // topic, match (title not known yet)
  std::set<std::string, std::less<>> waiting_issues_;                              // issue paths asked for
  std::vector<std::string> issue_paths_;                                           // to ask for next
  std::map<std::string, std::map<std::string, std::string>, std::less<>> titles_;  // issue → article → title
  size_t index_files_ = 0, issues_read_ = 0;
  std::string error_;
};

}  // namespace ui
