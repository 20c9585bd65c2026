// An issue's first screens, for every window width and every place a reader may
// arrive at (docs/prepaint.md). The page's text is written once, without line breaks;
// each range of window widths that lays the page out alike (one per line length, the
// column holding whole characters) adds only where its blocks sit and where its lines
// break, so the file grows with the issue, hardly with the widths.
//
// [SECTION] One width's page
// [SECTION] Ranges of widths
// [SECTION] The file
// [SECTION] The first screen inside the page
#include "core/prepaint.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

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

  // The page at `width`, blocks [0, kept) of it (all: kept = -1). Widths whose columns
  // are alike lay the page out alike, only moved (page_column): each such page is laid
  // out once, so a big issue's 2,241 widths cost a few dozen layouts.
  WidthPage at(int width, size_t kept) const {
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
  // screen whole (first_screen_blocks).
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
    if (kept < page.blocks.size()) kept = std::max(kept, first_screen_blocks());
    std::vector<std::string> ids = place_ids(issue_, page);
    return {markup(page, kept, false), kept, std::move(ids)};
  }

  // How many blocks start within `height` at some width.
  size_t first_screen_blocks() const {
    size_t count = 0;
    for_each_column([&](const PageLayout& page) {
      size_t n = 0;
      while (n < page.blocks.size() && page.blocks[n].y < options_.height) ++n;
      count = std::max(count, n);
    });
    return count;
  }

  // The blocks [first, last) a first screen at place `id` shows at some width (none:
  // first == last).
  std::pair<size_t, size_t> place_blocks(const std::string& id) const {
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

  // The page px a first screen at `id` may show in a window up to `height` tall: from
  // where a jump there lands, or (near the page's end, where the viewer stops the
  // scroll short) from a window's height above the end, to a window's height below.
  // `jump`: where the jump lands, before the viewer clamps it to the page.
  struct PlaceWindow {
    float jump = 0, top = 0, bottom = 0;
  };
  PlaceWindow place_window(const PageLayout& page, const std::string& id) const {
    const float jump = page.target_top(id, issue_) - kJumpMargin;
    return {jump, std::max(0.0f, std::min(jump, page.height - options_.height)),
            std::max(0.0f, jump) + options_.height};
  }

  PageLayout layout_at(int width) const {
    const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
    return layout_page(outline_, regular_, view.style, &bold_);
  }

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
  void for_each_column(const std::function<void(const PageLayout&)>& each) const {
    std::vector<std::pair<float, float>> seen;  // column width, font size
    for (int width = options_.min_width; width <= options_.max_width; width += 8) {
      const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
      const std::pair<float, float> alike{page_column(view.style).width, view.style.font_size};
      if (std::find(seen.begin(), seen.end(), alike) != seen.end()) continue;
      seen.push_back(alike);
      each(layout_at(width));
    }
  }

  // The page at `width` as laid out there.
  WidthPage laid_out_at(int width, size_t kept) const {
    PageLayout page = layout_at(width);
    return described(width, page, kept);
  }

 public:
  // `page`, the page at `width` (laid out whole, or as far as a job got), blocks [0, kept).
  WidthPage described(int width, PageLayout& page, size_t kept) const {
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

// The ranges of window widths that lay the page (blocks [0, kept)) out alike, from
// options.min_width to max_width; the widest open-ended when a window four times as
// wide still has its page.
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

// A range's entry of the file: placed for `from` (w.width); at a width x up to `to` the
// column is shift * (x - from) px further right, the page's left edge staying where it is.
nlohmann::json file_entry(const WidthPage& w, nlohmann::json to, float shift, size_t sizes_index) {
  return {{"from", w.width},
          {"to", std::move(to)},
          {"left", w.left},
          {"top", w.top},
          {"column", hundredths(w.column - w.left)},
          {"shift", shift},
          {"pageHeight", hundredths(w.page_height)},
          {"covered", hundredths(w.covered)},
          {"sizes", sizes_index},
          {"xs", w.xs},
          {"ys", w.ys},
          {"breaks", w.breaks},
          {"jumps", w.jumps}};
}

nlohmann::json file_json(const Issue& issue, float height, std::vector<std::string> ids, std::string html,
                         const nlohmann::json& sizes, nlohmann::json entries) {
  return {{"format", "digest-prepaint/2"}, {"issue", issue.id},     {"fontScale", 1},          {"bold", true},
          {"height", height},              {"ids", std::move(ids)}, {"html", std::move(html)}, {"sizes", sizes},
          {"entries", std::move(entries)}};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The file
//-----------------------------------------------------------------------------

std::string prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                          const std::function<bool(char32_t)>& known, const PrepaintOptions& options) {
  const ViewerPages viewer(issue, regular, bold, known, options);
  const WidthPages& pages = viewer.pages;
  auto [text, kept, ids] = pages.text(options.max_text_bytes);

  const std::vector<Range> ranges = width_ranges(pages, kept, options);
  // The text is written once; a range whose blocks differ from it (none seen so far)
  // carries its own.
  const std::string blank = ranges.empty() ? std::string() : ranges.front().first.structure;
  std::vector<std::vector<int64_t>> sizes;  // per-block sizes and line heights, shared by ranges
  nlohmann::json entries = nlohmann::json::array();
  for (const Range& r : ranges) {
    const WidthPage& w = r.first;
    auto size = std::find(sizes.begin(), sizes.end(), w.sizes);
    if (size == sizes.end()) size = sizes.insert(sizes.end(), w.sizes);
    nlohmann::json entry = file_entry(w, r.open_ended ? nlohmann::json(nullptr) : nlohmann::json(r.to), r.slope,
                                      size - sizes.begin());
    if (w.structure != blank) {
      PageLayout page = pages.layout_at(w.width);
      entry["html"] = pages.markup(page, std::min(kept, page.blocks.size()), false);
    }
    entries.push_back(std::move(entry));
  }
  return file_json(issue, options.height, std::move(ids), std::move(text), sizes, std::move(entries)).dump();
}

// One window's screen, laid out in the reader's page (a preview has no published file):
// only as much of the page as the screen needs, so a 5,000-article issue's top costs
// what a small issue's does.
std::string window_prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                                 const std::function<bool(char32_t)>& known, int width, const std::string& place,
                                 const PrepaintOptions& options) {
  const ViewerPages viewer(issue, regular, bold, known, options);
  const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
  PageLayout page;
  PageLayoutJob job(viewer.outline, view.style, page);
  // Until a window's height below where the viewer will scroll to is laid out (the
  // place's jump is known once its article's head is): a window's height more at a
  // time until the place is found, then to its window's bottom.
  const auto never = [] { return false; };
  for (float until = options.height; !job.run(regular, &bold, until, never);) {
    const float top = place.empty() ? 0.0f : page.target_top(place, issue);
    const float bottom = top - kJumpMargin + options.height;
    if (top >= 0 && page.height >= bottom) break;
    until = top >= 0 ? bottom : page.height + options.height;
  }
  if (!place.empty() && page.target_top(place, issue) < 0) return std::string();  // the viewer says it is missing
  const size_t kept = page.blocks.size();
  std::string html = viewer.pages.markup(page, kept, false);
  std::vector<std::string> ids = place_ids(issue, page);
  const WidthPage w = viewer.pages.described(width, page, kept);
  const nlohmann::json sizes = nlohmann::json::array({w.sizes});
  nlohmann::json entries = nlohmann::json::array({file_entry(w, width, 0.0f, 0)});
  return file_json(issue, options.height, std::move(ids), std::move(html), sizes, std::move(entries)).dump();
}

//-----------------------------------------------------------------------------
// [SECTION] The first screen inside the page
//-----------------------------------------------------------------------------

namespace {

// One range's first screen as the page itself holds it: the text layer's markup without
// ids (the page is not at a place; a #fragment would scroll to them), each block's
// data-box empty and its number as the class bN (the style sheet places it), and the
// line breaks taken out: `breaks` are where they were, as offsets into `text`.
struct StaticMarkup {
  std::string text;
  std::vector<size_t> breaks;
};

StaticMarkup static_markup(std::string_view html) {
  static constexpr std::string_view kBox = " data-box=\"", kId = " id=\"", kClass = " class=\"";
  static constexpr std::string_view kBreak = "<br aria-hidden=\"true\">";
  std::string named;
  named.reserve(html.size());
  size_t block = 0;
  for (size_t at = 0; at < html.size();) {
    if (html.compare(at, kId.size(), kId) == 0) {
      at = html.find('"', at + kId.size()) + 1;
    } else if (html.compare(at, kBox.size(), kBox) == 0) {
      // Attribute values hold no '"' or '>' (escaped), so the tag ends at the next '>'.
      const size_t value_end = html.find('"', at + kBox.size());
      const size_t tag_end = html.find('>', value_end);
      std::string rest(html.substr(value_end + 1, tag_end - value_end - 1));
      const std::string name = "b" + std::to_string(block++);
      const size_t cls = rest.find(kClass);
      named += " data-box";
      if (cls == std::string::npos)
        named += std::string(kClass) + name + "\"";
      else
        rest.insert(cls + kClass.size(), name + " ");
      // Ids may follow in the same tag.
      for (size_t id; (id = rest.find(kId)) != std::string::npos;)
        rest.erase(id, rest.find('"', id + kId.size()) + 1 - id);
      named += rest;
      at = tag_end;
    } else {
      named += html[at++];
    }
  }
  // A space before the end of a link or style goes after it: a line broken there keeps
  // the space inside (" <br></code>"), the unbroken text may have it outside.
  const auto closing_tags = [&](size_t at) {
    for (size_t end = at;;) {
      const size_t close = named.compare(end, 2, "</") == 0 ? named.find('>', end) : std::string::npos;
      const std::string_view tag =
          close == std::string::npos ? "" : std::string_view(named).substr(end, close + 1 - end);
      if (tag != "</code>" && tag != "</strong>" && tag != "</em>" && tag != "</del>" && tag != "</a>" &&
          tag != "</button>")
        return end;
      end = close + 1;
    }
  };
  StaticMarkup out;
  out.text.reserve(named.size());
  for (size_t at = 0; at < named.size();) {
    if (named[at] == ' ') {
      const bool broken = named.compare(at + 1, kBreak.size(), kBreak) == 0;
      const size_t tags = at + 1 + (broken ? kBreak.size() : 0);
      const size_t end = closing_tags(tags);
      if (end > tags) {
        out.text.append(named, tags, end - tags);
        out.text += ' ';
        if (broken) out.breaks.push_back(out.text.size());
        at = end;
        continue;
      }
    }
    if (named.compare(at, kBreak.size(), kBreak) == 0) {
      out.breaks.push_back(out.text.size());
      at += kBreak.size();
    } else {
      out.text += named[at++];
    }
  }
  return out;
}

// Hundredths of a px as CSS ("12.5px", "0").
std::string css_px(int64_t hundredths) {
  if (hundredths == 0) return "0";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(hundredths) / 100.0);
  std::string s = text;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "px";
}

// One screen as the page holds it: the top (`place` empty) or a jump to a place.
nlohmann::json first_screen(const Issue& issue, const ViewerPages& viewer, const PrepaintOptions& options,
                            const std::string& place) {
  const WidthPages& pages = viewer.pages;
  nlohmann::json out = {{"format", "digest-first-screen/1"}, {"issue", issue.id}, {"html", nullptr}};
  if (!place.empty()) out["place"] = place;

  // Blocks [first, last) of the page; each range shows those that start within its
  // window of page px, [top, bottom) (the top: a screen's height from 0).
  const std::pair<size_t, size_t> blocks =
      place.empty() ? std::pair<size_t, size_t>{0, pages.first_screen_blocks()} : pages.place_blocks(place);
  const size_t first = blocks.first, last = blocks.second;  // (lambdas below may not capture a binding)
  if (first == last) {
    out["reason"] = "no such place in the issue";
    return out;
  }
  const std::vector<Range> ranges = width_ranges(pages, last, options);
  if (ranges.empty()) return out;
  struct Shown {
    std::vector<PageBlock> blocks;  // [first, last)
    WidthPages::PlaceWindow window;  // the top: a screen's height from 0
  };
  std::vector<Shown> shown;
  float top_most = ranges.front().first.top;

  // The text once; each break marked with the ranges it is a break in (rN).
  std::string text;
  std::vector<std::vector<size_t>> breaks;
  for (const Range& r : ranges) {
    PageLayout page = pages.layout_at(r.first.width);
    Shown s{{}, {0, 0, options.height}};
    if (!place.empty()) s.window = pages.place_window(page, place);
    // A screen with a character only the platform measures is left to the viewer.
    if (r.first.covered < std::min(r.first.page_height, s.window.bottom)) {
      out["reason"] = "a character in the first screen only the browser measures";
      return out;
    }
    if (r.first.xs.size() != last || page.blocks.size() < last) return out;
    top_most = std::min(top_most, r.first.top);
    s.blocks.assign(page.blocks.begin() + static_cast<std::ptrdiff_t>(first),
                    page.blocks.begin() + static_cast<std::ptrdiff_t>(last));
    shown.push_back(std::move(s));
    const TextLayerPiece piece{static_cast<uint32_t>(first), static_cast<uint32_t>(last), 0, page.height};
    StaticMarkup m = static_markup(text_layer_piece_html(issue, page, piece, true));
    if (breaks.empty()) {
      text = std::move(m.text);
    } else if (m.text != text) {
      out["reason"] = "the blocks differ between widths";
      return out;
    }
    breaks.push_back(std::move(m.breaks));
  }
  std::vector<std::pair<size_t, size_t>> marks;  // (offset, range)
  for (size_t r = 0; r < breaks.size(); ++r)
    for (size_t at : breaks[r]) marks.emplace_back(at, r);
  std::sort(marks.begin(), marks.end());
  std::string html;
  size_t copied = 0;
  for (size_t m = 0; m < marks.size();) {
    html.append(text, copied, marks[m].first - copied);
    copied = marks[m].first;
    html += "<br class=\"";
    for (size_t first_mark = m; m < marks.size() && marks[m].first == copied; ++m)
      html += (m > first_mark ? " r" : "r") + std::to_string(marks[m].second);
    html += "\">";
  }
  html.append(text, copied);

  // Where each block sits. Each kind of rule is written once for each run of ranges
  // it is the same for (text sizes change at a few widths, tops at every range); the
  // blocks sit in #first-screen-column (the page puts `html` in it), which carries the
  // column (`left`, linear in the window's width within a range) and, at a place, the
  // scroll (`top`: the jump, stopped short at the page's end as the viewer stops it).
  // Block rules are nested in #text-layer{} to outweigh the layer's own (`#text-layer h1
  // {font: inherit}`); only this range's line breaks (br.rN) are shown.
  std::string css =
      "html.first-screen #scroller,html.first-screen #prepaint-bar{display:block}"
      "#text-layer br[class]{display:none}#text-layer [data-box]{left:0}"
      "#first-screen-column{position:absolute;top:0;width:100%}";
  // Blocks are named from 0 in the screen (the page's block `first` is b0).
  const auto name = [&](size_t i) { return ".b" + std::to_string(i - first); };
  const auto block_rule = [&](size_t i, const std::string& rule) { return name(i) + "{" + rule + "}"; };
  const auto by_runs = [&](const std::function<std::string(const Range&, size_t)>& rules) {
    for (size_t first_range = 0; first_range < ranges.size();) {
      const std::string text = rules(ranges[first_range], first_range);
      size_t last_range = first_range;
      while (last_range + 1 < ranges.size() && rules(ranges[last_range + 1], last_range + 1) == text) ++last_range;
      if (!text.empty()) {
        css += "@media (width>=" + std::to_string(ranges[first_range].first.width) + "px)";
        if (!ranges[last_range].open_ended) css += " and (width<" + std::to_string(ranges[last_range].to + 1) + "px)";
        css += "{" + text + "}";
      }
      first_range = last_range + 1;
    }
  };
  by_runs([&](const Range& r, size_t) {
    const WidthPage& w = r.first;
    return "html.first-screen #scroller{left:" + css_px(in_hundredths(w.left)) +
           ";top:" + css_px(in_hundredths(w.top)) + "}";
  });
  by_runs([&](const Range& r, size_t) {
    // One rule per size, naming its blocks.
    std::vector<std::pair<std::pair<int64_t, int64_t>, std::string>> by_size;
    for (size_t i = first; i < last; ++i) {
      const std::pair<int64_t, int64_t> size{r.first.sizes[2 * i], r.first.sizes[2 * i + 1]};
      auto it = std::find_if(by_size.begin(), by_size.end(), [&](const auto& s) { return s.first == size; });
      if (it == by_size.end()) it = by_size.insert(by_size.end(), {size, ""});
      it->second += (it->second.empty() ? "" : ",") + name(i);
    }
    std::string rules = "#text-layer{";
    for (const auto& [size, names] : by_size)
      rules += names + "{font-size:" + css_px(size.first) + ";line-height:" + css_px(size.second) + "}";
    return rules + "}";
  });
  by_runs([&](const Range& r, size_t) {
    std::string rules;
    for (size_t i = first; i < last; ++i)
      if (r.first.xs[i] != 0) rules += block_rule(i, "left:" + css_px(r.first.xs[i]));
    return rules.empty() ? rules : "#text-layer{" + rules + "}";
  });
  by_runs([&](const Range& r, size_t index) {
    const WidthPage& w = r.first;
    const Shown& s = shown[index];
    const std::string column = css_px(in_hundredths(w.column - w.left));
    char slope[32];
    std::snprintf(slope, sizeof slope, "%.6g", static_cast<double>(r.slope));
    std::string rules =
        "html.first-screen #text-layer{height:" + css_px(in_hundredths(w.page_height)) + "}#first-screen-column{left:" +
        (r.slope == 0 ? column : "calc(" + column + " + (100vw - " + std::to_string(w.width) + "px)*" + slope + ")");
    if (!place.empty()) {
      // The scroll: the jump, no further than the page's end allows (the scroller runs
      // from `top` to the window's bottom), and not above the page's top.
      const std::string jump = css_px(in_hundredths(s.window.jump));
      rules += ";top:min(0px,max(-" + jump + ",calc(100vh - " + css_px(in_hundredths(w.top + w.page_height)) + ")))";
    }
    rules += "}";
    // Blocks out of this width's screen are not shown at all (no place to write).
    rules += "#text-layer{";
    std::string hidden;
    int64_t y = 0;
    for (size_t i = 0; i < last; ++i) {
      y += w.ys[i];
      if (i < first) continue;
      const PageBlock& block = s.blocks[i - first];
      const bool in_view = place.empty() ? y < in_hundredths(s.window.bottom)
                                         : block.bottom() > s.window.top && block.y < s.window.bottom;
      if (in_view)
        rules += block_rule(i, "top:" + css_px(y));
      else
        hidden += (hidden.empty() ? "" : ",") + name(i);
    }
    if (!hidden.empty()) rules += hidden + "{display:none}";
    return rules + "br.r" + std::to_string(index) + "{display:inline}}";
  });
  out["html"] = std::move(html);
  out["css"] = std::move(css);
  out["minWidth"] = options.min_width;
  out["maxWidth"] = ranges.back().open_ended ? nlohmann::json(nullptr) : nlohmann::json(ranges.back().to);
  out["maxHeight"] = static_cast<int>(std::floor(top_most + options.height));
  out["bold"] = true;
  return out;
}

}  // namespace

std::string first_screen_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                              const std::function<bool(char32_t)>& known, const PrepaintOptions& options) {
  const ViewerPages viewer(issue, regular, bold, known, options);
  return first_screen(issue, viewer, options, "").dump();
}

std::string article_screens_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                                 const std::function<bool(char32_t)>& known, const PrepaintOptions& options) {
  const ViewerPages viewer(issue, regular, bold, known, options);
  nlohmann::json screens = nlohmann::json::object();
  for (const Article& article : issue.articles) screens[article.id] = first_screen(issue, viewer, options, article.id);
  return nlohmann::json{{"format", "digest-article-screens/1"}, {"issue", issue.id}, {"screens", std::move(screens)}}
      .dump();
}

}  // namespace digest
