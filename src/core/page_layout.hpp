// The reading page of an issue, laid out once per (width, font size, filter) into
// positioned lines and decorations, sorted by y so that drawing touches only what
// is visible. Measurement is injected; the UI only draws what this produces.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/line_layout.hpp"
#include "core/outline.hpp"

namespace digest {

// What a line of text is, so the UI can pick size, weight and colour.
enum class TextRole : uint8_t {
  IssueTitle,  // the digest's name at the top
  Meta,        // date, category badge, reading time, byline, hosts
  Section,     // "🏆 Top Stories"
  Title,       // an article's title
  Lead,        // the summary
  Commentary,  // the editor's comment
  Body,
  Heading,  // a heading inside Markdown
  Code,
  TableHeader,
  TableCell,
  Reference,
  Action,  // "🔗 リンクをコピー"
};

enum class BoxKind : uint8_t { Rule, QuoteBar, CodeBackground, CommentaryBackground, TableRule };

struct PageSpan {
  uint32_t begin = 0, end = 0;  // bytes in PageLayout::text
  uint8_t style = kStyleNone;   // RunStyle bits
  int32_t link = -1;            // index into PageLayout::links
};

struct PageLine {
  float x = 0, y = 0;  // top-left, CSS pixels from the page origin
  float width = 0, height = 0;
  float size = 0;  // font size
  TextRole role = TextRole::Body;
  bool bold = false;  // drawn with the bold font (titles and headings, when there is one)
  uint32_t first_span = 0, span_count = 0;
  int32_t article = -1;  // index into Issue::articles, -1 outside articles
};

struct PageBox {
  BoxKind kind;
  float x, y, w, h;
};

// Open: a URL in a new tab; CopyArticleLink: copies the link to an article (href: its
// id); OpenIssue: an article of another issue in the viewer itself (href: "issue#article").
enum class LinkAction : uint8_t { Open, CopyArticleLink, OpenIssue };

struct PageLink {
  LinkAction action = LinkAction::Open;
  std::string href;     // the URL to open, or the article id to copy a link to
  std::string label;    // what a screen reader says, when the drawn text is only a symbol
  bool button = false;  // a control (リンクをコピー), not a place to go: a <button> in the text layer
};

// A paragraph-like unit of the page (heading, paragraph, list marker, table cell...):
// its lines, for the DOM text layer and for search.
struct PageBlockLine {
  uint32_t first_span = 0, span_count = 0;
  bool space_after = false;  // the line broke at a space (kept when text is copied)
};

struct PageBlock {
  TextRole role = TextRole::Body;
  bool decorative = false;  // list markers: drawn, not read aloud
  bool bold = false;        // set in the bold font
  int32_t article = -1;
  float x = 0, y = 0, size = 0, line_height = 0;
  uint32_t first_line = 0, line_count = 0;  // into PageLayout::block_lines
  int32_t target = -1;                      // index into PageLayout::targets (sub-section headings)
  int32_t check = -1;                       // a checkbox (no lines): index into PageLayout::checks
  float bottom() const { return y + line_height * static_cast<float>(line_count); }
};

// A place inside an article that can be linked to: "<article id>-s<n>" for its n-th
// sub-section heading.
struct PageTarget {
  std::string id;
  size_t article = 0;
  float top = 0;
};

// A checklist item's checkbox, where the list's marker would be: a square `size` px
// wide at (x, y). Whether it is ticked is the reader's, not the layout's.
struct PageCheck {
  size_t item = 0;  // index into Outline::checklist
  size_t article = 0;
  std::string key, name;  // the item's key and text (its checkbox's name)
  float x = 0, y = 0, size = 0;
};

struct ArticleAnchor {
  size_t article = 0;  // index into Issue::articles
  float top = 0, bottom = 0;
};

struct PageStyle {
  float width = 800;          // available width in CSS pixels
  float font_size = 17;       // body text size
  float line_height = 1.8f;   // multiple of the font size (Japanese reads better loose)
  float max_measure_em = 36;  // longest line, in em (about 36 Japanese characters)
  float margin = 16;          // minimum space at the left and right
  bool phrase_breaks = true;  // false: the legal breaks alone (a benchmark's baseline)
};

// The afterword's id in URLs and reading places (no article may take it: articles and
// their sections are found first).
inline constexpr const char* kAfterwordId = "afterword";

// A part of the page by number: an article's index into Issue::articles, or these two.
inline constexpr int32_t kMastheadPart = -1;   // above the first article
inline constexpr int32_t kAfterwordPart = -2;  // the afterword
// Its id in URLs and kept places: the article's id, "" the masthead, "afterword".
std::string part_id(const Issue& issue, int32_t part);

struct PageLayout {
  std::string text;  // all text of the page, lines index into it
  std::vector<PageSpan> spans;
  std::vector<PageLine> lines;  // sorted by y
  std::vector<PageBox> boxes;   // sorted by y
  std::vector<PageLink> links;
  std::vector<PageBlock> blocks;  // in page order
  std::vector<PageBlockLine> block_lines;
  std::vector<ArticleAnchor> anchors;  // in page order
  std::vector<PageTarget> targets;     // in page order
  std::vector<PageCheck> checks;       // in page order (so by y)
  // The afterword (編集後記) after the articles, -1 without one; its id is "afterword".
  float afterword_top = -1, afterword_bottom = -1;
  float column_x = 0, column_width = 0;
  float height = 0;

  // Lines and boxes overlapping [top, bottom): index ranges, found by binary search.
  std::pair<size_t, size_t> visible_lines(float top, float bottom) const;
  std::pair<size_t, size_t> visible_boxes(float top, float bottom) const;
  std::pair<size_t, size_t> visible_checks(float top, float bottom) const;
  // The article at a page y (the last one whose top is above it), or -1.
  int article_at(float y) const;
  // The top of an article, sub-section or "afterword" by its id (the URL fragment), or -1.
  float target_top(const std::string& id, const Issue& issue) const;
};

// The page of an outline laid out a part at a time, from its top: a big issue's first
// screen need not wait for its last article. Each part goes below what is there, so the
// page is usable (lines sorted by y, anchors in order) after every run; its height is
// how far it got until it is done. The outline must outlive the job.
class PageLayoutJob {
 public:
  // Lays out into `page` (emptied now).
  PageLayoutJob(const Outline& outline, const PageStyle& style, PageLayout& page);
  ~PageLayoutJob();
  PageLayoutJob(const PageLayoutJob&) = delete;
  PageLayoutJob& operator=(const PageLayoutJob&) = delete;

  // Lays out more with these measures (as layout_page's; each run may bring new
  // objects for the same fonts): until the page reaches `until_y` (page px), then
  // while `more()` says so (asked every few parts). True once the page is complete.
  bool run(const TextMeasure& measure, const TextMeasure* bold_measure, float until_y,
           const std::function<bool()>& more);
  bool done() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The column a page of `style` is set in (page px): a column narrower than its longest
// measure holds a whole number of characters, centred. The page's only use of
// `style.width`: pages whose columns are as wide are laid out alike, only moved.
struct PageColumn {
  float x = 0, width = 0;
};
PageColumn page_column(const PageStyle& style);

// Lays out the outline of an issue (make_outline). `measure` gives advances for a
// 1-pixel font (they scale with the size). `bold_measure`, when there is a bold
// font, measures titles and headings, which are then set in it; without one they are
// set in the regular font (drawn emboldened).
PageLayout layout_page(const Outline& outline, const TextMeasure& measure, const PageStyle& style,
                       const TextMeasure* bold_measure = nullptr);

}  // namespace digest
