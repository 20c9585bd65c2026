// Light and dark palettes for the reader, and their ImGui style.
#pragma once

#include <imgui.h>

namespace ui {

struct Palette {
  ImU32 background, surface, text, muted, title, accent, link_hover, rule, quote_bar, code_background,
      commentary_background, scrollbar;
};

const Palette& palette(bool dark);
// Applies the palette to ImGui's widgets (top bar, table of contents, popups).
void apply_imgui_style(bool dark);

}  // namespace ui
