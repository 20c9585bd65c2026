// Fonts: the bundled Japanese font, and a fallback source that asks the platform to
// draw any character the font lacks (colour emoji, rare kanji), so no character is
// ever shown as a blank or a "?".
#pragma once

#include <functional>
#include <string>

#include "platform/platform.hpp"

struct ImFont;

namespace ui {

using GlyphRasterizer =
    std::function<bool(char32_t, float css_size, float pixel_ratio, platform::RasterGlyph&, bool metrics_only)>;

// Adds the main font (takes ownership of malloc'ed data) merged with the fallback.
ImFont* add_reading_font(void* ttf, int size, float pixel_size, GlyphRasterizer rasterizer);

// Adds the bold weight as a font of its own, with the same fallback.
ImFont* add_bold_font(void* ttf, int size, float pixel_size);

// Characters that neither the font nor the platform could draw (shown as 〓), as
// UTF-8, for diagnostics.
const std::string& missing_glyphs();

}  // namespace ui
