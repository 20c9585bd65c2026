// Fonts: the bundled Japanese font in slices (fonts/slice.py: slice 0 first, then an
// issue's own slice and frequency slices as they arrive), and a fallback source that
// asks the platform to draw any character no slice has (colour emoji, rare kanji), so
// no character is ever shown as a blank or a "?".
//
// A character a slice holds is left to that slice: while the slice is not loaded, a
// frame that needs the character records it (take_wanted_characters) instead of
// drawing it in the platform's font and switching later.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "platform/platform.hpp"

struct ImFont;

namespace ui {

using GlyphRasterizer =
    std::function<bool(char32_t, float css_size, float pixel_ratio, platform::RasterGlyph&, bool metrics_only)>;

// Adds the main font (its first slice; takes ownership of malloc'ed data) merged
// with the fallback.
ImFont* add_reading_font(void* ttf, int size, float pixel_size, GlyphRasterizer rasterizer);

// The font for glimpses of other issues (search results): the reading font's slices
// (shared, not copied), and any character none of its loaded slices has drawn at once
// by the platform instead of waiting for a slice. A search then fetches no font: its
// rows cost what the index and excerpts cost. Made with the reading font; slices
// added to the reading font are added to it too. Null before the reading font.
ImFont* glimpse_font();

// Adds the bold weight (its first slice) as a font of its own, with the same fallback.
ImFont* add_bold_font(void* ttf, int size, float pixel_size);

// Merges one more slice of the same typeface into `font` (takes ownership of
// malloc'ed data) and discards the font's baked glyphs, so characters drawn before
// it came are drawn again from it. False when the data is not a font.
bool add_font_slice(ImFont* font, void* ttf, int size);

// The characters the slices hold (UTF-8): the fallback leaves these to them. Those the
// platform drew before they were listed are drawn again (every font's bakes discarded:
// true, and the page needs laying out and drawing again).
bool set_sliced_characters(std::string_view utf8);
// The platform draws these after all (their slice could not be fetched); every
// font's baked glyphs are discarded so they are drawn again.
void release_sliced_characters(std::string_view utf8);

// A slice holds `c` and none of `font`'s loaded slices has it (yet).
bool awaits_slice(ImFont* font, char32_t c);

// Of `chars` (UTF-8), those a slice holds and none of `font`'s loaded slices has.
std::string lacking_characters(ImFont* font, std::string_view utf8);

// Characters that frames asked `font` for since the last call, that a slice holds
// and none of its loaded slices has (UTF-8); empty when every glyph drawn was real.
std::string take_wanted_characters(ImFont* font);

// Time spent making glyphs (stb_truetype's rasterising and measuring of the slices,
// the platform's for the rest), all told, in seconds: for the frame breakdown.
double glyph_seconds();

// Characters that neither the font nor the platform could draw (shown as 〓), as
// UTF-8, for diagnostics.
const std::string& missing_glyphs();
// Characters the platform's font drew (emoji, characters no slice has, and those of
// a slice that could not be fetched), as UTF-8, for tests.
const std::string& platform_glyphs();

}  // namespace ui
