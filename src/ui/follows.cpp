// Followed topics and their check on each visit (follows.hpp).
//
// [SECTION] Topics
// [SECTION] The check

#include "ui/follows.hpp"

#include <algorithm>

#include "core/json_document.hpp"
#include "core/search.hpp"
#include "core/utf8.hpp"

namespace ui {

namespace {

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) digest::utf8_next(s, i);
  return n;
}

host::Json topic_json(const Follows::Topic& topic) {
  host::Json found = host::Json::array();
  for (const Follows::Match& m : topic.found)
    found.push_back({{"issue", m.issue}, {"article", m.article}, {"date", m.date}, {"title", m.title}});
  return {{"topic", topic.text}, {"checked", topic.checked}, {"found", std::move(found)}};
}

bool newer(const Follows::Match& a, const Follows::Match& b) {
  return a.date != b.date ? a.date > b.date : a.issue > b.issue;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Topics
//-----------------------------------------------------------------------------

std::string Follows::topic_of(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const char32_t cp = digest::utf8_next(text, i);
    if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\u3000') {
      space = !out.empty();
      continue;
    }
    if (cp < 0x20 || cp == 0x7F) return {};
    if (space) out += ' ';
    space = false;
    out.append(text.substr(start, i - start));
  }
  if (!digest::utf8_valid(out) || code_points(out) > kMaxTopicChars) return {};
  if (code_points(digest::fold_query(out)) < 2) return {};
  return out;
}

const Follows::Topic* Follows::find(std::string_view text) const {
  const std::string folded = digest::fold_query(topic_of(text));
  if (folded.empty()) return nullptr;
  for (const Topic& t : topics_)
    if (t.folded == folded) return &t;
  return nullptr;
}

bool Follows::load(std::string_view json) {
  const auto doc = host::Json::parse(json.begin(), json.end(), nullptr, false);
  // A check under way holds places in topics_: a record given again now is refused.
  if (doc.is_discarded() || !doc.is_object() || checking()) return false;
  topics_.clear();
  loaded_ = true;
  ++revision_;
  const auto list = doc.find("follows");
  if (list == doc.end() || !list->is_array()) return true;
  for (const auto& record : *list) {
    if (!record.is_object() || topics_.size() >= kMaxTopics) continue;
    Topic topic;
    topic.text = topic_of(digest::string_member(record, "topic"));
    topic.folded = digest::fold_query(topic.text);
    if (topic.text.empty() || find(topic.text)) continue;
    topic.checked = digest::string_member(record, "checked");
    if (!is_date(topic.checked)) topic.checked.clear();
    if (const auto found = record.find("found"); found != record.end() && found->is_array()) {
      for (const auto& m : *found) {
        if (!m.is_object() || topic.found.size() >= kMaxFound) continue;
        Match match{digest::string_member(m, "issue"), digest::string_member(m, "article"),
                    digest::string_member(m, "date"), digest::string_member(m, "title")};
        if (match.issue.empty() || match.article.empty() || !is_date(match.date)) continue;
        topic.found.push_back(std::move(match));
      }
    }
    std::sort(topic.found.begin(), topic.found.end(), newer);
    topics_.push_back(std::move(topic));
  }
  return true;
}

void Follows::report(const Topic& topic, const Notify& notify) const {
  notify(host::follow_event(topic_json(topic)));
}

bool Follows::follow(std::string_view text, std::string_view newest, const Notify& notify) {
  Topic topic;
  topic.text = topic_of(text);
  if (topic.text.empty() || find(topic.text) || topics_.size() >= kMaxTopics) return false;
  topic.folded = digest::fold_query(topic.text);
  topic.checked = std::string(newest);
  topics_.push_back(std::move(topic));
  ++revision_;
  report(topics_.back(), notify);
  return true;
}

bool Follows::unfollow(std::string_view text, const Notify& notify) {
  const Topic* topic = find(text);
  if (!topic) return false;
  const size_t at = static_cast<size_t>(topic - topics_.data());
  notify(host::unfollow_event(topic->text));
  if (checking()) {
    // The check holds places in topics_: the topic is emptied now, removed when it ends.
    topics_[at] = Topic{};
  } else {
    topics_.erase(topics_.begin() + static_cast<long>(at));
  }
  ++revision_;
  return true;
}

std::vector<std::string> Follows::new_topics(std::string_view issue, std::string_view article,
                                             const ReadingLog& reading) const {
  std::vector<std::string> out;
  for (const Topic& t : topics_) {
    const bool any = std::any_of(t.found.begin(), t.found.end(), [&](const Match& m) {
      return m.issue == issue && (article.empty() || m.article == article) && !reading.is_read(m.issue, m.article);
    });
    if (any && !t.text.empty()) out.push_back(t.text);
  }
  return out;
}

std::map<std::string, std::vector<std::string>> Follows::new_articles(std::string_view issue,
                                                                      const ReadingLog& reading) const {
  std::map<std::string, std::vector<std::string>> out;
  for (const Topic& t : topics_) {
    for (const Match& m : t.found) {
      if (m.issue != issue || t.text.empty() || reading.is_read(m.issue, m.article)) continue;
      std::vector<std::string>& topics = out[m.article];
      if (topics.empty() || topics.back() != t.text) topics.push_back(t.text);
    }
  }
  return out;
}

std::string Follows::new_mark(const std::vector<std::string>& topics) {
  if (topics.empty()) return {};
  return "新着「" + topics.front() + "」" + (topics.size() > 1 ? "ほか" : "");
}

std::string Follows::spoken_topics(const std::vector<std::string>& topics) {
  std::string out;
  for (const std::string& topic : topics) out += "、フォロー中の「" + topic + "」";
  return out;
}

size_t Follows::new_count(const ReadingLog& reading) const {
  size_t n = 0;
  for (const Topic& t : topics_)
    for (const Match& m : t.found) n += !reading.is_read(m.issue, m.article);
  return n;
}

//-----------------------------------------------------------------------------
// [SECTION] The check
//-----------------------------------------------------------------------------

size_t Follows::newer_than(std::string_view checked) const {
  if (!all_loaded_ && (new_issues_.empty() || new_issues_.back().date > checked)) return 0;
  return static_cast<size_t>(
      std::count_if(new_issues_.begin(), new_issues_.end(), [&](const NewIssue& i) { return i.date > checked; }));
}

void Follows::start_check(const digest::ArchiveIndex& index) {
  if (!loaded_ || stage_ != Stage::Idle || index.issues.empty()) return;
  newest_ = index.issues.front().date;
  std::string oldest_check = newest_;
  for (size_t t = 0; t < topics_.size(); ++t) {
    if (topics_[t].checked >= newest_) continue;
    checked_.push_back(t);
    oldest_check = std::min(oldest_check, topics_[t].checked);
  }
  if (checked_.empty()) {
    stage_ = Stage::Done;
    return;
  }
  for (const digest::IndexEntry& entry : index.issues) {
    if (entry.date > oldest_check) new_issues_.push_back(NewIssue{entry.id, entry.date, entry.path});
  }
  // A big archive's older years are in files of their own: when the oldest check is
  // older than every issue loaded, some new issues may not be listed.
  all_loaded_ = index.years.empty() || index.issues.back().date <= oldest_check;
  stage_ = Stage::Manifest;
  manifest_wanted_ = true;
}

void Follows::manifest(const std::string_view* bytes, const Notify& notify) {
  if (stage_ != Stage::Manifest) return;
  digest::ManifestLoadResult loaded;
  if (bytes) loaded = digest::load_search_manifest(*bytes);
  if (!bytes || !loaded.ok()) {
    // No search index (a small archive, or offline): the new issues themselves.
    stage_ = Stage::Issues;
    for (const NewIssue& issue : new_issues_) {
      if (waiting_issues_.insert(issue.path).second) issue_paths_.push_back(issue.path);
    }
    if (issue_paths_.empty()) finish(notify);
    return;
  }
  manifest_ = std::move(loaded.manifest);
  stage_ = Stage::Index;
  for (size_t t : checked_) {
    queries_.push_back(Pending{
        t, std::make_unique<digest::IndexQuery>(*manifest_, topics_[t].folded, newer_than(topics_[t].checked))});
  }
  pump_queries(notify);
}

std::vector<std::string> Follows::take_index_files() {
  std::vector<std::string> out;
  for (const Pending& p : queries_) {
    for (std::string& path : p.query->wanted()) {
      if (!files_.count(path) && requested_.insert(path).second) out.push_back(std::move(path));
    }
  }
  return out;
}

void Follows::index_file(std::string_view path, const std::string_view* bytes, std::string_view reason,
                         const Notify& notify) {
  if (stage_ != Stage::Index) return;
  ++index_files_;
  for (Pending& p : queries_) {
    const std::vector<std::string> wanted = p.query->wanted();
    if (std::find(wanted.begin(), wanted.end(), path) == wanted.end()) continue;
    if (bytes)
      p.query->provide(path, *bytes);
    else
      p.query->fail(path, reason);
  }
  if (bytes) files_.emplace(std::string(path), std::string(*bytes));
  pump_queries(notify);
}

// Gives every query the files another one already had; once all are done, their hits
// newer than each topic's last check are the matches, whose titles come from their
// issues.
void Follows::pump_queries(const Notify& notify) {
  for (bool progress = true; progress;) {
    progress = false;
    for (Pending& p : queries_) {
      for (const std::string& path : p.query->wanted()) {
        if (auto kept = files_.find(path); kept != files_.end()) {
          p.query->provide(path, kept->second);
          progress = true;
        }
      }
    }
  }
  if (!std::all_of(queries_.begin(), queries_.end(), [](const Pending& p) { return p.query->done(); })) return;
  for (const Pending& p : queries_) {
    if (!p.query->error().empty()) {
      // A file missing or damaged: the topics stay as they were, checked next visit.
      error_ = p.query->error();
      queries_.clear();
      files_.clear();
      stage_ = Stage::Done;
      return;
    }
    for (const digest::IndexHit& hit : p.query->hits()) {
      if (hit.date <= topics_[p.topic].checked) continue;
      hits_.push_back({p.topic, Match{hit.issue_id, hit.article_id, hit.date, {}}});
      if (waiting_issues_.insert(hit.path).second) issue_paths_.push_back(hit.path);
    }
  }
  queries_.clear();
  files_.clear();
  stage_ = Stage::Issues;
  if (waiting_issues_.empty()) finish(notify);
}

void Follows::issue_file(std::string_view path, const std::string_view* bytes, const Notify& notify) {
  if (stage_ != Stage::Issues) return;
  const auto waited = waiting_issues_.find(path);
  if (waited == waiting_issues_.end()) return;
  waiting_issues_.erase(waited);
  // Without a search index the new issues are the check itself: one missing (offline,
  // a server error) leaves every topic as it was, to be checked on the next visit.
  if (!manifest_ && !bytes) error_ = std::string(path) + ": could not be read; checked again next visit";
  if (bytes) {
    if (digest::IssueLoadResult loaded = digest::load_issue(*bytes); loaded.ok()) {
      ++issues_read_;
      const digest::ArchiveIssue issue = digest::make_archive_issue(loaded.issue);
      auto& titles = titles_[issue.id];
      for (const digest::ArchiveArticle& article : issue.articles) titles[article.id] = article.title;
      // Without a search index the issue itself is searched.
      if (!manifest_) {
        for (size_t t : checked_) {
          if (issue.date <= topics_[t].checked) continue;
          for (const digest::ArchiveArticle& article : issue.articles) {
            if (article.folded.find(topics_[t].folded) != std::string::npos)
              hits_.push_back({t, Match{issue.id, article.id, issue.date, {}}});
          }
        }
      }
    }
  }
  if (waiting_issues_.empty()) finish(notify);
}

// Each checked topic takes its matches (titled) and the newest date as its last check.
void Follows::finish(const Notify& notify) {
  if (!error_.empty()) {
    hits_.clear();
    titles_.clear();
    stage_ = Stage::Done;
    return;
  }
  for (auto& hit : hits_) {
    Topic& topic = topics_[hit.first];
    Match& match = hit.second;
    if (topic.text.empty()) continue;  // unfollowed meanwhile
    const auto titles = titles_.find(match.issue);
    if (titles != titles_.end()) {
      if (const auto title = titles->second.find(match.article); title != titles->second.end())
        match.title = title->second;
    }
    const bool known = std::any_of(topic.found.begin(), topic.found.end(), [&](const Match& m) {
      return m.issue == match.issue && m.article == match.article;
    });
    if (!known) topic.found.push_back(std::move(match));
  }
  for (size_t t : checked_) {
    Topic& topic = topics_[t];
    if (topic.text.empty()) continue;
    std::sort(topic.found.begin(), topic.found.end(), newer);
    if (topic.found.size() > kMaxFound) topic.found.resize(kMaxFound);
    topic.checked = newest_;
    report(topic, notify);
  }
  // Topics unfollowed during the check leave now.
  topics_.erase(std::remove_if(topics_.begin(), topics_.end(), [](const Topic& t) { return t.text.empty(); }),
                topics_.end());
  hits_.clear();
  titles_.clear();
  stage_ = Stage::Done;
  ++revision_;
}

host::Json Follows::check_json() const {
  static const char* const kStages[] = {"idle", "manifest", "index", "issues", "done"};
  host::Json error = error_.empty() ? host::Json(nullptr) : host::Json(error_);
  return {{"stage", kStages[static_cast<int>(stage_)]},
          {"topics", checked_.size()},
          {"indexed", manifest_.has_value()},
          {"indexFiles", index_files_},
          {"issues", issues_read_},
          {"error", std::move(error)}};
}

host::Json Follows::state_json(const ReadingLog& reading) const {
  host::Json topics = host::Json::array();
  for (const Topic& t : topics_) {
    if (t.text.empty()) continue;
    host::Json entry = topic_json(t);
    size_t fresh = 0;
    for (const Match& m : t.found) fresh += !reading.is_read(m.issue, m.article);
    entry["new"] = fresh;
    topics.push_back(std::move(entry));
  }
  return {{"topics", std::move(topics)}, {"check", check_json()}};
}

}  // namespace ui
