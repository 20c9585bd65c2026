#include "core/text_layer.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "core/export.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

const char* element_for(const PageBlock& block) {
  if (block.decorative) return "span";
  switch (block.role) {
    case TextRole::IssueTitle: return "h1";
    case TextRole::Section:
    case TextRole::Title: return "h2";
    case TextRole::Heading: return "h3";
    case TextRole::Code: return "pre";
    default: return "p";
  }
}

const char* class_for(TextRole role) {
  switch (role) {
    case TextRole::Meta: return "meta";
    case TextRole::Lead: return "lead";
    case TextRole::Commentary: return "commentary";
    case TextRole::Reference: return "reference";
    case TextRole::Action: return "action";
    case TextRole::TableHeader:
    case TextRole::TableCell: return "cell";
    default: return nullptr;
  }
}

// Runs as HTML. Links and styles left open at the end of a line continue on the
// next one: one <a> or <strong> across our line break, as a reader hears it.
class BlockWriter {
 public:
  BlockWriter(const PageLayout& page, std::string& out) : page_(page), out_(out) {}

  void span(const PageSpan& s) {
    if (s.link != open_link_) {
      close();
      if (s.link >= 0) open_link(s.link);
    }
    if (s.style != open_style_) {
      close_style();
      open_style(s.style);
    }
    out_ += escape_html(std::string_view(page_.text).substr(s.begin, s.end - s.begin));
  }

  void close() {
    close_style();
    if (open_link_ >= 0) out_ += page_.links[static_cast<size_t>(open_link_)].button ? "</button>" : "</a>";
    open_link_ = -1;
  }

 private:
  static constexpr struct {
    uint8_t bit;
    const char* tag;
  } kStyles[] = {{kStyleStrong, "strong"}, {kStyleEmphasis, "em"}, {kStyleCode, "code"}, {kStyleStrike, "del"}};

  void open_style(uint8_t style) {
    for (const auto& st : kStyles)
      if (style & st.bit) out_ += std::string("<") + st.tag + ">";
    open_style_ = style;
  }

  void close_style() {
    for (auto it = std::rbegin(kStyles); it != std::rend(kStyles); ++it)
      if (open_style_ & it->bit) out_ += std::string("</") + it->tag + ">";
    open_style_ = kStyleNone;
  }

  void open_link(int32_t index) {
    const PageLink& link = page_.links[static_cast<size_t>(index)];
    const std::string label = link.label.empty() ? "" : " aria-label=\"" + escape_html(link.label) + "\"";
    if (link.action == LinkAction::Open) {
      out_ += "<a href=\"" + escape_html(link.href) + "\" target=\"_blank\" rel=\"noopener noreferrer\">";
    } else if (link.action == LinkAction::OpenIssue) {
      // Another issue's article: a real address of it in this viewer, which the page's
      // script opens in place (data-issue, data-goto).
      const size_t hash = link.href.find('#');
      const std::string issue = link.href.substr(0, hash), article = link.href.substr(hash + 1);
      out_ += "<a href=\"?issue=" + escape_html(issue) + "#" + escape_html(article) + "\" data-issue=\"" +
              escape_html(issue) + "\" data-goto=\"" + escape_html(article) + "\">";
    } else if (link.button) {
      // リンクをコピー: a control; the page's script copies the article's link.
      out_ += "<button type=\"button\" data-copy=\"" + escape_html(link.href) + "\"" + label + ">";
    } else {
      // A section's 🔗: a real link to it, which the page's script copies on click.
      out_ += "<a href=\"#" + escape_html(link.href) + "\" data-copy=\"" + escape_html(link.href) + "\"" + label + ">";
    }
    open_link_ = index;
  }

  const PageLayout& page_;
  std::string& out_;
  int32_t open_link_ = -1;
  uint8_t open_style_ = kStyleNone;
};

// The blocks [first, last) that reach into [top, bottom), wrapped in their articles.
void write_blocks(const Issue& issue, const PageLayout& page, size_t first, size_t last, float top, float bottom,
                  bool breaks, std::string& out) {
  int32_t open_article = -2;  // -2: nothing open yet; -1: outside articles
  bool in_afterword = false;
  for (size_t index = first; index < last; ++index) {
    const PageBlock& block = page.blocks[index];
    if (block.bottom() <= top || block.y >= bottom) continue;
    if (block.article != open_article) {
      if (open_article >= 0) out += "</article>";
      if (block.article >= 0) {
        // The id goes where the article starts; a piece that continues it has none.
        const Article& a = issue.articles[static_cast<size_t>(block.article)];
        const bool continues = index > 0 && page.blocks[index - 1].article == block.article;
        out += continues ? "<article" : "<article id=\"" + escape_html(a.id) + "\"";
        out += " data-article=\"" + escape_html(a.id) + "\" aria-label=\"" + escape_html(a.title) + "\">";
      }
      open_article = block.article;
    }
    if (block.article < 0 && block.role == TextRole::Title && !in_afterword && issue.afterword) {
      out += "<aside id=\"afterword\">";
      in_afterword = true;
    }
    // Where the block sits, as data: the page applies it through the CSSOM, which a
    // strict Content-Security-Policy allows (style="" attributes it would block).
    const std::string box = text_layer_box(block);
    if (block.check >= 0) {
      // A checklist item's box: a real checkbox named by the item; the page's script
      // ticks it as the reader's record says (its key: "article/key").
      const PageCheck& check = page.checks[static_cast<size_t>(block.check)];
      out += std::string("<input type=\"checkbox\" data-box=\"") + box + "\" data-check=\"" +
             escape_html(issue.articles[check.article].id + "/" + check.key) + "\" aria-label=\"" +
             escape_html(check.name) + "\">";
      continue;
    }
    const char* tag = element_for(block);
    out += std::string("<") + tag + " data-box=\"" + box + "\"";
    if (block.target >= 0) out += " id=\"" + escape_html(page.targets[static_cast<size_t>(block.target)].id) + "\"";
    const char* cls = class_for(block.role);
    if (cls || block.bold) {
      out += " class=\"";
      if (cls) out += cls;
      if (block.bold) out += cls ? " bold" : "bold";
      out += "\"";
    }
    if (block.decorative) out += " aria-hidden=\"true\"";
    if (tag[0] == 'h') {
      // A heading's name without our line breaks (some tools read <br> as a space).
      std::string name;
      for (uint32_t l = 0; l < block.line_count; ++l) {
        const PageBlockLine& line = page.block_lines[block.first_line + l];
        for (uint32_t s = 0; s < line.span_count; ++s) {
          const PageSpan& span = page.spans[line.first_span + s];
          name.append(page.text, span.begin, span.end - span.begin);
        }
        if (line.space_after) name += ' ';
      }
      out += " aria-label=\"" + escape_html(name) + "\"";
    }
    out += ">";
    BlockWriter writer(page, out);
    for (uint32_t l = 0; l < block.line_count; ++l) {
      const PageBlockLine& line = page.block_lines[block.first_line + l];
      for (uint32_t s = 0; s < line.span_count; ++s) writer.span(page.spans[line.first_span + s]);
      // Our line breaks: a <br> hidden from assistive technology, so names and
      // read-aloud text flow on as one sentence (copy drops them too); a break at a
      // space keeps the space.
      if (l + 1 < block.line_count && breaks)
        out += line.space_after ? " <br aria-hidden=\"true\">" : "<br aria-hidden=\"true\">";
      else if (l + 1 < block.line_count && line.space_after)
        out += ' ';
    }
    writer.close();
    out += std::string("</") + tag + ">";
  }
  if (open_article >= 0) out += "</article>";
  if (in_afterword) out += "</aside>";
}

}  // namespace

std::string text_layer_box(const PageBlock& block) {
  char box[160];
  std::snprintf(box, sizeof box, "%.2f %.2f %.2f %.2f", block.x, block.y, block.size, block.line_height);
  return box;
}

std::vector<TextLayerMark> text_layer_marks(const PageLayout& page, size_t first_block, uint32_t begin, uint32_t end) {
  std::vector<TextLayerMark> marks;
  for (size_t b = first_block; b < page.blocks.size(); ++b) {
    const PageBlock& block = page.blocks[b];
    if (block.check >= 0 || block.line_count == 0) continue;
    const PageBlockLine& first = page.block_lines[block.first_line];
    if (first.span_count && page.spans[first.first_span].begin >= end) break;  // blocks follow in text order
    TextLayerMark mark{text_layer_box(block), 0, 0};
    bool reached = false;
    uint32_t at = 0;  // UTF-16 units of the element's text so far
    for (uint32_t l = 0; l < block.line_count; ++l) {
      const PageBlockLine& line = page.block_lines[block.first_line + l];
      for (uint32_t s = 0; s < line.span_count; ++s) {
        const PageSpan& span = page.spans[line.first_span + s];
        for (size_t i = span.begin; i < span.end;) {
          const size_t from = i;
          const uint32_t units = utf16_units(utf8_next(page.text, i));
          if (!reached && from >= begin && from < end) {
            mark.from = at;
            reached = true;
          }
          at += units;
          if (from < end) mark.to = at;
        }
      }
      if (line.space_after && l + 1 < block.line_count) ++at;
    }
    if (reached) marks.push_back(std::move(mark));
  }
  return marks;
}

std::string text_layer_html(const Issue& issue, const PageLayout& page, float top, float bottom) {
  std::string out;
  out.reserve(page.text.size() * 2);
  write_blocks(issue, page, 0, page.blocks.size(), top, bottom, true, out);
  return out;
}

std::vector<TextLayerPiece> text_layer_pieces(const PageLayout& page, float target_height) {
  std::vector<TextLayerPiece> pieces;
  TextLayerPiece piece;
  for (uint32_t i = 0; i < page.blocks.size(); ++i) {
    const PageBlock& b = page.blocks[i];
    if (piece.last > piece.first) {
      const float height = piece.bottom - piece.top;
      const bool new_article = b.article != page.blocks[i - 1].article;
      if ((new_article && height >= target_height) || height >= 4 * target_height) {
        pieces.push_back(piece);
        piece.first = i;
      }
    }
    if (piece.last == piece.first) {  // a new piece starts at this block
      piece.top = b.y;
      piece.bottom = b.bottom();
    }
    piece.top = std::min(piece.top, b.y);
    piece.bottom = std::max(piece.bottom, b.bottom());
    piece.last = i + 1;
  }
  if (piece.last > piece.first) pieces.push_back(piece);
  return pieces;
}

std::string text_layer_piece_html(const Issue& issue, const PageLayout& page, const TextLayerPiece& piece,
                                  bool breaks) {
  std::string out;
  const size_t last = std::min<size_t>(piece.last, page.blocks.size());
  write_blocks(issue, page, std::min<size_t>(piece.first, last), last, -1e30f, 1e30f, breaks, out);
  return out;
}

}  // namespace digest
