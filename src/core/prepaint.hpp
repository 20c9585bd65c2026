// An issue's first screen laid out when the issue is published, for the page to paint
// as text before the viewer is ready: a cold start shows the issue as soon as a static
// page would, and the canvas then draws the same lines under it (docs/prepaint.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/checklist.hpp"
#include "core/issue.hpp"
#include "core/line_layout.hpp"

namespace digest {

struct PrepaintOptions {
  // Window widths (CSS px) tried: every width in [min_width, max_width], grouped into
  // ranges whose first screens differ only by a horizontal shift. The column holds a
  // whole number of characters (page_layout.cpp), so a range spans at least one
  // character's width of window: 23 ranges from 320 to 2,560 px for the samples.
  int min_width = 320, max_width = 2560;
  float height = 1400;        // page pixels painted, from the top
  ChecklistConfig checklist;  // the site's checklist headings (items drawn with boxes)
};

// The file the page reads (format digest-prepaint/1, docs/prepaint.md): for each range
// of window widths, the text layer's HTML of the first `height` page pixels, where the
// page sits, and the page's height. `regular` and `bold` measure as the viewer does
// with the issue's font slices; `known(cp)` says whether a character's advance is the
// same on every platform (a range whose first screen holds one that is not is left out).
std::string prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                          const std::function<bool(char32_t)>& known, const PrepaintOptions& options = {});

}  // namespace digest
