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

struct LineBreakOptions {
  // Burasage: 、。，． may hang past the end of a full line instead of pushing the
  // character before them to the next line.
  bool hanging_punctuation = false;
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
//  - with hanging punctuation, 、。，． hang past the end of a full line.
std::vector<LineSpan> break_lines(std::string_view text, const TextMeasure& measure, float max_width,
                                  const LineBreakOptions& options = {});

// Byte offsets where break_lines may end a line (before the character there): between
// these, text is one unbreakable run. For tests and measurements.
std::vector<size_t> break_opportunities(std::string_view text);

}  // namespace digest
