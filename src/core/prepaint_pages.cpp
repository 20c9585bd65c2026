// An issue's page at each window width, as digest prepaint's files need it, and the
// ranges of window widths that lay it out alike (core/prepaint_pages.hpp).
//
// [SECTION] One width's page
// [SECTION] Ranges of widths
#include "core/prepaint_pages.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"

namespace digest::prepaint_pages {

//-----------------------------------------------------------------------------
// [SECTION] One width's page
//-----------------------------------------------------------------------------

double hundredths(float v) {
  return std::round(static_cast<double>(v) * 100.0) / 100.0;
}
int64_t in_hundredths(float v) {
  return std::llround(static_cast<double>(v) * 100.0);
}

std::vector<std::string> place_ids(const Issue& issue, const PageLayout& page) {
  std::vector<std::string> ids;
  for (const ArticleAnchor& a : page.anchors) ids.push_back(issue.articles[a.article].id);
  for (const PageTarget& t : page.targets) ids.push_back(t.id);
  if (page.afterword_top >= 0) ids.push_back(kAfterwordId);
  return ids;
}

WidthPage WidthPages::at(int width, size_t kept) const {
  const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
  const PageColumn column = page_column(view.style);
  const LayoutKey key{column.width, view.style.font_size, view.content_x, view.content_y, kept};
  if (auto known = alike_.find(key); known != alike_.end()) {
    WidthPage w = known->second;
    w.width = width;
    w.column = view.content_x + column.x;
    return w;
  }
  WidthPage w = laid_out_at(width, kept);
  alike_.emplace(key, w);
  return w;
}

std::string WidthPages::markup(PageLayout& page, size_t kept, bool blank) const {
  if (blank)
    for (PageBlock& block : page.blocks) block.x = block.y = block.size = block.line_height = 0;
  const TextLayerPiece all{0, static_cast<uint32_t>(kept), 0, page.height};
  std::string html = text_layer_piece_html(issue_, page, all, false);
  if (blank) html.erase(std::remove(html.begin(), html.end(), ' '), html.end());
  return html;
}

WidthPages::Text WidthPages::text(size_t max_bytes) const {
  PageLayout page = layout_at(options_.min_width);
  size_t kept = 0, bytes = 0;
  for (; kept < page.blocks.size() && bytes <= max_bytes; ++kept) {
    const TextLayerPiece one{static_cast<uint32_t>(kept), static_cast<uint32_t>(kept + 1), 0, 0};
    bytes += text_layer_piece_html(issue_, page, one, false).size();
  }
  if (kept < page.blocks.size()) kept = std::max(kept, first_screen_blocks());
  std::vector<std::string> ids = place_ids(issue_, page);
  return {markup(page, kept, false), kept, std::move(ids)};
}

size_t WidthPages::first_screen_blocks() const {
  size_t count = 0;
  for_each_column([&](const PageLayout& page) {
    size_t n = 0;
    while (n < page.blocks.size() && page.blocks[n].y < options_.height) ++n;
    count = std::max(count, n);
  });
  return count;
}

std::pair<size_t, size_t> WidthPages::place_blocks(const std::string& id) const {
  size_t first = SIZE_MAX, last = 0;
  for_each_column([&](const PageLayout& page) {
    const PlaceWindow window = place_window(page, id);
    for (size_t i = 0; i < page.blocks.size() && page.blocks[i].y < window.bottom; ++i) {
      if (page.blocks[i].bottom() <= window.top) continue;
      first = std::min(first, i);
      last = std::max(last, i + 1);
    }
  });
  return first < last ? std::pair{first, last} : std::pair<size_t, size_t>{0, 0};
}

WidthPages::PlaceWindow WidthPages::place_window(const PageLayout& page, const std::string& id) const {
  const float jump = page.target_top(id, issue_) - kJumpMargin;
  return {jump, std::max(0.0f, std::min(jump, page.height - options_.height)), std::max(0.0f, jump) + options_.height};
}

PageLayout WidthPages::layout_at(int width) const {
  const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
  return layout_page(outline_, regular_, view.style, &bold_);
}

void WidthPages::for_each_column(const std::function<void(const PageLayout&)>& each) const {
  std::vector<std::pair<float, float>> seen;  // column width, font size
  for (int width = options_.min_width; width <= options_.max_width; width += 8) {
    const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
    const std::pair<float, float> alike{page_column(view.style).width, view.style.font_size};
    if (std::find(seen.begin(), seen.end(), alike) != seen.end()) continue;
    seen.push_back(alike);
    each(layout_at(width));
  }
}

WidthPage WidthPages::laid_out_at(int width, size_t kept) const {
  PageLayout page = layout_at(width);
  return described(width, page, kept);
}

WidthPage WidthPages::described(int width, PageLayout& page, size_t kept) const {
  const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
  WidthPage w;
  w.width = width;
  w.left = view.content_x;
  w.top = view.content_y;
  w.column = view.content_x + page.column_x;
  w.page_height = page.height;
  kept = std::min(kept, page.blocks.size());
  w.covered = kept < page.blocks.size() ? page.height : -1;
  for (size_t i = kept; i < page.blocks.size(); ++i) w.covered = std::min(w.covered, page.blocks[i].y);
  int64_t previous_y = 0;
  for (size_t i = 0; i < kept; ++i) {
    const PageBlock& block = page.blocks[i];
    // To 1/64 px first: the float sum of the column and an indent must not split a range
    // (8.074997 and 8.075001 are the same place).
    w.xs.push_back(in_hundredths(std::round((block.x - page.column_x) * 64.0f) / 64.0f));
    w.sizes.insert(w.sizes.end(), {in_hundredths(block.size), in_hundredths(block.line_height)});
    w.ys.push_back(in_hundredths(block.y) - previous_y);
    previous_y = in_hundredths(block.y);
    std::vector<uint32_t> lines;
    for (uint32_t l = 0; l < block.line_count; ++l) {
      const PageBlockLine& line = page.block_lines[block.first_line + l];
      uint32_t units = 0;
      for (uint32_t s = 0; s < line.span_count; ++s) {
        const PageSpan& span = page.spans[line.first_span + s];
        const std::string_view text = std::string_view(page.text).substr(span.begin, span.end - span.begin);
        units += utf16_length(text);
        for (size_t at = 0; at < text.size();)
          if (!known_(utf8_next(text, at)) && (w.covered < 0 || block.y < w.covered)) w.covered = block.y;
      }
      // The break goes after the space a break at a space keeps.
      if (l + 1 < block.line_count) lines.push_back(units + (line.space_after ? 1 : 0));
    }
    w.breaks.push_back(std::move(lines));
  }
  if (w.covered < 0) w.covered = page.height;
  for (const std::string& id : place_ids(issue_, page))
    w.jumps.push_back(hundredths(page.target_top(id, issue_) - kJumpMargin));
  w.structure = markup(page, kept, true);
  return w;
}

//-----------------------------------------------------------------------------
// [SECTION] Ranges of widths
//-----------------------------------------------------------------------------

std::vector<Range> width_ranges(const WidthPages& pages, size_t kept, const PrepaintOptions& options) {
  std::vector<Range> ranges;
  for (int width = options.min_width; width <= options.max_width; ++width) {
    WidthPage w = pages.at(width, kept);
    if (!ranges.empty() && ranges.back().takes(w)) {
      ranges.back().add(w);
      continue;
    }
    ranges.push_back(Range{std::move(w), width});
  }
  if (!ranges.empty()) {
    Range& last = ranges.back();
    if (last.to > last.first.width && last.takes(pages.at(options.max_width * 4, kept))) last.open_ended = true;
  }
  return ranges;
}

}  // namespace digest::prepaint_pages
