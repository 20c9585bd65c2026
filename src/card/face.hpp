// TrueType faces read with stb_truetype (from Dear ImGui's sources; no ImGui itself):
// the share cards draw with them, and `digest prepaint` measures text as the viewer's
// ImGui does.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/line_layout.hpp"
#include "imstb_truetype.h"

namespace card {

class Face final : public digest::TextMeasure {
 public:
  bool load(std::vector<uint8_t> bytes);
  int glyph(char32_t cp) const { return stbtt_FindGlyphIndex(&info_, static_cast<int>(cp)); }
  // Advance for text 1 px high (the measure break_lines scales).
  float advance(char32_t cp) const override { return glyph_advance(glyph(cp)); }
  float glyph_advance(int g) const { return static_cast<float>(advance_units(g)) * unit_scale_; }
  int advance_units(int g) const;           // the font's own hmtx advance
  float ascent() const { return ascent_; }  // for text 1 px high
  float unit_scale() const { return unit_scale_; }
  const stbtt_fontinfo& info() const { return info_; }

 private:
  std::vector<uint8_t> data_;
  stbtt_fontinfo info_{};
  float unit_scale_ = 0, ascent_ = 0;
};

// Advances exactly as the viewer measures a font made of slices (ui::UnitMeasure over
// ImGui's stb_truetype loader): the first file that has the character, its advance
// scaled to a 256 px font in float and back; a character no file has gets
// digest::platform_advance_em, as the viewer's platform fallback gives it.
class ViewerMeasure final : public digest::TextMeasure {
 public:
  bool add(std::vector<uint8_t> ttf);
  float advance(char32_t cp) const override;
  // The advance is the viewer's on every platform (not left to the platform's fonts).
  bool known(char32_t cp) const;

 private:
  std::vector<std::unique_ptr<Face>> faces_;
};

}  // namespace card
