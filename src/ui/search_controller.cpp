#include "ui/search_controller.hpp"

#include <algorithm>
#include <utility>

namespace ui {

void SearchController::close() {
  open_ = false;
  scope_ = host::SearchScope::Issue;
  committed_.clear();
  composing_.clear();
  composing_at_ = 0;
  folded_.clear();
  hits_.clear();
  current_ = -1;
  hits_generation_ = 0;
  results_.clear();
  selected_ = 0;
  scroll_to_selected_ = false;
  results_complete_ = completion_pending_ = false;
  query_.reset();
  requested_files_.clear();
  box_ = host::Rect();  // announced again when search reopens
}

void SearchController::set_scope(host::SearchScope scope) {
  scope_ = scope;
  results_stale_ = true;
}

void SearchController::set_text(std::string committed, std::string composing, size_t at) {
  committed_ = std::move(committed);
  composing_ = std::move(composing);
  composing_at_ = std::min(at, committed_.size());
  std::string folded = digest::fold_query(committed_);
  if (folded == folded_) return;
  folded_ = std::move(folded);
  hits_generation_ = 0;
  results_stale_ = true;
}

void SearchController::find_hits(const digest::PageLayout& page, unsigned layout_generation, float scroll_y) {
  hits_.clear();
  current_ = -1;
  hits_generation_ = layout_generation;
  if (folded_.empty()) return;
  // Blocks are contiguous in the page text: search each, so no match spans two.
  for (const digest::PageBlock& block : page.blocks) {
    if (block.decorative || block.line_count == 0) continue;
    const digest::PageBlockLine& first = page.block_lines[block.first_line];
    const digest::PageBlockLine& last = page.block_lines[block.first_line + block.line_count - 1];
    if (first.span_count == 0 || last.span_count == 0) continue;
    uint32_t begin = page.spans[first.first_span].begin;
    uint32_t end = page.spans[last.first_span + last.span_count - 1].end;
    digest::FoldedText folded = digest::fold_for_search(std::string_view(page.text).substr(begin, end - begin));
    for (const auto& m : digest::find_matches(folded, folded_)) {
      hits_.push_back(Hit{static_cast<uint32_t>(begin + m.begin), static_cast<uint32_t>(begin + m.end), 0});
    }
  }
  std::sort(hits_.begin(), hits_.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  // The line showing each hit's start, for scrolling to it. Lines are sorted by y, not
  // by text offset (table cells), so each line is looked up among the sorted hits.
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const digest::PageLine& line = page.lines[i];
    if (line.span_count == 0) continue;
    uint32_t b = page.spans[line.first_span].begin, e = page.spans[line.first_span + line.span_count - 1].end;
    auto it = std::lower_bound(hits_.begin(), hits_.end(), b, [](const Hit& h, uint32_t v) { return h.begin < v; });
    for (; it != hits_.end() && it->begin < e; ++it) it->line = i;
  }
  // Start from the first hit below the top of the view.
  for (size_t i = 0; i < hits_.size(); ++i) {
    if (page.lines[hits_[i].line].y >= scroll_y) {
      current_ = static_cast<int>(i);
      break;
    }
  }
  if (current_ < 0 && !hits_.empty()) current_ = 0;
}

std::optional<size_t> SearchController::step(int direction) {
  if (hits_.empty()) return std::nullopt;
  const int n = static_cast<int>(hits_.size());
  current_ = ((current_ < 0 ? 0 : current_ + direction) % n + n) % n;
  return hits_[static_cast<size_t>(current_)].line;
}

void SearchController::add_archive_issue(std::string_view json) {
  digest::IssueLoadResult loaded = digest::load_issue(json);
  if (!loaded.ok()) return;
  // Only the plain text is kept; newest first, whatever order the downloads finished in.
  digest::ArchiveIssue entry = digest::make_archive_issue(loaded.issue);
  auto newer = [](const digest::ArchiveIssue& a, const digest::ArchiveIssue& b) {
    return a.date != b.date ? a.date > b.date : a.id > b.id;
  };
  const std::string id = entry.id;
  const bool known = std::any_of(archive_.begin(), archive_.end(), [&](const auto& a) { return a.id == id; });
  if (!known) archive_.insert(std::upper_bound(archive_.begin(), archive_.end(), entry, newer), std::move(entry));
  if (index_) fill_texts(id);
}

bool SearchController::take_archive_request() {
  if (archive_requested_ || scope_ != host::SearchScope::Archive) return false;
  archive_requested_ = true;
  return true;
}

bool SearchController::set_index(std::string_view manifest_json, std::string& error) {
  digest::ManifestLoadResult loaded = digest::load_search_manifest(manifest_json);
  if (!loaded.ok()) {
    error = loaded.error;
    return false;
  }
  index_ = std::move(loaded.manifest);
  results_stale_ = true;
  return true;
}

std::vector<std::string> SearchController::take_index_files(unsigned& generation) {
  generation = query_generation_;
  std::vector<std::string> out;
  if (!query_) return out;
  for (std::string& path : query_->wanted()) {
    if (requested_files_.insert(path).second) out.push_back(std::move(path));
  }
  return out;
}

void SearchController::index_file(unsigned generation, std::string_view path, std::string_view bytes) {
  if (!query_ || generation != query_generation_) return;  // a query typed over since
  query_->provide(path, bytes);
  collect_index_hits();
}

void SearchController::index_file_failed(unsigned generation, std::string_view path, std::string_view reason) {
  if (!query_ || generation != query_generation_) return;
  query_->fail(path, reason);
  collect_index_hits();
}

// Once the query is done: its hits become the results, titles and excerpts to follow.
void SearchController::collect_index_hits() {
  if (!query_ || !query_->done()) return;
  index_error_ = query_->error();
  results_.clear();
  results_.reserve(query_->hits().size());
  for (const digest::IndexHit& hit : query_->hits()) {
    results_.push_back(Result{hit.issue_id, hit.date, hit.article_id, {}, {}, hit.path, false});
  }
  query_.reset();
  requested_files_.clear();
  fill_texts({});
  results_complete_ = completion_pending_ = true;
}

// Titles and excerpts of results whose issue has been read (of issue `only`, if given:
// one issue arriving looks at its own results only).
void SearchController::fill_texts(std::string_view only) {
  for (Result& r : results_) {
    if (r.has_text || (!only.empty() && r.issue_id != only)) continue;
    auto issue = std::find_if(archive_.begin(), archive_.end(), [&](const auto& a) { return a.id == r.issue_id; });
    if (issue == archive_.end()) continue;
    auto article = std::find_if(issue->articles.begin(), issue->articles.end(),
                                [&](const auto& a) { return a.id == r.article_id; });
    if (article == issue->articles.end()) continue;
    r.title = article->title;
    auto matches = digest::find_matches(digest::fold_for_search(article->text), folded_, 1);
    r.excerpt = matches.empty() ? std::string() : digest::excerpt(article->text, matches[0]);
    r.has_text = true;
  }
}

void SearchController::note_visible_results(size_t first, size_t end) {
  if (!index_) return;
  for (size_t i = first; i < std::min(end, results_.size()); ++i) {
    const Result& r = results_[i];
    if (!r.has_text && !r.path.empty() && requested_issues_.insert(r.path).second) excerpt_paths_.push_back(r.path);
  }
}

std::vector<std::string> SearchController::take_excerpt_paths() {
  return std::exchange(excerpt_paths_, {});
}

bool SearchController::take_completion() {
  return std::exchange(completion_pending_, false);
}

void SearchController::refresh_results() {
  if (!results_stale_ || scope_ != host::SearchScope::Archive) return;
  if (!index_ && !archive_complete_) return;
  results_stale_ = false;
  results_.clear();
  selected_ = 0;
  index_error_.clear();
  results_complete_ = completion_pending_ = false;
  query_.reset();
  requested_files_.clear();
  if (index_) {
    ++query_generation_;
    query_ = std::make_unique<digest::IndexQuery>(*index_, folded_);
    collect_index_hits();  // an empty query is done at once
    return;
  }
  for (auto& hit : digest::search_archive(archive_, folded_, SIZE_MAX)) {
    const digest::ArchiveIssue& issue = archive_[hit.issue];
    const digest::ArchiveArticle& article = issue.articles[hit.article];
    results_.push_back(Result{issue.id, issue.date, article.id, article.title, std::move(hit.excerpt), {}, true});
  }
  results_complete_ = completion_pending_ = true;
}

void SearchController::select_result(int step) {
  const int n = static_cast<int>(results_.size());
  if (n == 0) return;
  selected_ = std::clamp(selected_ + step, 0, n - 1);
  scroll_to_selected_ = true;
}

bool SearchController::take_scroll_to_selected() {
  bool take = scroll_to_selected_;
  scroll_to_selected_ = false;
  return take;
}

void SearchController::result_opened() {
  scope_ = host::SearchScope::Issue;
  hits_generation_ = 0;
  reveal_hit_ = true;
}

bool SearchController::set_box(const host::Rect& box) {
  if (box.x == box_.x && box.y == box_.y && box.width == box_.width && box.height == box_.height) return false;
  box_ = box;
  return true;
}

}  // namespace ui
