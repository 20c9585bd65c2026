#include "core/line_layout.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace digest {

namespace {

// CloseLatin is ASCII closing punctuation: like Close it never starts a line, and it
// also stays glued to a following Latin word ("3.5", "a,b", "e.g.x"). Inseparable
// marks (…‥―—) break like ideographs but never between two of them ("……", "――").
enum class BreakClass { Ideographic, Alphabetic, Space, Open, Close, CloseLatin, Inseparable, Newline };

bool in(char32_t cp, std::u32string_view set) {
  return set.find(cp) != std::u32string_view::npos;
}

BreakClass classify(char32_t cp) {
  if (cp == '\n') return BreakClass::Newline;
  if (cp == ' ' || cp == '\t' || cp == 0x3000) return BreakClass::Space;
  if (in(cp, U"「『（【〔〈《［｛〘〖“‘([{")) return BreakClass::Open;
  // Characters that must not start a line (JIS X 4051 line-start prohibited).
  if (in(cp,
         U"、。，．」』）】〕〉》］｝〙〗”’・：；！？ー‐゠–〜～ヽヾゝゞ々〻"
         U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"))
    return BreakClass::Close;
  if (in(cp, U")]},.:;!?%")) return BreakClass::CloseLatin;
  if (in(cp, U"…‥―—")) return BreakClass::Inseparable;
  return cell_width(cp) == 2 ? BreakClass::Ideographic : BreakClass::Alphabetic;
}

bool joins_previous(char32_t cp) {
  // Combining marks, variation selectors, joiners and emoji modifiers stay with the
  // character before them.
  return cell_width(cp) == 0 && cp != '\n';
}

// May a line break between a character of class `before` and one of class `after`?
bool break_allowed(BreakClass before, BreakClass after) {
  if (after == BreakClass::Space || after == BreakClass::Close || after == BreakClass::CloseLatin) return false;
  if (before == BreakClass::Space) return true;
  if (before == BreakClass::Open) return false;
  if (before == BreakClass::Alphabetic && after == BreakClass::Alphabetic) return false;
  if (before == BreakClass::Inseparable && after == BreakClass::Inseparable) return false;
  if (before == BreakClass::CloseLatin && after == BreakClass::Alphabetic) return false;
  return true;
}

struct Cluster {
  size_t begin, end;
  float width;
  BreakClass cls;
  bool break_before;  // a break is allowed before this cluster
};

// A line should not start with it (kinsoku) ...
bool bad_line_start(const Cluster& c) {
  return c.cls == BreakClass::Close || c.cls == BreakClass::CloseLatin;
}

// ... nor end with it.
bool bad_line_end(const Cluster& c) {
  return c.cls == BreakClass::Open;
}

bool hangable(std::string_view text, const Cluster& c) {
  size_t i = c.begin;
  char32_t cp = utf8_next(text, i);
  return cp == U'、' || cp == U'。' || cp == U'，' || cp == U'．';
}

// Clusters (a character with the marks that join it) with their break opportunities.
std::vector<Cluster> make_clusters(std::string_view text, const TextMeasure& measure) {
  std::vector<Cluster> clusters;
  bool previous_was_zwj = false;
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = utf8_next(text, i);
    if (!clusters.empty() && (joins_previous(cp) || previous_was_zwj) && cp != '\n') {
      Cluster& c = clusters.back();
      c.end = i;
      if (!previous_was_zwj) c.width += measure.advance(cp);
      previous_was_zwj = cp == 0x200D;
      continue;
    }
    previous_was_zwj = false;
    BreakClass cls = classify(cp);
    bool allowed = !clusters.empty() && break_allowed(clusters.back().cls, cls);
    clusters.push_back(Cluster{start, i, measure.advance(cp), cls, allowed});
  }
  return clusters;
}

}  // namespace

float CellMeasure::advance(char32_t cp) const {
  return static_cast<float>(cell_width(cp));
}

std::vector<size_t> break_opportunities(std::string_view text) {
  std::vector<size_t> out;
  const std::vector<Cluster> clusters = make_clusters(text, CellMeasure());
  for (size_t k = 0; k < clusters.size(); ++k) {
    if (clusters[k].break_before || (k > 0 && clusters[k - 1].cls == BreakClass::Newline)) {
      out.push_back(clusters[k].begin);
    }
  }
  return out;
}

std::vector<LineSpan> break_lines(std::string_view text, const TextMeasure& measure, float max_width,
                                  const LineBreakOptions& options) {
  // 1. Clusters with their break opportunities.
  const std::vector<Cluster> clusters = make_clusters(text, measure);

  // 2. Greedy fill, breaking at the last opportunity that fits.
  std::vector<LineSpan> lines;
  size_t line_start = 0;                     // cluster index
  auto emit = [&](size_t from, size_t to) {  // clusters [from, to)
    size_t last = to;
    while (last > from && clusters[last - 1].cls == BreakClass::Space) --last;
    LineSpan span;
    span.begin = from < clusters.size() ? clusters[from].begin : text.size();
    span.end = last > from ? clusters[last - 1].end : span.begin;
    for (size_t k = from; k < last; ++k) span.width += clusters[k].width;
    lines.push_back(span);
  };
  auto skip_spaces = [&](size_t k) {
    while (k < clusters.size() && clusters[k].cls == BreakClass::Space) ++k;
    return k;
  };

  // Width of the unbreakable run starting at cluster `from` (up to the next allowed
  // break), counted only as far as needed to know whether it exceeds a line.
  auto unit_width = [&](size_t from) {
    float w = 0;
    for (size_t j = from; j < clusters.size() && w <= max_width; ++j) {
      if (j > from && (clusters[j].break_before || clusters[j].cls == BreakClass::Newline)) break;
      w += clusters[j].width;
    }
    return w;
  };

  float width = 0;
  size_t k = 0;
  while (k < clusters.size()) {
    const Cluster& c = clusters[k];
    if (c.cls == BreakClass::Newline) {
      emit(line_start, k);
      line_start = k + 1;
      width = 0;
      k = line_start;
      continue;
    }
    bool fits = width + c.width <= max_width || c.cls == BreakClass::Space || k == line_start ||
                (options.hanging_punctuation && width <= max_width && hangable(text, c));
    if (fits) {
      width += c.width;
      ++k;
      continue;
    }
    // Find the last allowed break in (line_start, k]: what follows it moves to the
    // next line whole.
    size_t at = k;
    while (at > line_start && !clusters[at].break_before) --at;
    const size_t floor = line_start + std::max<size_t>(1, (k - line_start + 1) / 2);
    if (at > line_start && at < floor && unit_width(at) > max_width) {
      // ...unless that would leave this line less than half full for a run that is
      // wider than a line anyway: then the run starts here and is split below.
      at = line_start;
    }
    if (at == line_start) {
      // No legal break since the line began: the run that fills it (a long URL, a
      // chain of small kana and 、, a row of closing brackets) is wider than a line, so
      // it must be split. Fill the line, moving the split back to the least bad place
      // in the line's second half (not before a character that must not start a line,
      // nor after one that must not end one) -- never to one character per line.
      at = k;
      for (size_t j = k; j >= floor; --j) {
        if (!bad_line_start(clusters[j]) && !bad_line_end(clusters[j - 1])) {
          at = j;
          break;
        }
      }
    }
    emit(line_start, at);
    line_start = skip_spaces(at);
    width = 0;
    for (size_t j = line_start; j < k; ++j) width += clusters[j].width;
    if (line_start > k) k = line_start;
  }
  if (line_start < clusters.size() || lines.empty() ||
      (!clusters.empty() && clusters.back().cls == BreakClass::Newline)) {
    emit(line_start, clusters.size());
  }
  return lines;
}

}  // namespace digest
