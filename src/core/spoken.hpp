// What 「読み上げ」 says: a laid-out page as sentences for the platform's speech, each
// with the bytes of the page it lights while spoken. Made from the page's own blocks
// (which the outline made), so the voice, the canvas and the text layer cannot drift.
//
// What is read: the title, the section heading, each article's title, summary,
// editor's comment and body (headings, paragraphs, list items, table cells), the
// afterword. What is not: dates, badges and reading times, bylines, list markers, the
// 🔗 control, the references and story-thread lists (places to go, not prose). In what
// is read, emoji are dropped, a bare URL becomes its site's name, code is read as
// written, and a code block is announced, not spelled out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/page_layout.hpp"

namespace digest {

// Longest utterance, in characters: Chrome ends an utterance after about 15 s, and a
// Japanese voice says about 8 characters a second at 1×.
inline constexpr size_t kMaxSpokenChars = 100;

struct SpokenSentence {
  std::string speech;               // what the voice says
  int32_t article = kMastheadPart;  // Issue::articles index, or kMastheadPart / kAfterwordPart
  uint32_t ordinal = 0;             // its place among its article's sentences (stable across widths)
  uint32_t block = 0;               // PageLayout::blocks
  uint32_t begin = 0, end = 0;      // bytes of PageLayout::text lit while it is spoken
  uint16_t pause_ms = 0;            // silence before it: between blocks, longer before a title
  bool heading = false;             // a title or heading starts here: where "next section" goes
};

// Reads a page from a block on, a few sentences at a time, in reading order: a big
// issue's script is made as it is spoken, not all at once. A page still being laid out
// gives what is there. Ordinals count from the part's first block, so starting
// mid-article numbers the sentences as a start at its top would. The page must outlive
// the cursor and not be laid out again meanwhile (then make a new one).
class SpokenCursor {
 public:
  SpokenCursor(const PageLayout& page, size_t first_block);
  // Up to `max_sentences` more (0: all the rest), ending where a block or a table row ends.
  std::vector<SpokenSentence> next(size_t max_sentences);
  bool done() const { return next_ >= page_.blocks.size(); }
  size_t next_block() const { return next_; }

 private:
  struct Header {
    float x = 0;  // its column's left edge
    std::string speech;
  };
  size_t read_block(size_t i, std::vector<SpokenSentence>& out);
  size_t read_row(size_t i, std::vector<SpokenSentence>& out);
  void learn_headers(size_t row);

  const PageLayout& page_;
  size_t next_ = 0;
  int32_t part_ = kMastheadPart;
  uint32_t ordinal_ = 0;
  bool in_table_ = false;
  std::vector<Header> headers_;  // of the table being read
};

// The sentences of blocks [first_block, end) (SpokenCursor's), `max_sentences` or all.
std::vector<SpokenSentence> spoken_script(const PageLayout& page, size_t first_block = 0, size_t max_sentences = 0);

// One text as spoken (emoji dropped, URLs as their host, white space collapsed);
// code spans are not known here, so this is for plain strings (titles, tests).
std::string spoken_text(std::string_view text);

// Where a reading from page height `y` (the top of the screen) starts: the first block
// that begins at or below it (page.blocks.size() past the end).
size_t spoken_start_block(const PageLayout& page, float y);

// Where a kept place (an article, or kMastheadPart / kAfterwordPart, and an ordinal)
// is read from: the first block of that part, to give spoken_script, whose sentence of
// that ordinal is the one to start at. page.blocks.size() when the page has no such
// part (yet).
size_t spoken_part_block(const PageLayout& page, int32_t article);

}  // namespace digest
