// An issue's first screens laid out when the issue is published, for the page to paint
// as text before the viewer is ready, at the top or at any article or section a link
// points to: a cold start shows the issue as soon as a static page would, and the
// canvas then draws the same lines under it (docs/prepaint.md).
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
  float height = 1400;        // page pixels a first screen paints (a tall window's)
  ChecklistConfig checklist;  // the site's checklist headings (items drawn with boxes)
  // The text is kept whole up to this many bytes of markup, then cut after the block
  // that passes it (never within the first screen): places past the cut get no first
  // screen, so a huge issue's file stays small.
  size_t max_text_bytes = 256 * 1024;
};

// The file the page reads (format digest-prepaint/2, docs/prepaint.md): the text
// layer's markup of the page once, without line breaks; for each range of window
// widths, where the page sits, where each block is, where its lines break, and where
// a jump to each article, section and the afterword lands. `regular` and `bold`
// measure as the viewer does with the issue's font slices; `known(cp)` says whether a
// character's advance is the same on every platform (a range's page is `covered` only
// down to the first block holding one that is not).
std::string prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                          const std::function<bool(char32_t)>& known, const PrepaintOptions& options = {});

// One window's screen of an issue that has no published file (a `?src=` preview), made
// in the reader's page before the viewer runs (web/prepaint.js, src/platform/
// prepaint_module.cpp): a digest-prepaint/2 file with one entry, for windows `width` px
// wide, at `place` ('' for the top). Only as much of the page is laid out and written
// as that screen needs: `ids` are the places laid out so far, `pageHeight` how far it got.
// "" for a place the issue does not have.
std::string window_prepaint_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                                 const std::function<bool(char32_t)>& known, int width, const std::string& place,
                                 const PrepaintOptions& options = {});

// The top of the issue as the page itself holds it (digest-first-screen/1: `html`, the
// text layer's blocks that start within `height` at some width, and `css`, where they
// sit and where their lines break at each range of widths, by media query), so that
// index.html shows the newest issue before any script or second request (docs/prepaint.md).
// `html` is null (with a `reason`) when a screen holds a character only the platform
// measures.
std::string first_screen_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                              const std::function<bool(char32_t)>& known, const PrepaintOptions& options = {});

// Each article's first screen as its share page holds it (digest-article-screens/1:
// `screens`, by article id, each a digest-first-screen/1 with `place`): the screen a
// jump to the article shows, placed at every window width by its style sheet, the
// scroll included (docs/prepaint.md, "Share pages").
std::string article_screens_json(const Issue& issue, const TextMeasure& regular, const TextMeasure& bold,
                                 const std::function<bool(char32_t)>& known, const PrepaintOptions& options = {});

}  // namespace digest
