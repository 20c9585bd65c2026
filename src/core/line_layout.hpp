// Line breaking for mixed Japanese/Latin text with injected measurement.
// The viewer measures with its font, `digest render` in terminal cells, tests with a
// fixed-width fake: the rules are the same for all three.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace digest {

class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  // Advance of one code point in the unit the caller chose (pixels, cells, ...).
  virtual float advance(char32_t cp) const = 0;
};

// Measures in terminal cells (East Asian wide characters count two).
class CellMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override;
};

// A measure for 1-pixel text scaled to a font size (advances scale linearly).
class ScaledMeasure final : public TextMeasure {
 public:
  ScaledMeasure(const TextMeasure& unit, float size) : unit_(unit), size_(size) {}
  float advance(char32_t cp) const override { return unit_.advance(cp) * size_; }

 private:
  const TextMeasure& unit_;
  float size_;
};

// Where Japanese phrase boundaries (文節, src/core/phrases.hpp) decide a line's end.
enum class PhraseBreaks {
  Off,      // any legal break: the line is filled as far as it goes
  Body,     // a phrase boundary when the line keeps at least kBodyPhraseFill of its width
  Heading,  // the last phrase boundary that fits, however short the line (titles, headings)
};

// Body text gives up at most a quarter of a line to end it at a phrase boundary: more
// and the right edge turns ragged.
constexpr float kBodyPhraseFill = 0.75f;

struct LineBreakOptions {
  // Burasage: 、。，． may hang past the end of a full line instead of pushing the
  // character before them to the next line.
  bool hanging_punctuation = false;
  PhraseBreaks phrases = PhraseBreaks::Body;
};

struct LineSpan {
  size_t begin = 0;  // byte offsets into the laid-out text; [begin, end)
  size_t end = 0;    // excludes a trailing newline and trailing spaces
  float width = 0;
};

// Breaks `text` into lines no wider than max_width where possible:
//  - between CJK characters; never inside Latin words, numbers or URLs;
//  - kinsoku: closing brackets, 、。, small kana, ー, ！？ never start a line and
//    opening brackets never end one (the pair moves to the next line together);
//  - '\n' always breaks; spaces at a break are dropped;
//  - a token wider than the line is split where it must, rather than overflow;
//  - with hanging punctuation, 、。，． hang past the end of a full line;
//  - among the legal breaks, a phrase boundary (or a space) is preferred as
//    options.phrases says; kinsoku is never given up for one;
//  - a paragraph's last line is not left with one character (closing punctuation not
//    counted) when moving the break before it back makes room: always in headings, in
//    body text when the line before keeps at least half its width.
std::vector<LineSpan> break_lines(std::string_view text, const TextMeasure& measure, float max_width,
                                  const LineBreakOptions& options = {});

// Byte offsets where break_lines may end a line (before the character there): between
// these, text is one unbreakable run. For tests and measurements.
std::vector<size_t> break_opportunities(std::string_view text);

// True when `line` (one line of break_lines' output, its spaces trimmed) holds a single
// character other than closing punctuation: a lonely last line. For tests and measurements.
bool lonely_line(std::string_view line);

}  // namespace digest
