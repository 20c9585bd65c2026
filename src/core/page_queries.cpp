// Finding things in a laid-out page: the lines, boxes and checkboxes in a band of it
// (what a frame draws), the article at a height, a place's top.
#include <algorithm>

#include "core/page_layout.hpp"

namespace digest {

namespace {

// Items sorted by y, none taller than a few em: those overlapping [top, bottom) are
// found by binary search from a margin above `top`.
template <typename Item>
std::pair<size_t, size_t> overlapping(const std::vector<Item>& items, float top, float bottom) {
  const float tallest = 200;
  auto by_y = [](const Item& item, float v) { return item.y < v; };
  auto first = std::lower_bound(items.begin(), items.end(), top - tallest, by_y);
  auto last = std::lower_bound(first, items.end(), bottom, by_y);
  return {static_cast<size_t>(first - items.begin()), static_cast<size_t>(last - items.begin())};
}

}  // namespace

std::pair<size_t, size_t> PageLayout::visible_lines(float top, float bottom) const {
  return overlapping(lines, top, bottom);
}

std::pair<size_t, size_t> PageLayout::visible_boxes(float top, float bottom) const {
  return overlapping(boxes, top, bottom);
}

std::pair<size_t, size_t> PageLayout::visible_checks(float top, float bottom) const {
  return overlapping(checks, top, bottom);
}

int PageLayout::article_at(float y) const {
  int found = -1;
  for (const ArticleAnchor& a : anchors) {
    if (a.top > y) break;
    found = static_cast<int>(a.article);
  }
  return found;
}

std::string part_id(const Issue& issue, int32_t part) {
  if (part >= 0 && static_cast<size_t>(part) < issue.articles.size()) return issue.articles[part].id;
  return part == kAfterwordPart ? std::string(kAfterwordId) : std::string();
}

float PageLayout::target_top(const std::string& id, const Issue& issue) const {
  for (const ArticleAnchor& a : anchors)
    if (issue.articles[a.article].id == id) return a.top;
  for (const PageTarget& t : targets)
    if (t.id == id) return t.top;
  if (id == kAfterwordId) return afterword_top;
  return -1;
}

}  // namespace digest
