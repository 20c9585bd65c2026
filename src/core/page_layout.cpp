// Lays out an issue's reading page: masthead text, articles, afterword.
//
// [SECTION] Builder: paragraphs, blocks, decorations
// [SECTION] The page
//
// Finding lines, boxes and places in a laid-out page: page_queries.cpp.

#include "core/page_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/export.hpp"
#include "core/utf8.hpp"

namespace digest {

// A column narrower than its longest measure holds a whole number of characters, as
// Japanese typesetting sets a line's length (字詰め): the slack of a window between two
// such measures goes to the margins. So every window of a width class lays the text
// out alike, only centred, and a first screen laid out when the issue is published fits
// all of them (docs/prepaint.md).
PageColumn page_column(const PageStyle& style) {
  const float em = style.font_size;
  const float measure_px = em * style.max_measure_em;
  const float room = style.width - 2 * style.margin;
  const float whole = room >= em ? std::floor(room / em) * em : room;
  PageColumn column;
  column.width = std::max(80.0f, std::min(measure_px, whole));
  column.x = std::max(style.margin, (style.width - column.width) * 0.5f);
  return column;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Builder: paragraphs, blocks, decorations
//-----------------------------------------------------------------------------

// A run of styled text before it is broken into lines.
struct Piece {
  std::string text;
  uint8_t style = kStyleNone;
  int32_t link = -1;  // page link index
};

class PageBuilder {
 public:
  PageBuilder(PageLayout& page, const PageStyle& style, const std::vector<ChecklistItem>* checklist)
      : page_(page), style_(style), checklist_(checklist) {
    const PageColumn column = page_column(style);
    page_.column_width = column.width;
    page_.column_x = column.x;
  }

  // The measures for what is laid out next (a job's each run may bring new objects
  // for the same fonts).
  void set_measures(const TextMeasure& measure, const TextMeasure* bold_measure) {
    measure_ = &measure;
    bold_measure_ = bold_measure;
  }

  float em() const { return style_.font_size; }

  // Sizes snap to a short type scale: fewer sizes read calmer, and every size is a
  // separate set of rasterised glyphs for the renderer.
  float snap(float size) const {
    static constexpr float kScale[] = {0.85f, 0.95f, 1.0f, 1.15f, 1.45f, 1.9f};
    float best = kScale[0] * em();
    for (float step : kScale)
      if (std::fabs(step * em() - size) < std::fabs(best - size)) best = step * em();
    return best;
  }
  float y() const { return y_; }
  void space(float ems) { y_ += ems * em(); }

  int32_t add_link(LinkAction action, std::string href, std::string label = {}, bool button = false) {
    page_.links.push_back(PageLink{action, std::move(href), std::move(label), button});
    return static_cast<int32_t>(page_.links.size() - 1);
  }

  // Pieces from a render-model run list, remapping the document's links.
  std::vector<Piece> pieces(const Document& doc, const std::vector<Run>& runs, uint8_t extra_style = 0) {
    std::vector<Piece> out;
    for (const Run& r : runs) {
      int32_t link = -1;
      if (r.link >= 0) {
        const Link& l = doc.links[static_cast<size_t>(r.link)];
        if (l.live) link = add_link(LinkAction::Open, l.href);
      }
      out.push_back(Piece{r.text, static_cast<uint8_t>(r.style | extra_style), link});
    }
    return out;
  }

  static std::vector<Piece> plain(std::string text, uint8_t style = kStyleNone, int32_t link = -1) {
    return {Piece{std::move(text), style, link}};
  }

  // Titles and headings are set in the bold weight when there is one.
  static bool set_in_bold(TextRole role) {
    return role == TextRole::IssueTitle || role == TextRole::Section || role == TextRole::Title ||
           role == TextRole::Heading || role == TextRole::TableHeader;
  }

  // Titles and headings end their lines at phrase boundaries, and never with one
  // character alone (line_layout.hpp).
  static bool is_heading(TextRole role) {
    return role == TextRole::IssueTitle || role == TextRole::Section || role == TextRole::Title ||
           role == TextRole::Heading;
  }

  // A block whose lines are the next ones appended to block_lines.
  PageBlock new_block(TextRole role, float x, float y, float size, float line_height) const {
    PageBlock block;
    block.role = role;
    block.article = article_;
    block.x = x;
    block.y = y;
    block.size = size;
    block.line_height = line_height;
    block.first_line = static_cast<uint32_t>(page_.block_lines.size());
    return block;
  }

  // Breaks pieces into lines at [x, x + width) and appends them; returns the height.
  float paragraph(const std::vector<Piece>& pieces, TextRole role, float size, float x, float width,
                  float line_height_factor = 0, std::vector<PageBox>* per_line_boxes = nullptr) {
    size = snap(size);
    std::string text;
    struct Range {
      size_t begin, end;
      uint8_t style;
      int32_t link;
    };
    std::vector<Range> ranges;
    for (const Piece& p : pieces) {
      if (p.text.empty()) continue;
      ranges.push_back(Range{text.size(), text.size() + p.text.size(), p.style, p.link});
      text += p.text;
    }
    float line_height = size * (line_height_factor > 0 ? line_height_factor : style_.line_height);
    float top = y_;
    PageBlock block = new_block(role, x, y_, size, line_height);
    block.bold = bold_measure_ && set_in_bold(role);
    const TextMeasure& unit = block.bold ? *bold_measure_ : *measure_;
    LineBreakOptions options;
    options.phrases = !style_.phrase_breaks ? PhraseBreaks::Off
                      : is_heading(role)      ? PhraseBreaks::Heading
                                              : PhraseBreaks::Body;
    for (const LineSpan& line : break_lines(text, ScaledMeasure(unit, size), width, options)) {
      PageLine out;
      out.x = x;
      out.y = y_;
      out.width = line.width;
      out.height = line_height;
      out.size = size;
      out.role = role;
      out.bold = block.bold;
      out.article = article_;
      out.first_span = static_cast<uint32_t>(page_.spans.size());
      size_t base = page_.text.size();
      page_.text.append(text, line.begin, line.end - line.begin);
      for (const Range& r : ranges) {
        size_t b = std::max(r.begin, line.begin), e = std::min(r.end, line.end);
        if (b >= e) continue;
        page_.spans.push_back(PageSpan{static_cast<uint32_t>(base + b - line.begin),
                                       static_cast<uint32_t>(base + e - line.begin), r.style, r.link});
      }
      out.span_count = static_cast<uint32_t>(page_.spans.size()) - out.first_span;
      page_.lines.push_back(out);
      bool space_after = line.end < text.size() && text[line.end] == ' ';
      page_.block_lines.push_back(PageBlockLine{out.first_span, out.span_count, space_after});
      if (per_line_boxes) {
        for (PageBox box : *per_line_boxes) {
          box.y = y_;
          box.h = line_height;
          page_.boxes.push_back(box);
        }
      }
      y_ += line_height;
    }
    block.line_count = static_cast<uint32_t>(page_.block_lines.size()) - block.first_line;
    if (block.line_count) page_.blocks.push_back(block);
    return y_ - top;
  }

  // One positioned line of unbroken text (markers, right-aligned actions).
  void single_line(const std::string& text, TextRole role, float size, float x, float at_y, int32_t link = -1,
                   bool decorative = false) {
    size = snap(size);
    PageLine out;
    out.x = x;
    out.y = at_y;
    out.size = size;
    out.height = size * style_.line_height;
    out.role = role;
    out.article = article_;
    out.first_span = static_cast<uint32_t>(page_.spans.size());
    out.span_count = 1;
    out.width = text_width(text, size);
    uint32_t base = static_cast<uint32_t>(page_.text.size());
    page_.text += text;
    page_.spans.push_back(PageSpan{base, static_cast<uint32_t>(page_.text.size()), kStyleNone, link});
    PageBlock block = new_block(role, x, at_y, size, out.height);
    block.decorative = decorative;
    block.line_count = 1;
    page_.block_lines.push_back(PageBlockLine{out.first_span, 1, false});
    page_.blocks.push_back(block);
    // Keep lines sorted by y: this line may start above the last paragraph line.
    auto at = std::upper_bound(page_.lines.begin(), page_.lines.end(), at_y,
                               [](float v, const PageLine& l) { return v < l.y; });
    page_.lines.insert(at, out);
  }

  // A checklist item's box, left of its text where a marker goes (or in the first line's
  // indent when the item is a plain paragraph), centred on the first line.
  void checkbox(const ChecklistItem& item, size_t index, float size, float& text_x, bool indent) {
    const float side = std::round(0.95f * size);
    if (indent) text_x += side + 0.5f * size;
    const float box_x = text_x - side - 0.4f * size;
    const float box_y = y_ + std::round((size * style_.line_height - side) * 0.5f);
    page_.checks.push_back(
        PageCheck{index, static_cast<size_t>(std::max(article_, 0)), item.key, item.text, box_x, box_y, side});
    PageBlock block = new_block(TextRole::Body, box_x, box_y, side, side);
    block.check = static_cast<int32_t>(page_.checks.size() - 1);
    page_.blocks.push_back(block);
  }

  float text_width(std::string_view text, float size) const {
    size = snap(size);
    float w = 0;
    for (size_t i = 0; i < text.size();) w += measure_->advance(utf8_next(text, i)) * size;
    return w;
  }

  void box(BoxKind kind, float x, float at_y, float w, float h) { page_.boxes.push_back(PageBox{kind, x, at_y, w, h}); }

  // A Markdown document as blocks of this page.
  // `anchor_prefix` (an article id) gives sub-section headings a linkable id and a
  // copy-link action.
  // `checks`: the article's checklist items (their blocks draw a checkbox for a marker).
  void document(const Document& doc, TextRole role, float size, float x, float width, bool commentary = false,
                const std::string& anchor_prefix = std::string(),
                const std::vector<OutlineArticle::Check>* checks = nullptr) {
    DocumentCursor cursor{&doc, role, size, x, width, commentary, anchor_prefix, checks};
    while (document_step(cursor)) {
    }
  }

  // Where a document's layout goes on: its next block (and row, in a table).
  struct DocumentCursor {
    const Document* doc = nullptr;
    TextRole role = TextRole::Body;
    float size = 0, x = 0, width = 0;
    bool commentary = false;
    std::string anchor_prefix;
    const std::vector<OutlineArticle::Check>* checks = nullptr;
    size_t index = 0, next_check = 0;
    size_t table_row = 0, table_columns = 0;
  };
  static constexpr size_t kTableRowsAStep = 200;

  // Lays out the cursor's next block (or the next rows of its table); false once the
  // document is done.
  bool document_step(DocumentCursor& cursor) {
    const Document& doc = *cursor.doc;
    if (cursor.index >= doc.blocks.size()) return false;
    const TextRole role = cursor.role;
    const float size = cursor.size, x = cursor.x, width = cursor.width;
    const bool commentary = cursor.commentary;
    const std::string& anchor_prefix = cursor.anchor_prefix;
    const auto* checks = cursor.checks;
    size_t& next_check = cursor.next_check;
    const size_t index = cursor.index;
    const float indent_step = 1.6f * size;
    const float quote_step = 1.0f * size;
    {
      const Block& block = doc.blocks[index];
      uint32_t quotes = std::min<uint32_t>(block.quote_depth, 6);
      uint32_t lists = std::min<uint32_t>(block.list_depth, 6);
      float bx = x + static_cast<float>(quotes) * quote_step + static_cast<float>(lists) * indent_step;
      float bw = std::max(4 * size, width - (bx - x));
      std::vector<PageBox> decorations;
      if (commentary)
        decorations.push_back(PageBox{BoxKind::CommentaryBackground, x - 0.8f * size, 0, width + 1.6f * size, 0});
      for (uint32_t q = 0; q < quotes; ++q) {
        decorations.push_back(
            PageBox{BoxKind::QuoteBar, x + static_cast<float>(q) * quote_step + 0.15f * size, 0, 3, 0});
      }
      switch (block.kind) {
        case BlockKind::Heading: {
          float hs = size * (block.heading_level <= 2 ? 1.3f : block.heading_level == 3 ? 1.15f : 1.05f);
          space(0.5f);
          if (anchor_prefix.empty()) {
            paragraph(pieces(doc, block.runs, kStyleStrong), TextRole::Heading, hs, bx, bw, 1.5f, &decorations);
            break;
          }
          std::string id = anchor_prefix + "-s" + std::to_string(++sub_sections_);
          const std::string action = "🔗";
          float action_width = text_width(action, size * 0.85f);
          float top = y_;
          page_.targets.push_back(PageTarget{id, static_cast<size_t>(article_), top});
          std::vector<Piece> heading = pieces(doc, block.runs, kStyleStrong);
          // The link is drawn as 🔗 alone: its name says which section it links to.
          std::string label = "この節へのリンク: ";
          for (const Piece& piece : heading) label += piece.text;
          paragraph(std::move(heading), TextRole::Heading, hs, bx, bw - action_width - size, 1.5f, &decorations);
          page_.blocks.back().target = static_cast<int32_t>(page_.targets.size() - 1);
          single_line(action, TextRole::Action, size * 0.85f, x + width - action_width, top + 0.25f * size,
                      add_link(LinkAction::CopyArticleLink, id, std::move(label)));
          break;
        }
        case BlockKind::Paragraph: {
          while (checks && next_check < checks->size() && (*checks)[next_check].block < index) ++next_check;
          if (checks && next_check < checks->size() && (*checks)[next_check].block == index) {
            const float marker_x = bx;
            const size_t item = (*checks)[next_check].item;
            checkbox((*checklist_)[item], item, size, bx, block.marker.empty());
            bw -= bx - marker_x;
          } else if (!block.marker.empty()) {
            float mw = text_width(block.marker, size);
            single_line(block.marker, role, size, bx - mw - 0.35f * size, y_, -1, true);
          }
          paragraph(pieces(doc, block.runs), role, size, bx, bw, 0, &decorations);
          break;
        }
        case BlockKind::Code: {
          float cs = size * 0.92f;
          decorations.push_back(PageBox{BoxKind::CodeBackground, bx - 0.4f * size, 0, bw + 0.8f * size, 0});
          std::string code;
          for (const Run& r : block.runs) code += r.text;
          paragraph(plain(code, kStyleCode), TextRole::Code, cs, bx, bw, 1.5f, &decorations);
          break;
        }
        case BlockKind::Rule:
          box(BoxKind::Rule, bx, y_ + 0.5f * size, bw, 1);
          y_ += size;
          break;
        case BlockKind::Table:
          if (cursor.table_row == 0) cursor.table_columns = table_columns(block);
          cursor.table_row = table_rows(doc, block, cursor.table_columns, size, bx, bw, cursor.table_row,
                                        cursor.table_row + kTableRowsAStep);
          if (cursor.table_row < block.rows.size()) return true;  // more rows in the next step
          cursor.table_row = 0;
          break;
      }
      // List items follow each other closely; other blocks get a paragraph's gap.
      bool next_is_item = index + 1 < doc.blocks.size() && doc.blocks[index + 1].list_depth > 0 && block.list_depth > 0;
      y_ += (next_is_item ? 0.2f : 0.55f) * size;
    }
    return ++cursor.index < doc.blocks.size();
  }

  static size_t table_columns(const Block& block) {
    size_t columns = 0;
    for (const TableRow& row : block.rows) columns = std::max(columns, row.cells.size());
    return columns;
  }

  // Rows [from, to) of a table (the rule above it with the first); returns where the
  // next rows start.
  size_t table_rows(const Document& doc, const Block& block, size_t columns, float size, float x, float width,
                    size_t from, size_t to) {
    to = std::min(to, block.rows.size());
    if (columns == 0) return block.rows.size();
    const float gap = 0.8f * size;
    const float cell_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    if (from == 0) box(BoxKind::TableRule, x, y_, width, 1);
    const size_t first_line = page_.lines.size();
    for (size_t r = from; r < to; ++r) {
      const TableRow& row = block.rows[r];
      float row_top = y_ + 0.25f * size;
      float row_bottom = row_top;
      for (size_t c = 0; c < row.cells.size(); ++c) {
        y_ = row_top;
        float cx = x + static_cast<float>(c) * (cell_width + gap);
        paragraph(pieces(doc, row.cells[c].runs, row.header ? kStyleStrong : 0),
                  row.header ? TextRole::TableHeader : TextRole::TableCell, size, cx, cell_width, 1.6f);
        row_bottom = std::max(row_bottom, y_);
      }
      y_ = row_bottom + 0.25f * size;
      box(BoxKind::TableRule, x, y_, width, 1);
    }
    // Cells were appended column by column: restore y order for the binary search
    // (these rows are below every line before them).
    std::stable_sort(page_.lines.begin() + static_cast<std::ptrdiff_t>(first_line), page_.lines.end(),
                     [](const PageLine& a, const PageLine& b) { return a.y < b.y; });
    return to;
  }

  void set_article(int32_t article) {
    article_ = article;
    sub_sections_ = 0;
  }

 private:
  PageLayout& page_;
  const TextMeasure* measure_ = nullptr;
  const TextMeasure* bold_measure_ = nullptr;
  const PageStyle& style_;
  float y_ = 0;
  int32_t article_ = -1;
  int sub_sections_ = 0;
  const std::vector<ChecklistItem>* checklist_;  // the outline's, or null
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The page
//-----------------------------------------------------------------------------

// What is laid out next: the masthead, then each article's head (meta, title, summary,
// commentary), its body a block at a time and its tail (references, story thread),
// then the afterword and the page's end.
enum class Stage : uint8_t { Masthead, ArticleHead, ArticleBody, ArticleTail, Afterword, End, Done };

struct PageLayoutJob::State {
  State(const Outline& outline, const PageStyle& style, PageLayout& page)
      : outline(outline),
        style(style),
        page(page),
        builder(page, this->style, outline.checklist) {}  // the job's own copy of the style
  const Outline& outline;
  const PageStyle style;
  PageLayout& page;
  PageBuilder builder;
  Stage stage = Stage::Masthead;
  size_t article = 0;  // into outline.articles
  ArticleAnchor anchor;
  PageBuilder::DocumentCursor body;

  void masthead() {
    PageBuilder& b = builder;
    const float em = style.font_size, x = page.column_x, w = page.column_width;
    b.space(1.0f);
    b.paragraph(PageBuilder::plain(outline.title, kStyleStrong), TextRole::IssueTitle, em * 1.9f, x, w, 1.3f);
    b.paragraph(PageBuilder::plain(outline.masthead_meta), TextRole::Meta, em * 0.9f, x, w);
    b.space(0.6f);
    if (!outline.section_heading.empty()) {
      b.paragraph(PageBuilder::plain(outline.section_heading, kStyleStrong), TextRole::Section, em * 1.1f, x, w);
    }
  }

  void article_head(const OutlineArticle& entry) {
    PageBuilder& b = builder;
    const Article& a = *entry.article;
    const float em = style.font_size, x = page.column_x, w = page.column_width;
    b.box(BoxKind::Rule, x, b.y() + 0.6f * em, w, 1);
    b.space(1.4f);
    anchor = ArticleAnchor();
    anchor.article = entry.index;
    anchor.top = b.y();
    b.set_article(static_cast<int32_t>(entry.index));

    const std::string meta =
        entry.badge + (entry.badge.empty() ? "" : " ・ ") + std::to_string(entry.minutes) + "分で読めます";
    const std::string action = "🔗 リンクをコピー";
    float action_width = b.text_width(action, em * 0.85f);
    float meta_top = b.y();
    b.paragraph(PageBuilder::plain(meta), TextRole::Meta, em * 0.85f, x, w - action_width - em);
    b.single_line(action, TextRole::Action, em * 0.85f, x + w - action_width, meta_top,
                  b.add_link(LinkAction::CopyArticleLink, a.id, "リンクをコピー", true));
    b.paragraph(PageBuilder::plain(a.title, kStyleStrong), TextRole::Title, em * 1.45f, x, w, 1.45f);
    if (!entry.byline.empty()) b.paragraph(PageBuilder::plain(entry.byline), TextRole::Meta, em * 0.85f, x, w);
    b.space(0.5f);
    b.document(a.summary.doc, TextRole::Lead, em * 1.04f, x, w);
    if (!a.commentary.empty()) {
      b.space(0.2f);
      b.document(a.commentary.doc, TextRole::Commentary, em * 0.95f, x + 0.2f * em, w - 0.4f * em, true);
      b.space(0.3f);
    }
    const auto* checks = entry.checks.empty() || !outline.checklist ? nullptr : &entry.checks;
    body = PageBuilder::DocumentCursor{&a.body.doc, TextRole::Body, em, x, w, false, a.id, checks};
  }

  void article_tail(const OutlineArticle& entry) {
    PageBuilder& b = builder;
    const float em = style.font_size, x = page.column_x, w = page.column_width;
    if (!entry.references.empty()) {
      b.paragraph(PageBuilder::plain("参考", kStyleStrong), TextRole::Heading, em * 0.95f, x, w, 1.5f);
      for (const OutlineReference& ref : entry.references) {
        std::vector<Piece> pieces;
        int32_t link = ref.href.empty() ? -1 : b.add_link(LinkAction::Open, ref.href);
        pieces.push_back(Piece{ref.title, kStyleNone, link});
        if (!ref.host.empty()) pieces.push_back(Piece{" — " + ref.host, kStyleNone, -1});
        float marker_width = b.text_width("・", em * 0.95f);
        b.single_line("・", TextRole::Reference, em * 0.95f, x, b.y(), -1, true);
        b.paragraph(pieces, TextRole::Reference, em * 0.95f, x + marker_width, w - marker_width);
      }
    }
    // The story thread: a dated timeline of the earlier articles, then the later ones,
    // each opening its issue in the viewer.
    for (const ThreadSection& section : thread_sections(*entry.article)) {
      b.space(0.3f);
      b.paragraph(PageBuilder::plain(std::string(section.heading), kStyleStrong), TextRole::Heading, em * 0.95f, x, w,
                  1.5f);
      for (const ThreadEntry& e : *section.entries) {
        const int32_t link = b.add_link(LinkAction::OpenIssue, e.issue + "#" + e.article);
        const float marker_width = b.text_width("・", em * 0.95f);
        b.single_line("・", TextRole::Reference, em * 0.95f, x, b.y(), -1, true);
        b.paragraph({Piece{e.date + "　", kStyleNone, -1}, Piece{e.title, kStyleNone, link}}, TextRole::Reference,
                    em * 0.95f, x + marker_width, w - marker_width);
      }
    }
    anchor.bottom = b.y();
    page.anchors.push_back(anchor);
    b.set_article(-1);
  }

  void afterword() {
    PageBuilder& b = builder;
    const float em = style.font_size, x = page.column_x, w = page.column_width;
    const OutlineAfterword& aw = *outline.afterword;
    page.afterword_top = b.y();
    b.box(BoxKind::Rule, x, b.y() + 0.6f * em, w, 1);
    b.space(1.6f);
    b.paragraph(PageBuilder::plain(aw.heading, kStyleStrong), TextRole::Title, em * 1.25f, x, w, 1.5f);
    b.space(0.3f);
    b.document(*aw.body, TextRole::Body, em, x, w);
    if (!aw.byline.empty()) b.paragraph(PageBuilder::plain(aw.byline), TextRole::Meta, em * 0.85f, x, w);
    page.afterword_bottom = b.y();
  }

  // One step of the page: a part small enough to stop after (a body block, a table's
  // rows, an article's head or tail).
  void step() {
    switch (stage) {
      case Stage::Masthead:
        masthead();
        stage = outline.articles.empty() ? Stage::Afterword : Stage::ArticleHead;
        break;
      case Stage::ArticleHead:
        article_head(outline.articles[article]);
        stage = Stage::ArticleBody;
        break;
      case Stage::ArticleBody:
        if (!builder.document_step(body)) stage = Stage::ArticleTail;
        break;
      case Stage::ArticleTail:
        article_tail(outline.articles[article]);
        stage = ++article < outline.articles.size() ? Stage::ArticleHead : Stage::Afterword;
        break;
      case Stage::Afterword:
        if (outline.afterword) afterword();
        stage = Stage::End;
        break;
      case Stage::End:
        builder.space(3.0f);
        page.height = builder.y();
        stage = Stage::Done;
        break;
      case Stage::Done: break;
    }
  }
};

PageLayoutJob::PageLayoutJob(const Outline& outline, const PageStyle& style, PageLayout& page) {
  page = PageLayout();
  state_ = std::make_unique<State>(outline, style, page);
}

PageLayoutJob::~PageLayoutJob() = default;

bool PageLayoutJob::run(const TextMeasure& measure, const TextMeasure* bold_measure, float until_y,
                        const std::function<bool()>& more) {
  State& s = *state_;
  s.builder.set_measures(measure, bold_measure);
  // `more` may read a clock: asked as soon as the page reaches `until_y`, then every few
  // steps (a step can be one short line, or 200 table rows).
  constexpr int kStepsBetweenAsks = 16;
  int steps = 0;
  while (s.stage != Stage::Done) {
    s.step();
    if (s.builder.y() < until_y || steps++ % kStepsBetweenAsks) continue;
    if (!more()) break;
  }
  if (s.stage != Stage::Done) s.page.height = s.builder.y();
  return s.stage == Stage::Done;
}

bool PageLayoutJob::done() const {
  return state_->stage == Stage::Done;
}

PageLayout layout_page(const Outline& outline, const TextMeasure& measure, const PageStyle& style,
                       const TextMeasure* bold_measure) {
  PageLayout page;
  PageLayoutJob job(outline, style, page);
  job.run(measure, bold_measure, std::numeric_limits<float>::infinity(), [] { return true; });
  return page;
}

}  // namespace digest
