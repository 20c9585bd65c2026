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
  ImU32 speaking;  // behind the sentence 読み上げ is saying
};

const Palette& palette(bool dark);
// The colour with its alpha multiplied by `alpha`.
ImU32 with_alpha(ImU32 color, float alpha);
// `color` made readable as text on `background`: mixed towards `text` until its
// contrast is at least 4.5:1 (WCAG AA), so a host's pale accent still reads.
ImU32 readable_on(ImU32 color, ImU32 background, ImU32 text);
// WCAG contrast ratio of two opaque colours (1-21).
float contrast_ratio(ImU32 a, ImU32 b);
// Applies the palette to ImGui's widgets (top bar, table of contents, popups).
void apply_imgui_style(bool dark);

}  // namespace ui
