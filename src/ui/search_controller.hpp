// Search in the issue on screen and across the archive: the query as typed (with the
// IME composition), the hits on the laid-out page, stepping through them, and the
// archive's results. No ImGui: the search bar painter draws this, tests drive it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/issue.hpp"
#include "core/page_layout.hpp"
#include "core/search.hpp"
#include "core/search_index.hpp"
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
    std::string path;       // the issue's file, relative to the archive index
    bool has_text = false;  // title and excerpt known (the issue was read)
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
  // An archive result was opened: once its hits are found, the first one in its article
  // is brought into view (true once).
  bool take_reveal_hit() { return std::exchange(reveal_hit_, false); }
  std::optional<size_t> step(int direction);

  // The archive scope, in one of two ways. With a search index (digest-search/1,
  // set_index), each query fetches the few index files it names (take_index_files), and
  // the issues of the results on screen for their titles and excerpts. Without one, every
  // issue is fetched and searched here (archive_complete once all are added).
  // Issues are kept as plain folded text, parsed once each, newest first.
  void add_archive_issue(std::string_view json);
  void archive_complete() {
    archive_complete_ = true;
    results_stale_ = true;
  }
  bool archive_loaded() const { return archive_complete_ || index_.has_value(); }
  // True the first time it is asked while the archive scope is open: fetch the archive
  // (or its search index).
  bool take_archive_request();
  // The archive's search index manifest; false (and `error`) when refused.
  bool set_index(std::string_view manifest_json, std::string& error);
  bool indexed() const { return index_.has_value(); }
  // Index files the running query waits for and nobody fetches yet (paths under the
  // index's search/), with the query's generation to answer with.
  std::vector<std::string> take_index_files(unsigned& generation);
  void index_file(unsigned generation, std::string_view path, std::string_view bytes);
  void index_file_failed(unsigned generation, std::string_view path, std::string_view reason);
  // Issues to fetch (paths relative to the index) for the titles and excerpts of the
  // results the panel shows (note_visible_results).
  void note_visible_results(size_t first, size_t end);
  std::vector<std::string> take_excerpt_paths();
  // The archive's results are complete for the current query (every match listed).
  bool results_complete() const { return results_complete_; }
  // True once when they became complete: the host's search() promise resolves.
  bool take_completion();
  // Why the index could not answer (a file missing or damaged), or "".
  const std::string& index_error() const { return index_error_; }
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
  bool reveal_hit_ = false;
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
  void fill_texts(std::string_view only);
  void collect_index_hits();

  std::vector<digest::ArchiveIssue> archive_;
  bool archive_complete_ = false, archive_requested_ = false, results_stale_ = false;
  bool results_complete_ = false, completion_pending_ = false;
  std::optional<digest::SearchManifest> index_;
  std::unique_ptr<digest::IndexQuery> query_;
  unsigned query_generation_ = 0;
  std::set<std::string, std::less<>> requested_files_;   // of the running query
  std::set<std::string, std::less<>> requested_issues_;  // for excerpts, ever
  std::vector<std::string> excerpt_paths_;               // to fetch next
  std::string index_error_;
};

}  // namespace ui
