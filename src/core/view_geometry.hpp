// Where the reading page sits in the viewer's window and the style it is laid out
// with. The viewer draws by it, and `digest prepaint` lays out an issue's first screen
// by it when the issue is published, so the two agree to the pixel (docs/prepaint.md).
#pragma once

#include "core/page_layout.hpp"
#include "core/shared_constants.hpp"

namespace digest {

inline constexpr float kBaseFontSize = 17.0f;        // body text at text size 1.0, CSS px
inline constexpr float kTopBarHeight = shared::kTopBarHeight;  // the viewer's own bar (none embedded)
inline constexpr float kSidebarWidth = 300.0f;       // the contents column of wide windows
inline constexpr float kSidebarMinWindow = 1100.0f;  // narrower windows get a contents button
// How far above an article's or a section's top a jump lands, so its first line is not
// at the edge (the viewer's jumps, and a deep link's first screen painted before it).
inline constexpr float kJumpMargin = 8.0f;

struct ViewGeometry {
  float content_x = 0, content_y = 0;  // the page's origin in the window, CSS px
  float content_width = 0, content_height = 0;
  bool sidebar = false;
  PageStyle style;  // the page's layout style at this window size
};

// `with_issue`: the sidebar is there only when an issue is open.
ViewGeometry view_geometry(float window_width, float window_height, float font_scale, bool embedded, bool with_issue);

}  // namespace digest
