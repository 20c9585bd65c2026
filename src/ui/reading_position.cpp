#include "ui/reading_position.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "core/view_geometry.hpp"

namespace ui {

namespace {

using digest::kJumpMargin;
// A glide that has not reached its article by then has been interrupted.
constexpr double kGlideSeconds = 1.5;

}  // namespace

float ReadingPosition::max_scroll() const {
  return page_ ? std::max(0.0f, page_->height - view_height_) : 0.0f;
}

void ReadingPosition::scroll_to(float y, host::ScrollBehavior behavior) {
  y = std::clamp(y, 0.0f, max_scroll());
  if (behavior == host::ScrollBehavior::Instant) scroll_y_ = y;  // draw this frame there already
  if (notify_) notify_(host::scroll_event(y, behavior));
}

void ReadingPosition::set_scroll(float y) {
  scroll_y_ = y;
  clamp();
}

void ReadingPosition::clamp() {
  scroll_y_ = std::clamp(scroll_y_, 0.0f, max_scroll());
}

void ReadingPosition::to_top() {
  scroll_y_ = 0;
  reported_article_ = kNothingReported;
  gliding_to_ = -1;
  if (notify_) notify_(host::scroll_event(0, host::ScrollBehavior::Instant));
}

int ReadingPosition::current_article() const {
  if (!page_) return -1;
  const float point = scroll_y_ + 0.3f * std::min(view_height_, 400.0f);
  if (page_->afterword_top >= 0) {
    // A short afterword never reaches that point: at the page's end it is current.
    const bool at_end = scroll_y_ >= max_scroll() - 1 && page_->afterword_top < scroll_y_ + view_height_;
    if (point >= page_->afterword_top || at_end) return kAfterword;
  }
  if (page_->anchors.empty()) return -1;
  return page_->article_at(point);
}

std::string ReadingPosition::place() const {
  if (!page_ || !issue_) return std::string();
  int article = current_article();
  // "<id>@<fraction>": negative when the view starts above the part's top (it is
  // current once its top passes a point inside the view), so it is restored exactly.
  auto place_in = [&](const std::string& id, float top, float bottom) {
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, "@%.5f", std::clamp((scroll_y_ - top) / (bottom - top), -1.0f, 1.0f));
    return id + fraction;
  };
  if (article == kAfterword) {
    const float top = page_->afterword_top;
    return place_in(digest::kAfterwordId, top, std::max(top + 1.0f, page_->afterword_bottom));
  }
  for (const auto& a : page_->anchors) {
    if (static_cast<int>(a.article) != article || a.bottom <= a.top) continue;
    return place_in(issue_->articles[a.article].id, a.top, a.bottom);
  }
  return std::string();
}

void ReadingPosition::apply_pending() {
  if (pending_.empty() || !page_ || !issue_) return;
  std::string id = std::move(pending_);
  pending_.clear();
  // "<id>@<fraction>" is a place to restore exactly; a bare "<id>" is a jump to it.
  std::optional<float> fraction;
  const size_t at = id.find('@');
  if (at != std::string::npos) {
    // Stored by this build or another, or edited: only a fraction of the article counts
    // ("@nan" would scroll to no place at all).
    const float stored = std::strtof(id.c_str() + at + 1, nullptr);
    if (std::isfinite(stored)) fraction = std::clamp(stored, -1.0f, 1.0f);  // as place() writes it
    id.resize(at);
  }
  const float top = page_->target_top(id, *issue_);
  if (top < 0) {
    if (notify_) notify_(host::article_missing_event(id));
    return;
  }
  float height = 0;
  for (const auto& a : page_->anchors)
    if (issue_->articles[a.article].id == id) height = a.bottom - a.top;
  if (id == digest::kAfterwordId) height = page_->afterword_bottom - page_->afterword_top;
  scroll_to(fraction ? top + *fraction * height : top - kJumpMargin, host::ScrollBehavior::Instant);
  reported_article_ = page_->article_at(top + 1);
}

void ReadingPosition::glide_to_anchor(size_t anchor, double now) {
  if (!page_ || !issue_ || anchor >= page_->anchors.size()) return;
  const digest::ArticleAnchor& a = page_->anchors[anchor];
  scroll_to(a.top - kJumpMargin, host::ScrollBehavior::Smooth);
  reported_article_ = gliding_to_ = static_cast<int>(a.article);
  glide_started_ = now;
  if (notify_) notify_(host::article_event(issue_->articles[a.article].id, host::History::Push));
}

void ReadingPosition::move_article(int step, double now) {
  if (!page_ || !issue_) return;
  // Keys pressed during a glide count from where it is going, so j j moves two articles.
  const int current = gliding_to_ != -1 ? gliding_to_ : current_article();
  // The afterword is one more stop after the last article.
  const long stops = static_cast<long>(page_->anchors.size()) + (page_->afterword_top >= 0 ? 1 : 0);
  long position = current == kAfterword ? static_cast<long>(page_->anchors.size()) : -1;
  for (size_t i = 0; i < page_->anchors.size(); ++i)
    if (static_cast<int>(page_->anchors[i].article) == current) position = static_cast<long>(i);
  long next = position >= 0 ? position + step : (step > 0 ? 0 : -1);
  if (next < 0) {
    scroll_to(0, host::ScrollBehavior::Smooth);  // above the first article: the masthead
    return;
  }
  if (next >= stops) return;
  if (next < static_cast<long>(page_->anchors.size())) {
    glide_to_anchor(static_cast<size_t>(next), now);
    return;
  }
  scroll_to(page_->afterword_top - kJumpMargin, host::ScrollBehavior::Smooth);
  reported_article_ = gliding_to_ = kAfterword;
  glide_started_ = now;
  if (notify_) notify_(host::article_event(digest::kAfterwordId, host::History::Push));
}

void ReadingPosition::track(double now) {
  if (!page_ || !issue_) return;
  int article = current_article();
  if (gliding_to_ != -1) {
    if (article != gliding_to_ && now - glide_started_ < kGlideSeconds) return;
    gliding_to_ = -1;
  }
  if (article == reported_article_) return;
  reported_article_ = article;
  if (notify_) notify_(host::article_event(digest::part_id(*issue_, article), host::History::Replace));
}

}  // namespace ui
