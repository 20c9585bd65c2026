// The DOM text layer: the laid-out page as HTML whose text sits exactly where the
// canvas draws it (absolutely positioned blocks, our own line breaks), transparent,
// so that screen readers, the browser's find, selection, copy and translation see
// the same text, structure and links as the reader does. Each block carries
// data-box="left top font-size line-height" (CSS px of the page) for the page to apply.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/page_layout.hpp"

namespace digest {

// The whole page; or, given [top, bottom) in page pixels, only the blocks that reach
// into it (a first screen to paint before the canvas is ready).
std::string text_layer_html(const Issue& issue, const PageLayout& page, float top = -1e30f, float bottom = 1e30f);

// The layer in pieces the page adds and drops as the reader scrolls, so a huge issue
// never has all its text in the DOM at once (docs/text-layer.md): whole articles
// together until a piece is about `target_height` px tall; an article taller than
// four times that is cut into several pieces. Blocks [first, last) of
// PageLayout::blocks, in page order; [top, bottom) the page pixels they cover.
struct TextLayerPiece {
  uint32_t first = 0, last = 0;
  float top = 0, bottom = 0;
};
std::vector<TextLayerPiece> text_layer_pieces(const PageLayout& page, float target_height);

// One piece's HTML. A piece that continues an article opens it again without its id
// (the id stays on the piece where the article starts).
// `breaks`: false leaves our line breaks out (a break at a space keeps the space), for
// a first-screen file that holds the text once and each width's breaks apart.
std::string text_layer_piece_html(const Issue& issue, const PageLayout& page, const TextLayerPiece& piece,
                                  bool breaks = true);

// A block's data-box attribute ("left top font-size line-height"): how the page finds
// the element of a block (it is unique among the page's text blocks).
std::string text_layer_box(const PageBlock& block);

// Where the bytes [begin, end) of PageLayout::text lie in the text layer: per block they
// reach into (from `first_block` on), its data-box and the range in its element's text
// content, in UTF-16 code units as the DOM counts them (our line breaks are <br>s, no
// text; a break at a space keeps the space). What a page lights with a DOM Range.
struct TextLayerMark {
  std::string box;
  uint32_t from = 0, to = 0;
};
std::vector<TextLayerMark> text_layer_marks(const PageLayout& page, size_t first_block, uint32_t begin, uint32_t end);

}  // namespace digest
