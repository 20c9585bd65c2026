#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/shared_constants.hpp"

namespace ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return IM_COL32(r, g, b, a);
}

// From 0xRRGGBB, the form of the colours shared with the page (core/shared_constants.hpp).
constexpr ImU32 hex(uint32_t rgb_value) {
  return rgb((rgb_value >> 16) & 0xff, (rgb_value >> 8) & 0xff, rgb_value & 0xff);
}

using namespace digest::shared;

// Contrast: body text on background is 15.9:1 (light) and 13.2:1 (dark); muted text
// stays above 4.5:1 in both (WCAG AA). The colours the page also paints (background,
// surface, text, muted, title, accent) come from src/platform/shared_constants.json.
const Palette kLight = {hex(kLightPage),           hex(kLightSurface),     hex(kLightInk),          hex(kLightMuted),
                        hex(kLightTitle),          hex(kLightLink),        rgb(0, 60, 140),         rgb(210, 210, 205),
                        rgb(190, 190, 200),        rgb(236, 236, 240),     rgb(243, 241, 232),      rgb(0, 0, 0, 70),
                        rgb(255, 220, 0, 150),     rgb(255, 150, 0, 200),  rgb(255, 235, 235, 250), hex(kLightMuted),
                        hex(kLightPage),           rgb(80, 170, 255, 80)};
const Palette kDark = {hex(kDarkPage),        hex(kDarkSurface),     hex(kDarkInk),        hex(kDarkMuted),
                       hex(kDarkTitle),       hex(kDarkLink),        rgb(180, 210, 255),   rgb(60, 62, 66),
                       rgb(90, 92, 100),      rgb(40, 42, 46),       rgb(38, 37, 33),      rgb(255, 255, 255, 70),
                       rgb(255, 220, 0, 110), rgb(255, 150, 0, 200), rgb(70, 30, 30, 250), hex(kDarkMuted),
                       hex(kDarkPage),        rgb(70, 150, 255, 95)};

ImVec4 v(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

}  // namespace

ImU32 with_alpha(ImU32 color, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  c.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

namespace {
float luminance(ImU32 color) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  auto channel = [](float v) { return v <= 0.03928f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f); };
  return 0.2126f * channel(c.x) + 0.7152f * channel(c.y) + 0.0722f * channel(c.z);
}
}  // namespace

float contrast_ratio(ImU32 a, ImU32 b) {
  const float la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ImU32 readable_on(ImU32 color, ImU32 background, ImU32 text) {
  const ImVec4 from = ImGui::ColorConvertU32ToFloat4(color), to = ImGui::ColorConvertU32ToFloat4(text);
  ImU32 mixed = color | IM_COL32_A_MASK;
  for (int step = 1; step <= 10 && contrast_ratio(mixed, background) < 4.5f; ++step) {
    const float t = static_cast<float>(step) / 10.0f;
    mixed = ImGui::ColorConvertFloat4ToU32(
        ImVec4(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, from.z + (to.z - from.z) * t, 1.0f));
  }
  return mixed;
}

const Palette& palette(bool dark) {
  return dark ? kDark : kLight;
}

void apply_imgui_style(bool dark) {
  if (dark)
    ImGui::StyleColorsDark();
  else
    ImGui::StyleColorsLight();
  const Palette& p = palette(dark);
  ImGuiStyle& style = ImGui::GetStyle();
  style.Colors[ImGuiCol_WindowBg] = v(p.background);
  style.Colors[ImGuiCol_ChildBg] = v(p.background);
  style.Colors[ImGuiCol_PopupBg] = v(p.surface);
  style.Colors[ImGuiCol_Text] = v(p.text);
  style.Colors[ImGuiCol_TextDisabled] = v(p.muted);
  style.Colors[ImGuiCol_Separator] = v(p.rule);
  style.Colors[ImGuiCol_Border] = v(p.rule);
  style.Colors[ImGuiCol_Button] = v(p.surface);
  style.Colors[ImGuiCol_Header] = v(p.surface);
  style.Colors[ImGuiCol_CheckMark] = v(p.accent);
  // Panels' title bars in the theme's colours, not Dear ImGui's blue; no resize grips
  // (panels are placed and sized by the viewer).
  style.Colors[ImGuiCol_TitleBg] = v(p.surface);
  style.Colors[ImGuiCol_TitleBgActive] = v(p.surface);
  style.Colors[ImGuiCol_TitleBgCollapsed] = v(p.surface);
  style.Colors[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ResizeGripHovered] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_PlotHistogram] = v(p.accent);  // the saving progress bar
  style.WindowRounding = 0;
  style.FrameRounding = 6;
  style.PopupRounding = 8;
  style.WindowBorderSize = 0;
  style.PopupBorderSize = 1;
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 10;
  // Lines as geometry, not sampled from the font atlas: the atlas grows and moves as
  // glyphs arrive, and a panel's edges showed fragments of glyphs where they sampled it.
  style.AntiAliasedLinesUseTex = false;
}

}  // namespace ui
