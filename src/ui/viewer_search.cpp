// The viewer's search: the bar's text and keys, stepping through hits, the archive
// scope's index files and results (SearchController holds the query and its results).
// The rest of Viewer is in viewer.cpp.

#include "ui/viewer.hpp"

namespace ui {

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

void Viewer::search_index_file(unsigned query, std::string_view path, std::string_view bytes) {
  search_.index_file(query, path, bytes);
  pump_search();
}

void Viewer::search_index_failed(unsigned query, std::string_view path, std::string_view reason) {
  search_.index_file_failed(query, path, reason);
  pump_search();
}

// What the archive search asks of the host, at once rather than at the next frame: a
// query's rounds then wait for the network only, and search() resolves as soon as the
// results are complete.
void Viewer::pump_search() {
  unsigned query = 0;
  if (auto files = search_.take_index_files(query); !files.empty()) notify(host::search_files_event(query, files));
  if (auto paths = search_.take_excerpt_paths(); !paths.empty()) notify(host::archive_excerpts_event(paths));
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

host::Json Viewer::set_search_index(std::string_view manifest_json) {
  std::string error;
  if (!search_.set_index(manifest_json, error)) return {{"ok", false}, {"error", error}};
  redraw_ = true;
  return {{"ok", true}};
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

}  // namespace ui
