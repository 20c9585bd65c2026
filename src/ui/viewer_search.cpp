// The viewer's search: the bar's text and keys, stepping through hits, the archive
// scope's index files and results (SearchController holds the query and its results);
// and the answers to the files the viewer asked for (need events), each led to the
// part that asked. The rest of Viewer is in viewer.cpp.
//
// [SECTION] Search
// [SECTION] Files from the host (need events)

#include "ui/viewer.hpp"

namespace ui {

//-----------------------------------------------------------------------------
// [SECTION] Search
//-----------------------------------------------------------------------------

void Viewer::close_search() {
  search_.close();
  notify(host::search_close_event());
}

void Viewer::set_search_text(std::string committed, std::string composing, size_t at) {
  search_.set_text(std::move(committed), std::move(composing), at);
  if (search_.is_open()) {
    search_.refresh_results();
    pump_search();
  }
}

// What the archive search asks of the host, at once rather than at the next frame: a
// query's rounds then wait for the network only, and search() resolves as soon as the
// results are complete.
void Viewer::pump_search() {
  using Purpose = ResourceRequests::Purpose;
  unsigned query = 0;
  if (auto files = search_.take_index_files(query); !files.empty())
    notify(requests_.ask(Purpose::SearchFiles, std::move(files), query));
  if (auto paths = search_.take_excerpt_paths(); !paths.empty()) notify(requests_.ask(Purpose::Excerpts, std::move(paths)));
  if (search_.take_completion()) {
    notify(host::search_done_event(search_.committed(), search_.results().size(), search_.index_error()));
  }
}

void Viewer::search_key(host::SearchKey key) {
  if (search_.scope() == host::SearchScope::Issue) {
    if (key == host::SearchKey::Next) step_search(1);
    if (key == host::SearchKey::Previous) step_search(-1);
    return;
  }
  // The archive's results: arrows choose, Enter opens.
  if (key == host::SearchKey::Down) search_.select_result(1);
  if (key == host::SearchKey::Up) search_.select_result(-1);
  if (key == host::SearchKey::Next && !search_.results().empty()) {
    open_result(static_cast<size_t>(search_.selected_result()));
  }
}

void Viewer::step_search(int direction) {
  if (std::optional<size_t> line = search_.step(direction)) {
    position_.scroll_to(page_.lines[*line].y - position_.view_height() * 0.35f, host::ScrollBehavior::Smooth);
  }
}

// Opens an archive result: its issue (or this one) at its article, hits shown there.
// An archive result opens at its article; when the hit is further down than the view
// shows, the page moves on to it (a third from the top), the title then given up.
void Viewer::reveal_current_hit() {
  if (search_.current_hit() < 0) return;
  const digest::PageLine& line = page_.lines[search_.hits()[static_cast<size_t>(search_.current_hit())].line];
  const float top = position_.scroll_y(), view = position_.view_height();
  if (line.y + line.height <= top + view * 0.85f) return;
  position_.scroll_to(line.y - view / 3, host::ScrollBehavior::Instant);
}

void Viewer::open_result(size_t index) {
  if (index >= search_.results().size()) return;
  const SearchController::Result r = search_.results()[index];
  if (has_issue_ && r.issue_id == issue_.id) {
    go_to_article(r.article_id);
    notify(host::article_event(r.article_id, host::History::Push));
  } else {
    notify(host::open_issue_event(r.issue_id, r.article_id));
  }
  search_.result_opened();
}

//-----------------------------------------------------------------------------
// [SECTION] Files from the host (need events)
//-----------------------------------------------------------------------------

host::Json Viewer::provide(unsigned request, std::string_view path, std::string_view bytes) {
  return take_answer(request, path, &bytes, {});
}

host::Json Viewer::provide_failed(unsigned request, std::string_view path, std::string_view reason) {
  return take_answer(request, path, nullptr, reason);
}

void Viewer::search_archive_issues() {
  std::vector<std::string> paths;
  for (const auto& entry : index_.issues) paths.push_back(entry.path);
  if (paths.empty()) search_.archive_complete();
  else notify(requests_.ask(ResourceRequests::Purpose::ArchiveScan, std::move(paths)));
}

// Each answer to the part that asked. `bytes` null: the host could not get the file.
host::Json Viewer::take_answer(unsigned request, std::string_view path, const std::string_view* bytes,
                               std::string_view reason) {
  const ResourceRequests::Answer answer = requests_.answer(request, path);
  if (!answer.known) {
    return {{"ok", false}, {"error", std::string(path) + ": no request waits for this file (answered already?)"}};
  }
  using Purpose = ResourceRequests::Purpose;
  std::string error;
  redraw_ = true;
  switch (answer.request.purpose) {
    case Purpose::SearchManifest:
      // No search index (a small archive, or offline) or a broken one: every issue.
      if (!bytes || !search_.set_index(*bytes, error)) search_archive_issues();
      break;
    case Purpose::ArchiveScan:
      if (bytes) search_.add_archive_issue(*bytes);
      if (answer.last) search_.archive_complete();
      break;
    case Purpose::Excerpts:  // a result's title and excerpt
      if (bytes) search_.add_archive_issue(*bytes);
      break;
    case Purpose::SearchFiles:
      if (bytes) search_.index_file(answer.request.query, path, *bytes);
      else search_.index_file_failed(answer.request.query, path, reason);
      // A frame only once the results are complete: the rounds before change nothing
      // on screen, and frames drawn meanwhile would hold back the next round's files.
      redraw_ = search_.results_complete();
      break;
    case Purpose::FollowManifest:
    case Purpose::FollowFiles:
    case Purpose::FollowIssues: follow_answer(answer.request.purpose, path, bytes, reason); break;
    case Purpose::IndexYears:
      if (bytes) add_index_year(path, *bytes, error);
      else index_year_failed(path, reason == "offline" ? "この年の一覧は保存されていません" : std::string(reason));
      break;
  }
  pump_search();
  if (!error.empty()) return {{"ok", false}, {"error", error}};
  return {{"ok", true}};
}

}  // namespace ui
