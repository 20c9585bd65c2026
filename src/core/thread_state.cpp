// Published story threads (thread_state.hpp).
//
// [SECTION] Each article's thread
// [SECTION] The state as JSON
// [SECTION] Updating
#include "core/thread_state.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace digest {

//-----------------------------------------------------------------------------
// [SECTION] Each article's thread
//-----------------------------------------------------------------------------

namespace {

const char* const kReasonNames[] = {"id", "url", "text"};

bool entry_before(const ThreadEntry& a, const ThreadEntry& b) {
  return std::tie(a.date, a.issue, a.article) < std::tie(b.date, b.issue, b.article);
}

}  // namespace

PublishedThreads published_threads(const ThreadState& state, size_t shown) {
  auto entry = [&](const std::string& issue, const std::string& article, ThreadEntry& out) {
    const auto found = state.issues.find(issue);
    if (found == state.issues.end()) return false;
    for (const auto& [id, title] : found->second.articles)
      if (id == article) {
        out = ThreadEntry{issue, article, found->second.date, title};
        return true;
      }
    return false;
  };
  PublishedThreads threads;
  for (const ThreadLink& link : state.links) {
    ThreadEntry earlier, later;
    if (!entry(link.earlier_issue, link.earlier_article, earlier) ||
        !entry(link.later_issue, link.later_article, later))
      continue;
    threads[link.earlier_issue][link.earlier_article].later.push_back(later);
    threads[link.later_issue][link.later_article].earlier.push_back(earlier);
  }
  for (auto& [issue, articles] : threads)
    for (auto& [article, thread] : articles) {
      // The nearest in time each way, oldest first.
      std::sort(thread.earlier.begin(), thread.earlier.end(), entry_before);
      if (thread.earlier.size() > shown) thread.earlier.erase(thread.earlier.begin(), thread.earlier.end() - shown);
      std::sort(thread.later.begin(), thread.later.end(), entry_before);
      if (thread.later.size() > shown) thread.later.resize(shown);
    }
  return threads;
}

//-----------------------------------------------------------------------------
// [SECTION] The state as JSON
//-----------------------------------------------------------------------------

namespace {

using json = nlohmann::ordered_json;

json entries_json(const std::vector<ThreadEntry>& entries) {
  json list = json::array();
  for (const ThreadEntry& e : entries)
    list.push_back({{"issue", e.issue}, {"article", e.article}, {"date", e.date}, {"title", e.title}});
  return list;
}

json thread_value(const ArticleThread& thread) {
  json value = json::object();
  if (!thread.earlier.empty()) value["earlier"] = entries_json(thread.earlier);
  if (!thread.later.empty()) value["later"] = entries_json(thread.later);
  return value;
}

}  // namespace

std::string thread_json(const ArticleThread& thread) {
  return thread_value(thread).dump();
}

std::string write_thread_state(const ThreadState& state) {
  return write_thread_state(state, published_threads(state));
}

std::string write_thread_state(const ThreadState& state, const PublishedThreads& published) {
  json issues = json::object();
  for (const auto& [id, issue] : state.issues) {
    json articles = json::array();
    for (const auto& [article, title] : issue.articles) articles.push_back({article, title});
    issues[id] = {{"date", issue.date}, {"hash", issue.hash}, {"articles", std::move(articles)}};
  }
  json links = json::array();
  for (const ThreadLink& l : state.links)
    links.push_back(
        {l.earlier_issue, l.earlier_article, l.later_issue, l.later_article, kReasonNames[static_cast<int>(l.reason)]});
  json threads = json::object();
  for (const auto& [issue, articles] : published) {
    json of_issue = json::object();
    for (const auto& [article, thread] : articles) of_issue[article] = thread_value(thread);
    threads[issue] = std::move(of_issue);
  }
  // One line per issue, link and thread: a diff of two states reads as what changed.
  std::string out = "{\"format\":" + json(kThreadsFormat).dump() + ",\"threshold\":" + json(state.threshold).dump();
  auto section = [&](const char* name, const json& value) {
    out += ",\n\"" + std::string(name) + "\":" + (value.is_array() ? "[" : "{");
    bool first = true;
    if (value.is_array()) {
      for (const json& item : value) out += (first ? "\n" : ",\n") + item.dump(), first = false;
    } else {
      for (auto it = value.begin(); it != value.end(); ++it)
        out += (first ? "\n" : ",\n") + json(it.key()).dump() + ":" + it.value().dump(), first = false;
    }
    out += value.is_array() ? "]" : "}";
  };
  section("issues", issues);
  section("links", links);
  section("threads", threads);
  out += "}\n";
  return out;
}

bool read_thread_state(std::string_view text, ThreadState& state, std::string& error) {
  const nlohmann::json root = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    error = "not JSON";
    return false;
  }
  if (root.value("format", "") != kThreadsFormat) {
    error = "not a " + std::string(kThreadsFormat) + " file";
    return false;
  }
  ThreadState read;
  const auto threshold = root.find("threshold");
  const auto issues = root.find("issues");
  const auto links = root.find("links");
  if (threshold == root.end() || !threshold->is_number() || issues == root.end() || !issues->is_object() ||
      links == root.end() || !links->is_array()) {
    error = "its threshold, issues or links are missing";
    return false;
  }
  read.threshold = threshold->get<double>();
  auto is_strings = [](const nlohmann::json& v, size_t n) {
    return v.is_array() && v.size() == n &&
           std::all_of(v.begin(), v.end(), [](const nlohmann::json& s) { return s.is_string(); });
  };
  for (auto it = issues->begin(); it != issues->end(); ++it) {
    const nlohmann::json& v = it.value();
    if (!v.is_object() || !v.contains("date") || !v["date"].is_string() || !v.contains("hash") ||
        !v["hash"].is_string() || !v.contains("articles") || !v["articles"].is_array()) {
      error = "issue " + it.key() + " is damaged";
      return false;
    }
    ThreadIssue issue{v["date"].get<std::string>(), v["hash"].get<std::string>(), {}};
    for (const auto& article : v["articles"]) {
      if (!is_strings(article, 2)) {
        error = "an article of issue " + it.key() + " is damaged";
        return false;
      }
      issue.articles.emplace_back(article[0].get<std::string>(), article[1].get<std::string>());
    }
    read.issues.emplace(it.key(), std::move(issue));
  }
  for (const auto& v : *links) {
    if (!is_strings(v, 5)) {
      error = "a link is damaged";
      return false;
    }
    const std::string reason = v[4].get<std::string>();
    const auto named = std::find(std::begin(kReasonNames), std::end(kReasonNames), reason);
    if (named == std::end(kReasonNames)) {
      error = "a link has no known reason";
      return false;
    }
    read.links.push_back(ThreadLink{v[0].get<std::string>(), v[1].get<std::string>(), v[2].get<std::string>(),
                                    v[3].get<std::string>(),
                                    static_cast<StoryReason>(named - std::begin(kReasonNames))});
  }
  state = std::move(read);
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Updating
//-----------------------------------------------------------------------------

ThreadUpdate::ThreadUpdate(ThreadState previous, double threshold)
    : previous_(std::move(previous)), threshold_(threshold) {
  if (previous_.threshold != threshold_) previous_ = ThreadState{threshold_, {}, {}};
}

std::vector<std::string> ThreadUpdate::present(const std::vector<std::pair<std::string, std::string>>& id_hash) {
  std::vector<std::string> to_read;
  for (const auto& [id, hash] : id_hash) {
    present_[id] = hash;
    const auto known = previous_.issues.find(id);
    if (known == previous_.issues.end() || known->second.hash != hash) to_read.push_back(id);
  }
  figures_.issues = present_.size();
  for (const auto& [id, issue] : previous_.issues)
    if (!present_.count(id)) ++figures_.removed;
  return to_read;
}

void ThreadUpdate::add_changed(const std::string& id, const Issue& issue, const std::string& hash) {
  ThreadIssue& entry = changed_[id];
  entry = ThreadIssue{issue.date, hash, {}};
  for (const Article& a : issue.articles) {
    entry.articles.emplace_back(a.id, a.title);
    articles_.push_back(StoryArticle{id, issue.date, a.id, a.title, story_signals(a)});
  }
  fresh_ = articles_.size();
  ++figures_.changed;
}

std::vector<std::string> ThreadUpdate::context() const {
  std::vector<std::string> dates;
  for (const auto& [id, issue] : changed_) dates.push_back(issue.date);
  std::sort(dates.begin(), dates.end());
  std::vector<std::string> ids;
  if (dates.empty()) return ids;
  for (const auto& [id, issue] : previous_.issues) {
    if (changed_.count(id) || !present_.count(id)) continue;
    // The changed date nearest to this issue's: those around where it would sort.
    const auto at = std::lower_bound(dates.begin(), dates.end(), issue.date);
    const bool near = (at != dates.end() && std::abs(days_between(issue.date, *at)) <= kThreadDays) ||
                      (at != dates.begin() && std::abs(days_between(*(at - 1), issue.date)) <= kThreadDays);
    if (near) ids.push_back(id);
  }
  return ids;
}

void ThreadUpdate::add_context(const std::string& id, const Issue& issue) {
  for (const Article& a : issue.articles)
    articles_.push_back(StoryArticle{id, issue.date, a.id, a.title, story_signals(a)});
  ++figures_.context;
}

ThreadState ThreadUpdate::finish() {
  ThreadState next{threshold_, {}, {}};
  for (auto& [id, issue] : previous_.issues)
    if (present_.count(id) && !changed_.count(id)) next.issues.emplace(id, std::move(issue));
  for (auto& [id, issue] : changed_) next.issues[id] = std::move(issue);
  // Links of issues that changed or went are made again (or not at all).
  for (ThreadLink& link : previous_.links) {
    auto unchanged = [&](const std::string& id) { return next.issues.count(id) && !changed_.count(id); };
    if (unchanged(link.earlier_issue) && unchanged(link.later_issue)) next.links.push_back(std::move(link));
  }
  figures_.kept = next.links.size();
  if (fresh_ > 0) {
    std::vector<size_t> fresh;  // none listed: all are
    if (fresh_ < articles_.size())
      for (size_t i = 0; i < fresh_; ++i) fresh.push_back(i);
    for (const StoryLink& link : story_links(articles_, fresh, threshold_)) {
      const StoryArticle &a = articles_[link.a], &b = articles_[link.b];
      next.links.push_back(ThreadLink{a.issue, a.article, b.issue, b.article, link.reason});
    }
  }
  figures_.made = next.links.size() - figures_.kept;
  // In a stable order, so that the same archive writes the same file.
  std::sort(next.links.begin(), next.links.end(), [](const ThreadLink& x, const ThreadLink& y) {
    return std::tie(x.earlier_issue, x.earlier_article, x.later_issue, x.later_article) <
           std::tie(y.earlier_issue, y.earlier_article, y.later_issue, y.later_article);
  });
  previous_ = ThreadState{threshold_, {}, {}};
  changed_.clear();
  articles_.clear();
  fresh_ = 0;
  return next;
}

}  // namespace digest
