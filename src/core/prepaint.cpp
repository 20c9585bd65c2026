#include "core/prepaint.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"

namespace digest {

namespace {

// One window width's first screen.
struct Screen {
  int width = 0;
  float origin = 0;  // where the column starts in the window: content x + column x
  float top = 0;     // the page's top in the window
  float left = 0;    // the page's left in the window (content x)
  float page_height = 0;
  bool known = true;  // every character's advance is platform-independent
  std::string html;   // the text layer, page coordinates
  std::string shape;  // the same with x relative to the column: equal shapes differ by a shift
};

Screen lay_out(const Outline& outline, const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
               const std::function<bool(char32_t)>& known, float height, int width) {
  const ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
  PageLayout page = layout_page(outline, regular, view.style, &bold);
  Screen s;
  s.width = width;
  s.left = view.content_x;
  s.top = view.content_y;
  s.origin = view.content_x + page.column_x;
  s.page_height = page.height;
  const auto [first, last] = page.visible_lines(0, height);
  for (size_t i = first; i < last && s.known; ++i) {
    const PageLine& line = page.lines[i];
    for (uint32_t k = 0; k < line.span_count && s.known; ++k) {
      const PageSpan& span = page.spans[line.first_span + k];
      const std::string_view text = std::string_view(page.text).substr(span.begin, span.end - span.begin);
      for (size_t at = 0; at < text.size() && s.known;) s.known = known(utf8_next(text, at));
    }
  }
  s.html = text_layer_html(issue, page, 0, height);
  // Relative to the column, to 1/64 px: a float's last bit must not split a range.
  for (PageBlock& block : page.blocks) block.x = std::round((block.x - page.column_x) * 64.0f) / 64.0f;
  s.shape = text_layer_html(issue, page, 0, height);
  return s;
}

// Widths [from, to] share one first screen: the same shape and page height, with the
// column moving linearly as the window widens.
struct Range {
  Screen first;
  int to = 0;
  float slope = 0;  // px the column moves per px of window width (the page's left stays)
  bool open_ended = false;

  bool takes(const Screen& s) const {
    if (s.shape != first.shape || s.page_height != first.page_height || s.top != first.top || s.left != first.left)
      return false;
    if (to == first.width) return true;  // the second width sets the slope
    const float expected = first.origin + slope * static_cast<float>(s.width - first.width);
    return std::fabs(s.origin - expected) < 0.001f;
  }
  void add(const Screen& s) {
    if (to == first.width) slope = (s.origin - first.origin) / static_cast<float>(s.width - first.width);
    to = s.width;
  }
};

}  // namespace

std::string prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                          const std::function<bool(char32_t)>& known, const PrepaintOptions& options) {
  // As the viewer lays it out: checklist items with their boxes.
  const std::vector<ChecklistItem> checklist = checklist_items(issue, options.checklist);
  const Outline outline = make_outline(issue, {}, &checklist);
  std::vector<Range> ranges;
  for (int width = options.min_width; width <= options.max_width; ++width) {
    Screen s = lay_out(outline, issue, regular, bold, known, options.height, width);
    if (!ranges.empty() && ranges.back().takes(s)) {
      ranges.back().add(s);
      continue;
    }
    ranges.push_back(Range{std::move(s), width});
  }
  // The widest range goes on for ever when a far wider window still has its screen.
  if (!ranges.empty()) {
    Range& last = ranges.back();
    const Screen far = lay_out(outline, issue, regular, bold, known, options.height, options.max_width * 4);
    if (last.to > last.first.width && last.takes(far)) last.open_ended = true;
  }

  nlohmann::json entries = nlohmann::json::array();
  for (const Range& r : ranges) {
    if (!r.first.known) continue;
    // The HTML is placed for `from`; at width w the column is shift * (w - from) px
    // further right, the page's left edge staying where it is.
    entries.push_back({{"from", r.first.width},
                       {"to", r.open_ended ? nlohmann::json(nullptr) : nlohmann::json(r.to)},
                       {"left", r.first.left},
                       {"shift", r.slope},
                       {"top", r.first.top},
                       {"pageHeight", r.first.page_height},
                       {"html", r.first.html}});
  }
  nlohmann::json out = {{"format", "digest-prepaint/1"},
                        {"issue", issue.id},
                        {"fontScale", 1},
                        {"bold", true},
                        {"height", options.height},
                        {"entries", std::move(entries)}};
  return out.dump();
}

}  // namespace digest
