#include "core/view_geometry.hpp"

namespace digest {

ViewGeometry view_geometry(float window_width, float window_height, float font_scale, bool embedded, bool with_issue) {
  ViewGeometry g;
  // Embedded, the host page has the header and there is no contents column.
  g.sidebar = window_width >= kSidebarMinWindow && !embedded && with_issue;
  g.content_x = g.sidebar ? kSidebarWidth : 0;
  g.content_y = embedded ? 0 : kTopBarHeight;
  g.content_width = window_width - g.content_x;
  g.content_height = window_height - g.content_y;
  // Phones: a slightly smaller size and margin, so a line still holds ~22 characters.
  const bool narrow = g.content_width < 480;
  g.style.width = g.content_width;
  g.style.font_size = kBaseFontSize * font_scale * (narrow ? 0.95f : 1.0f);
  g.style.margin = narrow ? 14 : 24;
  return g;
}

}  // namespace digest
