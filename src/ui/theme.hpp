// Light and dark palettes for the reader, and their ImGui style.
#pragma once

#include <imgui.h>

namespace ui {

struct Palette {
  ImU32 background, surface, text, muted, title, accent, link_hover, rule, quote_bar, code_background,
      commentary_background, scrollbar;
  ImU32 hit, hit_current;  // search hit markers behind the text
  ImU32 error_background;  // the banner of a failed load
  ImU32 offline_badge, offline_badge_text;
};

const Palette& palette(bool dark);
// The colour with its alpha multiplied by `alpha`.
ImU32 with_alpha(ImU32 color, float alpha);
// Applies the palette to ImGui's widgets (top bar, table of contents, popups).
void apply_imgui_style(bool dark);

}  // namespace ui
