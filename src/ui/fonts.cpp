#include "ui/fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "core/utf8.hpp"
#include "ui/frame_clock.hpp"

namespace ui {

namespace {

GlyphRasterizer g_rasterizer;
std::string g_missing;
std::string g_platform_drawn;                           // characters the platform's font drew, each once
std::vector<char32_t> g_sliced;                         // sorted: the characters the slices hold
std::vector<std::pair<ImFont*, std::string>> g_wanted;  // per font, UTF-8, each once
double g_glyph_seconds = 0;                             // making glyphs, all told (glyph_seconds())
ImFont* g_reading = nullptr;
ImFont* g_glimpse = nullptr;  // draws at once what its slices lack (glimpse_font())

std::vector<char32_t> code_points(std::string_view utf8) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < utf8.size();) out.push_back(digest::utf8_next(utf8, i));
  return out;
}

bool sliced(char32_t c) {
  return std::binary_search(g_sliced.begin(), g_sliced.end(), c);
}

void append_once(std::string& utf8, char32_t c) {
  std::string one;
  digest::utf8_append(one, c);
  if (utf8.find(one) == std::string::npos) utf8 += one;
}

// stb_truetype's loader, with the time it spends making glyphs counted (the frame
// breakdown of `make bench` reports glyph rasterisation apart).
bool timed_stb_load_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void* loader_data,
                          ImWchar codepoint, ImFontGlyph* out_glyph, float* out_advance_x) {
  const double start = frame_clock_seconds();
  const bool made = ImFontAtlasGetFontLoaderForStbTruetype()->FontBakedLoadGlyph(atlas, src, baked, loader_data,
                                                                                 codepoint, out_glyph, out_advance_x);
  g_glyph_seconds += frame_clock_seconds() - start;
  return made;
}

const ImFontLoader* slice_loader() {
  static ImFontLoader loader = [] {
    ImFontLoader timed = *ImFontAtlasGetFontLoaderForStbTruetype();
    timed.Name = "stb_truetype (timed)";
    timed.FontBakedLoadGlyph = timed_stb_load_glyph;
    return timed;
  }();
  return &loader;
}

// Whether a loaded slice of `font` (a source read by stb_truetype) has `c`.
bool has_slice_glyph(ImFont* font, char32_t c) {
  ImFontAtlas* atlas = font->ContainerAtlas;
  for (ImFontConfig* src : font->Sources) {
    if (src->FontLoader == slice_loader() && src->FontLoader->FontSrcContainsGlyph(atlas, src, static_cast<ImWchar>(c)))
      return true;
  }
  return false;
}

bool zero_width(ImWchar c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
         (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0xE0020 && c <= 0xE007F);
}

bool contains_glyph(ImFontAtlas*, ImFontConfig*, ImWchar c) {
  return c >= 0x20;
}

bool load_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*, ImWchar codepoint,
                ImFontGlyph* out_glyph, float* out_advance_x) {
  // Control characters have no glyph: ImGui asks for '\t' at every size it bakes (and
  // makes it four spaces when no source has one). Asking the browser cost 1-7 ms each.
  if (codepoint < 0x20 || codepoint == 0x7F) return false;
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
  // A slice after this source has it: drawn from there (whether or not the slice table
  // has come: an issue's own slice is given before the table is fetched).
  if (has_slice_glyph(src->DstFont, codepoint)) return false;
  // A slice's character that no loaded slice has: the frame wants it (it is not drawn
  // in the platform's font meanwhile), except in the glimpse font, where the platform
  // draws it now.
  if (sliced(codepoint) && src->DstFont != g_glimpse) {
    auto it = std::find_if(g_wanted.begin(), g_wanted.end(), [&](const auto& w) { return w.first == src->DstFont; });
    if (it == g_wanted.end()) it = g_wanted.insert(g_wanted.end(), {src->DstFont, std::string()});
    append_once(it->second, codepoint);
    return false;
  }
  const bool metrics_only = out_advance_x != nullptr;
  // Emoji and wide characters get a fixed advance (digest::platform_advance_em), the
  // platform's bitmap centred in it: the same lines on every platform, and as laid out
  // when the issue was published (docs/prepaint.md). Laying out needs no call to the
  // platform for them (an issue's borrowed kanji are measured by the hundred).
  const float fixed_em = digest::platform_advance_em(static_cast<char32_t>(codepoint));
  if (metrics_only && fixed_em >= 0) {
    *out_advance_x = fixed_em * baked->Size;
    return true;
  }
  const float density = src->RasterizerDensity * baked->RasterizerDensity;
  platform::RasterGlyph raster;
  const double start = frame_clock_seconds();
  const bool drawn =
      g_rasterizer && g_rasterizer(static_cast<char32_t>(codepoint), baked->Size, density, raster, metrics_only);
  g_glyph_seconds += frame_clock_seconds() - start;
  if (!drawn) {
    append_once(g_missing, codepoint);
    return false;
  }
  append_once(g_platform_drawn, codepoint);
  const float advance = fixed_em >= 0 ? fixed_em * baked->Size : raster.advance;
  if (out_advance_x) {
    *out_advance_x = advance;
    return true;
  }
  out_glyph->Codepoint = codepoint;
  out_glyph->AdvanceX = advance;
  ImFontAtlasRectId pack = ImFontAtlasPackAddRect(atlas, raster.width, raster.height);
  if (pack == ImFontAtlasRectId_Invalid) return false;
  ImTextureRect* r = ImFontAtlasPackGetRect(atlas, pack);
  // Colour glyphs keep their colours; monochrome ones become coverage (alpha).
  bool colored = false;
  for (size_t i = 0; i + 3 < raster.rgba.size() && !colored; i += 4) {
    colored =
        raster.rgba[i + 3] > 0 && (raster.rgba[i] != raster.rgba[i + 1] || raster.rgba[i + 1] != raster.rgba[i + 2]);
  }
  // The rasteriser draws one pixel in from the left.
  const float x0 = -1.0f / density + std::round((advance - raster.advance) * 0.5f * density) / density;
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

const std::string& platform_glyphs() {
  return g_platform_drawn;
}

namespace {

// A TrueType font merged with the platform fallback (`owned`: the atlas frees the data).
ImFont* add_font_with_fallback(void* ttf, int size, float pixel_size, bool owned = true) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontConfig main;
  main.FontLoader = slice_loader();
  main.FontDataOwnedByAtlas = owned;
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
  g_reading = add_font_with_fallback(ttf, size, pixel_size);
  // The glimpse font reads the same bytes (the reading font owns them).
  g_glimpse = g_reading ? add_font_with_fallback(ttf, size, pixel_size, false) : nullptr;
  return g_reading;
}

ImFont* glimpse_font() {
  return g_glimpse;
}

double glyph_seconds() {
  return g_glyph_seconds;
}

ImFont* add_bold_font(void* ttf, int size, float pixel_size) {
  return add_font_with_fallback(ttf, size, pixel_size);
}

namespace {

bool merge_slice(ImFont* font, void* ttf, int size, bool owned) {
  ImFontAtlas* atlas = font->ContainerAtlas;
  // A merged source goes into the atlas's last font: make `font` the last one.
  const int at = atlas->Fonts.find_index(font);
  if (at < 0) {
    if (owned) std::free(ttf);
    return false;
  }
  atlas->Fonts.erase(atlas->Fonts.Data + at);
  atlas->Fonts.push_back(font);
  ImFontConfig slice;
  slice.FontLoader = slice_loader();
  slice.FontData = ttf;
  slice.FontDataSize = size;
  slice.FontDataOwnedByAtlas = owned;
  slice.MergeMode = true;
  slice.SizePixels = font->Sources[0]->SizePixels;
  snprintf(slice.Name, sizeof slice.Name, "slice");
  // AddFont frees owned data when it is not a font it can read.
  if (!atlas->AddFont(&slice)) return false;
  ImFontAtlasFontDiscardBakes(atlas, font, 0);
  return true;
}

}  // namespace

bool add_font_slice(ImFont* font, void* ttf, int size) {
  if (!merge_slice(font, ttf, size, true)) return false;
  // The glimpse font draws from the reading font's slices too, once they are here.
  if (font == g_reading && g_glimpse) merge_slice(g_glimpse, ttf, size, false);
  return true;
}

bool set_sliced_characters(std::string_view utf8) {
  std::vector<char32_t> before = std::move(g_sliced);
  g_sliced = code_points(utf8);
  std::sort(g_sliced.begin(), g_sliced.end());
  g_sliced.erase(std::unique(g_sliced.begin(), g_sliced.end()), g_sliced.end());
  // The table can come after the first frames (it is not fetched for an issue its own
  // slice covers): a character the platform drew meanwhile that a slice holds is drawn
  // again, from its slice.
  bool redraw = false;
  for (char32_t c : code_points(g_platform_drawn))
    if (sliced(c) && !std::binary_search(before.begin(), before.end(), c)) redraw = true;
  if (redraw)
    for (ImFont* font : ImGui::GetIO().Fonts->Fonts) ImFontAtlasFontDiscardBakes(font->ContainerAtlas, font, 0);
  return redraw;
}

void release_sliced_characters(std::string_view utf8) {
  for (char32_t c : code_points(utf8)) {
    auto it = std::lower_bound(g_sliced.begin(), g_sliced.end(), c);
    if (it != g_sliced.end() && *it == c) g_sliced.erase(it);
  }
  // Drawn as 〓 so far: drawn again, by the platform.
  for (ImFont* font : ImGui::GetIO().Fonts->Fonts) ImFontAtlasFontDiscardBakes(font->ContainerAtlas, font, 0);
}

bool awaits_slice(ImFont* font, char32_t c) {
  return sliced(c) && !has_slice_glyph(font, c);
}

std::string lacking_characters(ImFont* font, std::string_view utf8) {
  std::string out;
  if (!font) return out;
  for (char32_t c : code_points(utf8))
    if (awaits_slice(font, c)) append_once(out, c);
  return out;
}

std::string take_wanted_characters(ImFont* font) {
  std::string wanted;
  auto it = std::find_if(g_wanted.begin(), g_wanted.end(), [&](const auto& w) { return w.first == font; });
  if (it != g_wanted.end()) {
    wanted.swap(it->second);
    g_wanted.erase(it);
  }
  return wanted;
}

}  // namespace ui
