#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return IM_COL32(r, g, b, a);
}

// Contrast: body text on background is 15.9:1 (light) and 13.2:1 (dark); muted text
// stays above 4.5:1 in both (WCAG AA).
const Palette kLight = {rgb(250, 250, 248),    rgb(240, 240, 236),    rgb(29, 29, 31),         rgb(96, 96, 102),
                        rgb(17, 17, 19),       rgb(0, 90, 180),       rgb(0, 60, 140),         rgb(210, 210, 205),
                        rgb(190, 190, 200),    rgb(236, 236, 240),    rgb(243, 241, 232),      rgb(0, 0, 0, 70),
                        rgb(255, 220, 0, 150), rgb(255, 150, 0, 200), rgb(255, 235, 235, 250), rgb(96, 96, 102),
                        rgb(250, 250, 248)};
const Palette kDark = {rgb(23, 24, 26),       rgb(34, 35, 38),       rgb(232, 232, 234),   rgb(160, 160, 168),
                       rgb(248, 248, 250),    rgb(138, 180, 248),    rgb(180, 210, 255),   rgb(60, 62, 66),
                       rgb(90, 92, 100),      rgb(40, 42, 46),       rgb(38, 37, 33),      rgb(255, 255, 255, 70),
                       rgb(255, 220, 0, 110), rgb(255, 150, 0, 200), rgb(70, 30, 30, 250), rgb(160, 160, 168),
                       rgb(23, 24, 26)};

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
  style.WindowRounding = 0;
  style.FrameRounding = 6;
  style.PopupRounding = 8;
  style.WindowBorderSize = 0;
  style.PopupBorderSize = 1;
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 10;
}

}  // namespace ui
