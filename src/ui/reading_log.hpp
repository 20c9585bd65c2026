// What the reader has read, across the archive: read articles, the articles and issues
// published since the last visit (新着), and the last article left unfinished
// (続きから読む). The host keeps it in IndexedDB, on this device only; the viewer gets
// it once at start and reports each change. No ImGui: painters read it, tests drive it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/issue.hpp"
#include "core/page_layout.hpp"
#include "platform/host_protocol.hpp"

namespace ui {

class ReadingLog {
 public:
  struct Place {
    std::string issue, article, title;
  };

  // From the host: {"read":[[issue, article], ...], "newSince": "YYYY-MM-DD" | null,
  // "unfinished": {"issue","article","title"} | null}. newSince: the newest issue's
  // date at the last visit (null on a first visit: nothing is new). False if malformed.
  bool load(std::string_view json);
  bool loaded() const { return loaded_; }
  // Forgets everything (the reader asked); nothing is new any more.
  void clear();

  bool is_read(std::string_view issue, std::string_view article) const;
  size_t read_in(std::string_view issue) const;
  // Published since the last visit.
  bool is_new(std::string_view date) const { return !new_since_.empty() && date > new_since_; }
  const std::optional<Place>& unfinished() const { return unfinished_; }
  size_t read_count() const { return read_.size(); }

  // Each frame, with the issue on screen: an article is read once its end has been in
  // view and the reader spent kReadSeconds in it; an article read for that long but not
  // to its end is the unfinished one. Changes go to `notify` as read/unfinished events.
  void track(const digest::Issue& issue, const digest::PageLayout& page, int current_article, float scroll_y,
             float view_height, double now, const std::function<void(const host::Json&)>& notify);

  static constexpr double kReadSeconds = 3.0;

 private:
  bool loaded_ = false;
  std::set<std::string, std::less<>> read_;  // "issue\narticle"
  std::map<std::string, size_t, std::less<>> per_issue_;
  std::string new_since_;
  std::optional<Place> unfinished_;
  // Tracking within the issue on screen.
  std::string tracked_issue_;
  std::map<size_t, double> dwell_;  // article index → seconds current
  std::set<size_t> end_seen_;
  int last_article_ = -1;
  double last_time_ = -1;
};

}  // namespace ui
