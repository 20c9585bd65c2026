// Inside digest prepaint (src/core/prepaint*.cpp only): an issue's page at each window
// width, as the files need it, and the ranges of widths that lay it out alike. The
// published file (prepaint.cpp), a preview's screen (prepaint.cpp) and the first
// screens the pages hold (prepaint_screens.cpp) are all written from these.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/checklist.hpp"
#include "core/issue.hpp"
#include "core/line_layout.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/prepaint.hpp"

namespace digest::prepaint_pages {

// Page pixels to 1/100 (as the text layer writes them), as a double that prints short,
// or as a whole number of hundredths (shorter, and compresses better).
double hundredths(float v);
int64_t in_hundredths(float v);

// Where a jump to each place lands: articles, sections, the afterword (PageLayout's
// target_top less the jump margin, before the viewer clamps it to the page).
std::vector<std::string> place_ids(const Issue& issue, const PageLayout& page);

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

  // The page at `width`, blocks [0, kept) of it (all: kept = -1). Widths whose columns
  // are alike lay the page out alike, only moved (page_column): each such page is laid
  // out once, so a big issue's 2,241 widths cost a few dozen layouts.
  WidthPage at(int width, size_t kept) const;

  // The kept blocks' markup without line breaks: as laid out, or (`blank`) for
  // comparing widths: places zeroed, spaces left out. A line broken at a space keeps
  // the space at its end, inside a link or style that ends there, where the unbroken
  // text has it after: the same text, and the same page once the breaks are in.
  std::string markup(PageLayout& page, size_t kept, bool blank) const;

  // The markup as the narrowest window lays it out (its places are overwritten by
  // each range's), and how many blocks fit the file's budget, with every range's first
  // screen whole (first_screen_blocks).
  // Also the page's place ids, the same at every width.
  struct Text {
    std::string markup;
    size_t kept = 0;
    std::vector<std::string> ids;
  };
  Text text(size_t max_bytes) const;

  // How many blocks start within `height` at some width.
  size_t first_screen_blocks() const;

  // The blocks [first, last) a first screen at place `id` shows at some width (none:
  // first == last).
  std::pair<size_t, size_t> place_blocks(const std::string& id) const;

  // The page px a first screen at `id` may show in a window up to `height` tall: from
  // where a jump there lands, or (near the page's end, where the viewer stops the
  // scroll short) from a window's height above the end, to a window's height below.
  // `jump`: where the jump lands, before the viewer clamps it to the page.
  struct PlaceWindow {
    float jump = 0, top = 0, bottom = 0;
  };
  PlaceWindow place_window(const PageLayout& page, const std::string& id) const;

  PageLayout layout_at(int width) const;

  // `page`, the page at `width` (laid out whole, or as far as a job got), blocks [0, kept).
  // It zeroes the page's places (markup's `blank`): take anything else of it first.
  WidthPage described(int width, PageLayout& page, size_t kept) const;

 private:
  // What a page's layout depends on besides the issue (its place in the window kept
  // too), and how many of its blocks are kept.
  struct LayoutKey {
    float column_width, font_size, left, top;
    size_t kept;
    bool operator<(const LayoutKey& o) const {
      return std::tie(column_width, font_size, left, top, kept) <
             std::tie(o.column_width, o.font_size, o.left, o.top, o.kept);
    }
  };
  mutable std::map<LayoutKey, WidthPage> alike_;

  // Calls `each` with the page laid out once for each column (width, text size) the
  // windows from min_width to max_width have: widths a half character apart are looked
  // at (every range is a character wide).
  void for_each_column(const std::function<void(const PageLayout&)>& each) const;

  // The page at `width` as laid out there.
  WidthPage laid_out_at(int width, size_t kept) const;

  const Issue& issue_;
  const Outline& outline_;
  const TextMeasure& regular_;
  const TextMeasure& bold_;
  const std::function<bool(char32_t)>& known_;
  const PrepaintOptions& options_;
};

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

// The issue as the viewer lays it out (checklist items with their boxes), at any width.
struct ViewerPages {
  std::vector<ChecklistItem> checklist;
  Outline outline;
  WidthPages pages;
  ViewerPages(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
              const std::function<bool(char32_t)>& known, const PrepaintOptions& options)
      : checklist(checklist_items(issue, options.checklist)),
        outline(make_outline(issue, {}, &checklist)),
        pages(issue, outline, regular, bold, known, options) {}
};

// The ranges of window widths that lay the page (blocks [0, kept)) out alike, from
// options.min_width to max_width; the widest open-ended when a window four times as
// wide still has its page.
std::vector<Range> width_ranges(const WidthPages& pages, size_t kept, const PrepaintOptions& options);

}  // namespace digest::prepaint_pages
