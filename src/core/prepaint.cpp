// An issue's first screens, for every window width and every place a reader may
// arrive at (docs/prepaint.md). The page's text is written once, without line breaks;
// each range of window widths that lays the page out alike (one per line length, the
// column holding whole characters) adds only where its blocks sit and where its lines
// break, so the file grows with the issue, hardly with the widths.
//
// [SECTION] One width's page
// [SECTION] Ranges of widths
// [SECTION] The file
#include "core/prepaint.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"

namespace digest {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] One width's page
//-----------------------------------------------------------------------------

// Page pixels to 1/100 (as the text layer writes them), as a double that prints short,
// or as a whole number of hundredths (shorter, and compresses better).
double hundredths(float v) {
  return std::round(static_cast<double>(v) * 100.0) / 100.0;
}
int64_t in_hundredths(float v) {
  return std::llround(static_cast<double>(v) * 100.0);
}

// UTF-16 code units of UTF-8 text: the page's script counts in them.
uint32_t utf16_length(std::string_view text) {
  uint32_t n = 0;
  for (size_t at = 0; at < text.size();) n += utf8_next(text, at) > 0xFFFF ? 2 : 1;
  return n;
}

// Where a jump to each place lands: articles, sections, the afterword (PageLayout's
// target_top less the jump margin, before the viewer clamps it to the page).
std::vector<std::string> place_ids(const Issue& issue, const PageLayout& page) {
  std::vector<std::string> ids;
  for (const ArticleAnchor& a : page.anchors) ids.push_back(issue.articles[a.article].id);
  for (const PageTarget& t : page.targets) ids.push_back(t.id);
  if (page.afterword_top >= 0) ids.push_back(kAfterwordId);
  return ids;
}

// The page at one window width, as the file needs it.
struct WidthPage {
  int width = 0;
  float left = 0, top = 0;  // the page's place in the window (content x, y)
  float column = 0;         // the column's left edge, page px
  float page_height = 0;
  float covered = 0;      // page px from the top whose every character's advance is known
  std::string structure;  // the kept blocks' markup, places and breaks left out
  // Per block, in hundredths of a page px: x from the column; size and line height;
  // top, less the previous block's top.
  std::vector<int64_t> xs, sizes, ys;
  std::vector<std::vector<uint32_t>> breaks;  // per block: UTF-16 units of each line but the last
  std::vector<double> jumps;                  // per place id: where a jump scrolls to

  // The same page up to the column's place (a range moves its column linearly).
  bool same_page(const WidthPage& o) const {
    return structure == o.structure && xs == o.xs && sizes == o.sizes && ys == o.ys && breaks == o.breaks &&
           page_height == o.page_height && covered == o.covered && left == o.left && top == o.top && jumps == o.jumps;
  }
};

class WidthPages {
 public:
  WidthPages(const Issue& issue, const Outline& outline, const TextMeasure& regular, const TextMeasure& bold,
             const std::function<bool(char32_t)>& known, const PrepaintOptions& options)
      : issue_(issue), outline_(outline), regular_(regular), bold_(bold), known_(known), options_(options) {}

  // The page at `width`, blocks [0, kept) of it (all: kept = -1).
  WidthPage at(int width, size_t kept) const {
    const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
    PageLayout page = layout_at(width);
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

  // The kept blocks' markup without line breaks: as laid out, or (`blank`) for
  // comparing widths: places zeroed, spaces left out. A line broken at a space keeps
  // the space at its end, inside a link or style that ends there, where the unbroken
  // text has it after: the same text, and the same page once the breaks are in.
  std::string markup(PageLayout& page, size_t kept, bool blank) const {
    if (blank)
      for (PageBlock& block : page.blocks) block.x = block.y = block.size = block.line_height = 0;
    const TextLayerPiece all{0, static_cast<uint32_t>(kept), 0, page.height};
    std::string html = text_layer_piece_html(issue_, page, all, false);
    if (blank) html.erase(std::remove(html.begin(), html.end(), ' '), html.end());
    return html;
  }

  // The markup as the narrowest window lays it out (its places are overwritten by
  // each range's), and how many blocks fit the file's budget, with every range's first
  // screen whole: past the budget, widths a half character apart are looked at (every
  // range is a character wide) for the last block starting within `height`.
  // Also the page's place ids, the same at every width.
  struct Text {
    std::string markup;
    size_t kept = 0;
    std::vector<std::string> ids;
  };
  Text text(size_t max_bytes) const {
    PageLayout page = layout_at(options_.min_width);
    size_t kept = 0, bytes = 0;
    for (; kept < page.blocks.size() && bytes <= max_bytes; ++kept) {
      const TextLayerPiece one{static_cast<uint32_t>(kept), static_cast<uint32_t>(kept + 1), 0, 0};
      bytes += text_layer_piece_html(issue_, page, one, false).size();
    }
    if (kept < page.blocks.size()) {
      for (int width = options_.min_width; width <= options_.max_width; width += 8) {
        const PageLayout other = layout_at(width);
        size_t needed = 0;
        while (needed < other.blocks.size() && other.blocks[needed].y < options_.height) ++needed;
        kept = std::max(kept, needed);
      }
    }
    std::vector<std::string> ids = place_ids(issue_, page);
    return {markup(page, kept, false), kept, std::move(ids)};
  }

  PageLayout layout_at(int width) const {
    const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
    return layout_page(outline_, regular_, view.style, &bold_);
  }

 private:
  const Issue& issue_;
  const Outline& outline_;
  const TextMeasure& regular_;
  const TextMeasure& bold_;
  const std::function<bool(char32_t)>& known_;
  const PrepaintOptions& options_;
};

//-----------------------------------------------------------------------------
// [SECTION] Ranges of widths
//-----------------------------------------------------------------------------

// Widths [from, to] share one page: the same blocks, places and breaks, with the
// column moving linearly as the window widens.
struct Range {
  WidthPage first;
  int to = 0;
  float slope = 0;  // px the column moves per px of window width (the page's left stays)
  bool open_ended = false;

  bool takes(const WidthPage& w) const {
    if (!w.same_page(first)) return false;
    if (to == first.width) return true;  // the second width sets the slope
    const float expected = first.column + slope * static_cast<float>(w.width - first.width);
    return std::fabs(w.column - expected) < 0.001f;
  }
  void add(const WidthPage& w) {
    if (to == first.width) slope = (w.column - first.column) / static_cast<float>(w.width - first.width);
    to = w.width;
  }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The file
//-----------------------------------------------------------------------------

std::string prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                          const std::function<bool(char32_t)>& known, const PrepaintOptions& options) {
  // As the viewer lays it out: checklist items with their boxes.
  const std::vector<ChecklistItem> checklist = checklist_items(issue, options.checklist);
  const Outline outline = make_outline(issue, {}, &checklist);
  const WidthPages pages(issue, outline, regular, bold, known, options);
  auto [text, kept, ids] = pages.text(options.max_text_bytes);

  std::vector<Range> ranges;
  for (int width = options.min_width; width <= options.max_width; ++width) {
    WidthPage w = pages.at(width, kept);
    if (!ranges.empty() && ranges.back().takes(w)) {
      ranges.back().add(w);
      continue;
    }
    ranges.push_back(Range{std::move(w), width});
  }
  // The widest range goes on for ever when a far wider window still has its page.
  if (!ranges.empty()) {
    Range& last = ranges.back();
    if (last.to > last.first.width && last.takes(pages.at(options.max_width * 4, kept))) last.open_ended = true;
  }

  // The text is written once; a range whose blocks differ from it (none seen so far)
  // carries its own.
  const std::string blank = ranges.empty() ? std::string() : ranges.front().first.structure;
  std::vector<std::vector<int64_t>> sizes;  // per-block sizes and line heights, shared by ranges
  nlohmann::json entries = nlohmann::json::array();
  for (const Range& r : ranges) {
    const WidthPage& w = r.first;
    auto size = std::find(sizes.begin(), sizes.end(), w.sizes);
    if (size == sizes.end()) size = sizes.insert(sizes.end(), w.sizes);
    // Placed for `from`; at width w the column is shift * (w - from) px further right,
    // the page's left edge staying where it is.
    nlohmann::json entry = {{"from", w.width},
                            {"to", r.open_ended ? nlohmann::json(nullptr) : nlohmann::json(r.to)},
                            {"left", w.left},
                            {"top", w.top},
                            {"column", hundredths(w.column - w.left)},
                            {"shift", r.slope},
                            {"pageHeight", hundredths(w.page_height)},
                            {"covered", hundredths(w.covered)},
                            {"sizes", size - sizes.begin()},
                            {"xs", w.xs},
                            {"ys", w.ys},
                            {"breaks", w.breaks},
                            {"jumps", w.jumps}};
    if (w.structure != blank) {
      PageLayout page = pages.layout_at(w.width);
      entry["html"] = pages.markup(page, std::min(kept, page.blocks.size()), false);
    }
    entries.push_back(std::move(entry));
  }
  nlohmann::json out = {
      {"format", "digest-prepaint/2"}, {"issue", issue.id},     {"fontScale", 1},          {"bold", true},
      {"height", options.height},      {"ids", std::move(ids)}, {"html", std::move(text)}, {"sizes", sizes},
      {"entries", std::move(entries)}};
  return out.dump();
}

}  // namespace digest
