// An issue's first screens, for every window width and every place a reader may
// arrive at (docs/prepaint.md). The page's text is written once, without line breaks;
// each range of window widths that lays the page out alike (one per line length, the
// column holding whole characters) adds only where its blocks sit and where its lines
// break, so the file grows with the issue, hardly with the widths. The pages and ranges
// are prepaint_pages.cpp's; the first screens the pages hold, prepaint_screens.cpp's.
#include "core/prepaint.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/prepaint_pages.hpp"
#include "core/view_geometry.hpp"

namespace digest {

using namespace prepaint_pages;

namespace {

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
  return {{"format", "digest-prepaint/2"},
          {"issue", issue.id},
          {"fontScale", 1},
          {"bold", true},
          {"height", height},
          {"ids", std::move(ids)},
          {"html", std::move(html)},
          {"sizes", sizes},
          {"entries", std::move(entries)}};
}

}  // namespace

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
    nlohmann::json entry =
        file_entry(w, r.open_ended ? nlohmann::json(nullptr) : nlohmann::json(r.to), r.slope, size - sizes.begin());
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

}  // namespace digest
