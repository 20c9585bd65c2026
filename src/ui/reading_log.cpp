#include "ui/reading_log.hpp"

#include <algorithm>

#include "core/json_document.hpp"

namespace ui {

namespace {

std::string key(std::string_view issue, std::string_view article) {
  return std::string(issue) + "\n" + std::string(article);
}

}  // namespace

bool ReadingLog::load(std::string_view json) {
  const auto doc = host::Json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  clear();
  if (const auto read = doc.find("read"); read != doc.end() && read->is_array()) {
    for (const auto& pair : *read) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) continue;
      if (read_.insert(key(pair[0].get<std::string>(), pair[1].get<std::string>())).second) {
        ++per_issue_[pair[0].get<std::string>()];
      }
    }
  }
  if (const auto since = doc.find("newSince"); since != doc.end() && since->is_string()) {
    new_since_ = since->get<std::string>();
  }
  if (const auto place = doc.find("unfinished"); place != doc.end() && place->is_object()) {
    // Stored by an older build, an extension or a crash mid-write: any field may be
    // missing or of another type, and then the place is not kept.
    Place p{digest::string_member(*place, "issue"), digest::string_member(*place, "article"),
            digest::string_member(*place, "title")};
    if (!p.issue.empty() && !p.article.empty()) unfinished_ = std::move(p);
  }
  loaded_ = true;
  return true;
}

void ReadingLog::clear() {
  read_.clear();
  per_issue_.clear();
  new_since_.clear();
  unfinished_.reset();
  dwell_.clear();
  end_seen_.clear();
  tracked_issue_.clear();
  last_article_ = -1;
}

bool ReadingLog::is_read(std::string_view issue, std::string_view article) const {
  return read_.count(key(issue, article)) > 0;
}

size_t ReadingLog::read_in(std::string_view issue) const {
  auto it = per_issue_.find(issue);
  return it == per_issue_.end() ? 0 : it->second;
}

void ReadingLog::track(const digest::Issue& issue, const digest::PageLayout& page, int current_article, float scroll_y,
                       float view_height, double now, const std::function<void(const host::Json&)>& notify) {
  if (!loaded_) return;
  if (issue.id != tracked_issue_) {
    tracked_issue_ = issue.id;
    dwell_.clear();
    end_seen_.clear();
    last_article_ = -1;
  }
  // Time counts for the article that stayed current; a long gap (a hidden tab) counts
  // as a moment.
  if (current_article >= 0 && current_article == last_article_ && last_time_ >= 0) {
    dwell_[static_cast<size_t>(current_article)] += std::min(now - last_time_, 1.5);  // ticks come each second
  }
  last_article_ = current_article;
  last_time_ = now;
  if (current_article < 0) return;
  const auto article = static_cast<size_t>(current_article);
  const std::string& id = issue.articles[article].id;
  if (is_read(issue.id, id)) return;
  for (const digest::ArticleAnchor& anchor : page.anchors) {
    if (anchor.article == article && anchor.bottom <= scroll_y + view_height) end_seen_.insert(article);
  }
  if (dwell_[article] < kReadSeconds) return;
  if (end_seen_.count(article)) {
    read_.insert(key(issue.id, id));
    ++per_issue_[issue.id];
    notify(host::read_event(issue.id, id));
    if (unfinished_ && unfinished_->issue == issue.id && unfinished_->article == id) {
      unfinished_.reset();
      notify(host::unfinished_event(nullptr));
    }
  } else if (!unfinished_ || unfinished_->issue != issue.id || unfinished_->article != id) {
    unfinished_ = Place{issue.id, id, issue.articles[article].title};
    notify(host::unfinished_event({{"issue", issue.id}, {"article", id}, {"title", unfinished_->title}}));
  }
}

}  // namespace ui
