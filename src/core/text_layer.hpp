// The DOM text layer: the laid-out page as HTML whose text sits exactly where the
// canvas draws it (absolutely positioned blocks, our own line breaks), transparent,
// so that screen readers, the browser's find, selection, copy and translation see
// the same text, structure and links as the reader does. Each block carries
// data-box="left top font-size line-height" (CSS px of the page) for the page to apply.
#pragma once

#include <string>

#include "core/issue.hpp"
#include "core/page_layout.hpp"

namespace digest {

// The whole page; or, given [top, bottom) in page pixels, only the blocks that reach
// into it (a first screen to paint before the canvas is ready).
std::string text_layer_html(const Issue& issue, const PageLayout& page, float top = -1e30f, float bottom = 1e30f);

}  // namespace digest
