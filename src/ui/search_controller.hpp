// Search in the issue on screen and across the archive: the query as typed (with the
// IME composition), the hits on the laid-out page, stepping through them, and the
// archive's results. No ImGui: the search bar painter draws this, tests drive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/page_layout.hpp"
#include "core/search.hpp"
#include "platform/host_protocol.hpp"

namespace ui {

class SearchController {
 public:
  struct Hit {
    uint32_t begin, end;  // bytes in PageLayout::text
    size_t line;          // first line showing it
  };

  struct Result {
    std::string issue_id, date, article_id, title, excerpt;
  };

  bool is_open() const { return open_; }
  void open() { open_ = true; }
  // Back to closed and empty (the archive's parsed issues are kept).
  void close();

  host::SearchScope scope() const { return scope_; }
  void set_scope(host::SearchScope scope);

  // What the host's input holds: `committed` is searched; `composing` is shown
  // underlined at byte `at` of it until the IME commits it.
  void set_text(std::string committed, std::string composing, size_t at);
  const std::string& committed() const { return committed_; }
  const std::string& composing() const { return composing_; }
  size_t composing_at() const { return composing_at_; }
  bool has_query() const { return !folded_.empty(); }

  // Hits on a page layout; found again whenever the layout or the query changes.
  bool hits_current(unsigned layout_generation) const { return hits_generation_ == layout_generation; }
  void find_hits(const digest::PageLayout& page, unsigned layout_generation, float scroll_y);
  const std::vector<Hit>& hits() const { return hits_; }
  int current_hit() const { return current_; }
  // Enter (+1) / Shift+Enter (-1): the next hit, wrapping; returns its line's index.
  std::optional<size_t> step(int direction);

  // The archive scope: issues parsed once each (newest first), then searched.
  void add_archive_issue(std::string_view json);
  void archive_complete() {
    archive_complete_ = true;
    results_stale_ = true;
  }
  bool archive_loaded() const { return archive_complete_; }
  // True the first time it is asked while the archive scope is open: fetch the archive.
  bool take_archive_request();
  // Searches the archive again if the query or the archive changed since.
  void refresh_results();
  const std::vector<Result>& results() const { return results_; }
  int selected_result() const { return selected_; }
  // Arrows in the results: moves the selection by `step`, keeping it in range.
  void select_result(int step);
  // Set when the selection moved by key, until the painter has scrolled to it.
  bool take_scroll_to_selected();
  // After a result was opened: back to the issue scope, hits found afresh.
  void result_opened();

  // Where the painter drew the search box; true when it moved (the host's input must
  // follow).
  bool set_box(const host::Rect& box);

 private:
  bool open_ = false;
  host::SearchScope scope_ = host::SearchScope::Issue;
  std::string committed_, composing_;
  size_t composing_at_ = 0;
  std::string folded_;  // the query as matched
  std::vector<Hit> hits_;
  int current_ = -1;
  unsigned hits_generation_ = 0;  // layout the hits were found in (0: none)
  std::vector<Result> results_;
  int selected_ = 0;
  bool scroll_to_selected_ = false;
  host::Rect box_;
  std::vector<digest::ArchiveIssue> archive_;
  bool archive_complete_ = false, archive_requested_ = false, results_stale_ = false;
};

}  // namespace ui
