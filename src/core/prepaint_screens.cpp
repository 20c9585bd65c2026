// The first screens the pages themselves hold (docs/prepaint.md): the newest issue's top
// inside index.html (first_screen_json) and each article's inside its share page
// (article_screens_json), placed at every range of window widths by a style sheet.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/prepaint.hpp"
#include "core/prepaint_pages.hpp"
#include "core/text_layer.hpp"
#include "core/view_geometry.hpp"

namespace digest {

using namespace prepaint_pages;

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
    std::vector<PageBlock> blocks;   // [first, last)
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
