#include "core/line_layout.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/phrases.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

// CloseLatin is ASCII closing punctuation: like Close it never starts a line, and it
// also stays glued to a following Latin word ("3.5", "a,b", "e.g.x"). Inseparable
// marks (…‥―—) break like ideographs but never between two of them ("……", "――").
enum class BreakClass { Ideographic, Alphabetic, Space, Open, Close, CloseLatin, Inseparable, Newline };

// The punctuation classes, sorted by code point for a binary search (classify runs
// for every character of a page).
std::vector<std::pair<char32_t, BreakClass>> punctuation_classes() {
  std::vector<std::pair<char32_t, BreakClass>> table;
  auto add = [&](std::u32string_view set, BreakClass cls) {
    for (char32_t cp : set) table.emplace_back(cp, cls);
  };
  add(U"「『（【〔〈《［｛〘〖“‘([{", BreakClass::Open);
  // Characters that must not start a line (JIS X 4051 line-start prohibited).
  add(U"、。，．」』）】〕〉》］｝〙〗”’・：；！？ー‐゠–〜～ヽヾゝゞ々〻"
      U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ",
      BreakClass::Close);
  add(U")]},.:;!?%", BreakClass::CloseLatin);
  add(U"…‥―—", BreakClass::Inseparable);
  std::sort(table.begin(), table.end());
  return table;
}

BreakClass classify(char32_t cp) {
  if (cp == '\n') return BreakClass::Newline;
  if (cp == ' ' || cp == '\t' || cp == 0x3000) return BreakClass::Space;
  // The common cases first: kanji and Latin letters and digits are in no set.
  if (cp >= 0x4E00 && cp <= 0x9FFF) return BreakClass::Ideographic;
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) return BreakClass::Alphabetic;
  static const std::vector<std::pair<char32_t, BreakClass>> kPunctuation = punctuation_classes();
  const auto it = std::lower_bound(kPunctuation.begin(), kPunctuation.end(), cp,
                                   [](const auto& entry, char32_t c) { return entry.first < c; });
  if (it != kPunctuation.end() && it->first == cp) return it->second;
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
  bool phrase_break;  // ... and it falls between phrases or after a space: a good one
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

// A page is laid out again at every width (a first-screen file tries 2,240 of them)
// with the same paragraphs: each one's phrases are found once, and kept until the
// texts kept pass a few megabytes.
// The reference holds until the next call.
const std::vector<size_t>& cached_phrase_starts(std::string_view text) {
  constexpr size_t kMaxCachedBytes = 4 << 20;
  thread_local std::unordered_map<std::string, std::vector<size_t>> cache;
  thread_local size_t cached_bytes = 0;
  std::string key(text);
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  if (cached_bytes + key.size() > kMaxCachedBytes) {
    cache.clear();
    cached_bytes = 0;
  }
  cached_bytes += key.size();
  return cache.emplace(std::move(key), phrase_starts(text)).first->second;
}

// Clusters (a character with the marks that join it) with their break opportunities,
// and which of those fall between phrases (only looked for when `phrases`).
std::vector<Cluster> make_clusters(std::string_view text, const TextMeasure& measure, bool phrases = false) {
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
    bool after_space = allowed && clusters.back().cls == BreakClass::Space;
    clusters.push_back(Cluster{start, i, measure.advance(cp), cls, allowed, after_space});
  }
  if (phrases) {
    size_t k = 0;
    for (size_t at : cached_phrase_starts(text)) {
      while (k < clusters.size() && clusters[k].begin < at) ++k;
      if (k < clusters.size() && clusters[k].begin == at && clusters[k].break_before) clusters[k].phrase_break = true;
    }
  }
  return clusters;
}

// Counts the characters of clusters [from, to) that make a line worth having: closing
// punctuation and spaces alone do not.
size_t counted_characters(const std::vector<Cluster>& clusters, size_t from, size_t to) {
  size_t n = 0;
  for (size_t k = from; k < to; ++k) {
    const BreakClass c = clusters[k].cls;
    if (c != BreakClass::Space && c != BreakClass::Close && c != BreakClass::CloseLatin && c != BreakClass::Newline)
      ++n;
  }
  return n;
}

// A line as cluster indices [from, to); `ends_paragraph` when a newline or the text's
// end follows it.
struct ClusterLine {
  size_t from, to;
  bool ends_paragraph;
};

// The end of clusters [from, to) without its trailing spaces (a break drops them).
size_t without_trailing_spaces(const std::vector<Cluster>& clusters, size_t from, size_t to) {
  while (to > from && clusters[to - 1].cls == BreakClass::Space) --to;
  return to;
}

float line_width(const std::vector<Cluster>& clusters, size_t from, size_t to) {
  to = without_trailing_spaces(clusters, from, to);
  float w = 0;
  for (size_t k = from; k < to; ++k) w += clusters[k].width;
  return w;
}

// 追い出し: a paragraph's last line with one character takes more from the line
// before, moving that line's end back to the latest phrase boundary that lets the
// last line fit, else to the latest legal break.
void avoid_lonely_last_lines(const std::vector<Cluster>& clusters, std::vector<ClusterLine>& lines, float max_width,
                             const LineBreakOptions& options) {
  for (size_t n = 1; n < lines.size(); ++n) {
    ClusterLine& last = lines[n];
    ClusterLine& before = lines[n - 1];
    if (!last.ends_paragraph || before.ends_paragraph || counted_characters(clusters, last.from, last.to) != 1)
      continue;
    const float keep = options.phrases == PhraseBreaks::Heading ? 0.0f : 0.5f * max_width;
    size_t chosen = 0;
    for (int pass = 0; pass < 2 && !chosen; ++pass) {
      for (size_t j = last.from; j-- > before.from + 1;) {
        if (!clusters[j].break_before || (pass == 0 && !clusters[j].phrase_break)) continue;
        if (line_width(clusters, j, last.to) > max_width) break;  // moving further back only widens it
        if (line_width(clusters, before.from, j) < keep) break;
        if (counted_characters(clusters, before.from, j) == 0) break;
        chosen = j;
        break;
      }
    }
    if (chosen) {
      before.to = chosen;
      last.from = chosen;
    }
  }
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
  const std::vector<Cluster> clusters = make_clusters(text, measure, options.phrases != PhraseBreaks::Off);

  // 2. Greedy fill, breaking at the last opportunity that fits (a phrase boundary
  //    where options.phrases prefers one).
  std::vector<ClusterLine> cluster_lines;
  size_t line_start = 0;  // cluster index
  auto emit = [&](size_t from, size_t to, bool ends_paragraph = false) {
    cluster_lines.push_back(ClusterLine{from, to, ends_paragraph});
  };
  auto skip_spaces = [&](size_t k) {
    while (k < clusters.size() && clusters[k].cls == BreakClass::Space) ++k;
    return k;
  };

  // Width of the unbreakable run starting at cluster `from` (up to the next allowed
  // break), counted only as far as needed to know whether it exceeds a line. Its
  // trailing spaces are not counted: a break drops them.
  auto unit_width = [&](size_t from) {
    float w = 0;
    for (size_t j = from; j < clusters.size() && w <= max_width; ++j) {
      if (j > from && (clusters[j].break_before || clusters[j].cls == BreakClass::Newline)) break;
      if (clusters[j].cls != BreakClass::Space) w += clusters[j].width;
    }
    return w;
  };

  float width = 0;
  size_t k = 0;
  while (k < clusters.size()) {
    const Cluster& c = clusters[k];
    if (c.cls == BreakClass::Newline) {
      emit(line_start, k, true);
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
    if (at > line_start && !clusters[at].phrase_break && options.phrases != PhraseBreaks::Off) {
      // A phrase boundary earlier in the line, if it keeps the line full enough.
      size_t phrase = at;
      while (phrase > line_start && !clusters[phrase].phrase_break) --phrase;
      const float fill = options.phrases == PhraseBreaks::Heading ? 0.0f : kBodyPhraseFill * max_width;
      if (phrase > line_start && line_width(clusters, line_start, phrase) >= fill) at = phrase;
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
  if (line_start < clusters.size() || cluster_lines.empty() ||
      (!clusters.empty() && clusters.back().cls == BreakClass::Newline)) {
    emit(line_start, clusters.size(), true);
  }
  if (!cluster_lines.empty()) cluster_lines.back().ends_paragraph = true;

  // 3. No lonely last line; then the lines as byte spans.
  if (options.phrases != PhraseBreaks::Off) avoid_lonely_last_lines(clusters, cluster_lines, max_width, options);
  std::vector<LineSpan> lines;
  lines.reserve(cluster_lines.size());
  for (const ClusterLine& line : cluster_lines) {
    const size_t last = without_trailing_spaces(clusters, line.from, line.to);
    LineSpan span;
    span.begin = line.from < clusters.size() ? clusters[line.from].begin : text.size();
    span.end = last > line.from ? clusters[last - 1].end : span.begin;
    span.width = line_width(clusters, line.from, line.to);
    lines.push_back(span);
  }
  return lines;
}

bool lonely_line(std::string_view line) {
  const std::vector<Cluster> clusters = make_clusters(line, CellMeasure());
  return counted_characters(clusters, 0, clusters.size()) == 1;
}

}  // namespace digest
