#include "ui/fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "core/utf8.hpp"

namespace ui {

namespace {

GlyphRasterizer g_rasterizer;
std::string g_missing;

bool zero_width(ImWchar c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
         (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0xE0020 && c <= 0xE007F);
}

bool contains_glyph(ImFontAtlas*, ImFontConfig*, ImWchar c) {
  return c >= 0x20;
}

bool load_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*, ImWchar codepoint,
                ImFontGlyph* out_glyph, float* out_advance_x) {
  if (zero_width(codepoint)) {
    if (out_advance_x) {
      *out_advance_x = 0;
      return true;
    }
    out_glyph->Codepoint = codepoint;
    out_glyph->AdvanceX = 0;
    out_glyph->Visible = false;
    return true;
  }
  const float density = src->RasterizerDensity * baked->RasterizerDensity;
  platform::RasterGlyph raster;
  const bool metrics_only = out_advance_x != nullptr;
  if (!g_rasterizer || !g_rasterizer(static_cast<char32_t>(codepoint), baked->Size, density, raster, metrics_only)) {
    std::string utf8;
    digest::utf8_append(utf8, static_cast<char32_t>(codepoint));
    if (g_missing.find(utf8) == std::string::npos) g_missing += utf8;
    return false;
  }
  if (out_advance_x) {
    *out_advance_x = raster.advance;
    return true;
  }
  out_glyph->Codepoint = codepoint;
  out_glyph->AdvanceX = raster.advance;
  ImFontAtlasRectId pack = ImFontAtlasPackAddRect(atlas, raster.width, raster.height);
  if (pack == ImFontAtlasRectId_Invalid) return false;
  ImTextureRect* r = ImFontAtlasPackGetRect(atlas, pack);
  // Colour glyphs keep their colours; monochrome ones become coverage (alpha).
  bool colored = false;
  for (size_t i = 0; i + 3 < raster.rgba.size() && !colored; i += 4) {
    colored =
        raster.rgba[i + 3] > 0 && (raster.rgba[i] != raster.rgba[i + 1] || raster.rgba[i + 1] != raster.rgba[i + 2]);
  }
  const float x0 = -1.0f / density;  // the rasteriser draws one pixel in from the left
  const float y0 = baked->Ascent - raster.baseline;
  out_glyph->X0 = x0;
  out_glyph->Y0 = y0;
  out_glyph->X1 = x0 + static_cast<float>(raster.width) / density;
  out_glyph->Y1 = y0 + static_cast<float>(raster.height) / density;
  out_glyph->Visible = true;
  out_glyph->Colored = colored;
  out_glyph->PackId = pack;
  if (colored) {
    ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out_glyph, r, raster.rgba.data(), ImTextureFormat_RGBA32,
                                       raster.width * 4);
  } else {
    std::vector<unsigned char> alpha(static_cast<size_t>(raster.width) * static_cast<size_t>(raster.height));
    for (size_t i = 0; i < alpha.size(); ++i) alpha[i] = raster.rgba[i * 4 + 3];
    ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out_glyph, r, alpha.data(), ImTextureFormat_Alpha8,
                                       raster.width);
  }
  return true;
}

const ImFontLoader* fallback_loader() {
  static ImFontLoader loader;
  loader.Name = "platform-fallback";
  loader.FontSrcContainsGlyph = contains_glyph;
  loader.FontBakedLoadGlyph = load_glyph;
  return &loader;
}

}  // namespace

const std::string& missing_glyphs() {
  return g_missing;
}

namespace {

// A TrueType font (the atlas takes ownership) merged with the platform fallback.
ImFont* add_font_with_fallback(void* ttf, int size, float pixel_size) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontConfig main;
  main.FontDataOwnedByAtlas = true;
  ImFont* font = atlas->AddFontFromMemoryTTF(ttf, size, pixel_size, &main);
  if (!font) return nullptr;
  ImFontConfig fallback;
  fallback.MergeMode = true;
  fallback.FontLoader = fallback_loader();
  fallback.SizePixels = pixel_size;
  snprintf(fallback.Name, sizeof fallback.Name, "browser fallback");
  atlas->AddFont(&fallback);
  // What neither font draws shows as 〓 (geta mark), the typesetter's sign for a
  // missing character, rather than "?" which reads as punctuation.
  font->FallbackChar = 0x3013;
  return font;
}

}  // namespace

ImFont* add_reading_font(void* ttf, int size, float pixel_size, GlyphRasterizer rasterizer) {
  g_rasterizer = std::move(rasterizer);
  return add_font_with_fallback(ttf, size, pixel_size);
}

ImFont* add_bold_font(void* ttf, int size, float pixel_size) {
  return add_font_with_fallback(ttf, size, pixel_size);
}

}  // namespace ui
