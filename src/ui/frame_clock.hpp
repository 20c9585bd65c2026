// The one clock of the frame breakdown (ViewerApp::frame_stats): seconds on a steady
// clock, so that the parts timed in different places (layout, glyphs, the atlas upload)
// are measured alike and add up to the frame.
#pragma once

#include <chrono>

namespace ui {

inline double frame_clock_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace ui
