#include "card/face.hpp"

#define STB_TRUETYPE_IMPLEMENTATION
#include "imstb_truetype.h"

#include "core/utf8.hpp"

namespace card {

bool Face::load(std::vector<uint8_t> bytes) {
  data_ = std::move(bytes);
  const int offset = stbtt_GetFontOffsetForIndex(data_.data(), 0);
  if (offset < 0 || !stbtt_InitFont(&info_, data_.data(), offset)) return false;
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info_, &ascent, &descent, &gap);
  unit_scale_ = stbtt_ScaleForPixelHeight(&info_, 1.0f);
  ascent_ = static_cast<float>(ascent) * unit_scale_;
  return true;
}

int Face::advance_units(int g) const {
  int advance = 0, bearing = 0;
  stbtt_GetGlyphHMetrics(&info_, g, &advance, &bearing);
  return advance;
}

bool ViewerMeasure::add(std::vector<uint8_t> ttf) {
  auto face = std::make_unique<Face>();
  if (!face->load(std::move(ttf))) return false;
  faces_.push_back(std::move(face));
  return true;
}

float ViewerMeasure::advance(char32_t cp) const {
  // ImGui: AdvanceX = advance * (ScaleFactor * size) at size 256; UnitMeasure divides by 256.
  constexpr float kReference = 256.0f;
  for (const auto& face : faces_) {
    const int g = face->glyph(cp);
    if (g == 0) continue;
    const float scale_for_layout = face->unit_scale() * kReference;
    const float advance_x = static_cast<float>(face->advance_units(g)) * scale_for_layout;
    return advance_x / kReference;
  }
  const float em = digest::platform_advance_em(cp);
  return em >= 0 ? em : 0.5f;
}

bool ViewerMeasure::known(char32_t cp) const {
  for (const auto& face : faces_)
    if (face->glyph(cp) != 0) return true;
  return cp >= 0x20 && cp != 0x7F && digest::platform_advance_em(cp) >= 0;
}

}  // namespace card
