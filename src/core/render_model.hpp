// The render model: Markdown parsed once into flat blocks of styled runs.
// Drawing code walks this; it never sees Markdown source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace digest {

enum RunStyle : uint8_t {
  kStyleNone = 0,
  kStyleStrong = 1 << 0,
  kStyleEmphasis = 1 << 1,
  kStyleCode = 1 << 2,
  kStyleStrike = 1 << 3,
};

// A link target after the link policy: `href` is what may be opened; `live` is false
// for anything the policy refused (then the link is drawn as plain text).
struct Link {
  std::string href;
  bool live = false;
};

struct Run {
  std::string text;
  uint8_t style = kStyleNone;
  int32_t link = -1;  // index into Document::links, or -1
};

enum class TableAlign : uint8_t { Default, Left, Center, Right };

struct TableCell {
  std::vector<Run> runs;
};

struct TableRow {
  bool header = false;
  std::vector<TableCell> cells;
};

enum class BlockKind : uint8_t { Heading, Paragraph, Code, Table, Rule };

// Blocks are flat: list and quote nesting is carried as depths so that drawing,
// layout and pathological inputs (50k nested quotes) need no recursion.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  uint8_t heading_level = 0;  // 1..6 for headings
  uint32_t list_depth = 0;    // enclosing list items
  uint32_t quote_depth = 0;   // enclosing block quotes
  std::string marker;         // "・" or "3." on the first block of a list item
  std::string code_language;  // info string of a fenced code block
  std::vector<Run> runs;      // heading, paragraph and code text
  std::vector<TableRow> rows;
  std::vector<TableAlign> aligns;
};

struct Document {
  std::vector<Block> blocks;
  std::vector<Link> links;

  bool empty() const { return blocks.empty(); }
  // All text of the document, blocks separated by newlines (for search and tests).
  std::string plain_text() const;
};

// Parses CommonMark (+ tables, strikethrough, permissive autolinks; raw HTML shown as
// text). Never fails: any input yields a document. When md4c stops (out of memory, or
// more than `max_blocks` blocks), the document is the text as written, a paragraph a
// line. Input must be valid UTF-8.
inline constexpr size_t kMaxMarkdownBlocks = 100000;
Document parse_markdown(std::string_view markdown, size_t max_blocks = kMaxMarkdownBlocks);

// A stable, readable dump of a document for spec tests, one line per block/run.
std::string dump_document(const Document& doc);

}  // namespace digest
