// Markdown → render model, with md4c's callbacks building flat blocks.
//
// [SECTION] Builder state
// [SECTION] md4c callbacks
// [SECTION] Public entry points and dump

#include <md4c.h>

#include <cstdio>

#include "core/link_policy.hpp"
#include "core/render_model.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Builder state
//-----------------------------------------------------------------------------

struct ListFrame {
  bool ordered = false;
  unsigned next_number = 1;
};

struct Builder {
  Document doc;
  std::vector<ListFrame> lists;  // open lists, innermost last
  uint32_t list_depth = 0;       // open list items
  uint32_t quote_depth = 0;
  std::string pending_marker;  // marker for the first block of the current list item
  std::string pending_code_language;

  // Inline state.
  Block* current = nullptr;            // block receiving text, if any
  std::vector<Run>* target = nullptr;  // where runs go (block runs or a table cell)
  uint8_t style = kStyleNone;
  int32_t link = -1;
  bool pending_soft_break = false;

  // Table state.
  bool in_table_head = false;

  size_t max_blocks = 0;  // parse_markdown's limit; exceeding it stops the parse

  Block& open_block(BlockKind kind) {
    Block b;
    b.kind = kind;
    b.list_depth = list_depth;
    b.quote_depth = quote_depth;
    b.marker = std::move(pending_marker);
    pending_marker.clear();
    doc.blocks.push_back(std::move(b));
    current = &doc.blocks.back();
    target = &current->runs;
    pending_soft_break = false;
    return *current;
  }

  void close_block() {
    current = nullptr;
    target = nullptr;
    pending_soft_break = false;
  }

  // Tight list items carry text without a paragraph block: open one on demand.
  std::vector<Run>& runs() {
    if (!target) open_block(BlockKind::Paragraph);
    return *target;
  }

  void append(std::string_view text) {
    if (text.empty()) return;
    auto& out = runs();
    if (pending_soft_break) {
      pending_soft_break = false;
      // A soft line break joins Japanese lines directly, Latin ones with a space.
      bool wide_before = false;
      if (!out.empty() && !out.back().text.empty()) {
        const std::string& prev = out.back().text;
        size_t i = utf8_boundary_before(prev, prev.size() - 1);
        wide_before = cell_width(utf8_next(prev, i)) == 2;
      }
      size_t j = 0;
      bool wide_after = cell_width(utf8_next(text, j)) == 2;
      if (!(wide_before || wide_after)) append_raw(" ");
    }
    append_raw(text);
  }

  void append_raw(std::string_view text) {
    auto& out = runs();
    if (out.empty() || out.back().style != style || out.back().link != link) {
      out.push_back(Run{std::string(), style, link});
    }
    out.back().text.append(text);
  }
};

// An attribute's text with its character references decoded, once (md4c has already
// resolved backslash escapes and marks the references as MD_TEXT_ENTITY pieces).
std::string attribute_text(const MD_ATTRIBUTE& attr) {
  if (!attr.substr_offsets) return std::string(attr.text, attr.size);
  std::string out;
  for (int i = 0; attr.substr_offsets[i] < attr.size; ++i) {
    const std::string_view piece(attr.text + attr.substr_offsets[i],
                                 attr.substr_offsets[i + 1] - attr.substr_offsets[i]);
    if (attr.substr_types[i] == MD_TEXT_ENTITY)
      out += decode_entities(piece);
    else if (attr.substr_types[i] == MD_TEXT_NULLCHAR)
      utf8_append(out, kReplacementChar);
    else
      out.append(piece);
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] md4c callbacks
//-----------------------------------------------------------------------------

int enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  auto& b = *static_cast<Builder*>(userdata);
  if (b.doc.blocks.size() >= b.max_blocks) return -1;  // md_parse stops and reports it
  switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE:
      ++b.quote_depth;
      b.close_block();
      break;
    case MD_BLOCK_UL:
      b.lists.push_back({false, 1});
      b.close_block();
      break;
    case MD_BLOCK_OL:
      b.lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
      b.close_block();
      break;
    case MD_BLOCK_LI: {
      b.close_block();
      ++b.list_depth;
      if (!b.lists.empty() && b.lists.back().ordered) {
        b.pending_marker = std::to_string(b.lists.back().next_number++) + ".";
      } else {
        b.pending_marker = "・";
      }
      break;
    }
    case MD_BLOCK_HR:
      b.open_block(BlockKind::Rule);
      b.close_block();
      break;
    case MD_BLOCK_H:
      b.open_block(BlockKind::Heading).heading_level =
          static_cast<uint8_t>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
      break;
    case MD_BLOCK_CODE: {
      auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
      b.open_block(BlockKind::Code).code_language = attribute_text(d->lang);
      b.style = kStyleCode;
      break;
    }
    case MD_BLOCK_HTML:  // not produced with MD_FLAG_NOHTML; shown as text if it is
    case MD_BLOCK_P: b.open_block(BlockKind::Paragraph); break;
    case MD_BLOCK_TABLE:
      b.open_block(BlockKind::Table);
      b.target = nullptr;
      break;
    case MD_BLOCK_THEAD: b.in_table_head = true; break;
    case MD_BLOCK_TBODY: b.in_table_head = false; break;
    case MD_BLOCK_TR:
      if (b.current && b.current->kind == BlockKind::Table) {
        b.current->rows.push_back(TableRow{b.in_table_head, {}});
      }
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
      if (!b.current || b.current->kind != BlockKind::Table || b.current->rows.empty()) break;
      auto& row = b.current->rows.back();
      row.cells.emplace_back();
      b.target = &row.cells.back().runs;
      if (b.current->rows.size() == 1) {
        auto align = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
        b.current->aligns.push_back(align == MD_ALIGN_LEFT     ? TableAlign::Left
                                    : align == MD_ALIGN_CENTER ? TableAlign::Center
                                    : align == MD_ALIGN_RIGHT  ? TableAlign::Right
                                                               : TableAlign::Default);
      }
      break;
    }
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* userdata) {
  auto& b = *static_cast<Builder*>(userdata);
  switch (type) {
    case MD_BLOCK_QUOTE:
      if (b.quote_depth > 0) --b.quote_depth;
      b.close_block();
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!b.lists.empty()) b.lists.pop_back();
      b.close_block();
      break;
    case MD_BLOCK_LI:
      if (b.list_depth > 0) --b.list_depth;
      b.pending_marker.clear();
      b.close_block();
      break;
    case MD_BLOCK_CODE:
      b.style = kStyleNone;
      // md4c ends the last code line with a newline; the block boundary already does.
      if (b.current && !b.current->runs.empty() && !b.current->runs.back().text.empty() &&
          b.current->runs.back().text.back() == '\n') {
        b.current->runs.back().text.pop_back();
      }
      b.close_block();
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
    case MD_BLOCK_TABLE: b.close_block(); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      b.target = nullptr;
      b.pending_soft_break = false;
      break;
    default: break;
  }
  return 0;
}

uint8_t span_style(MD_SPANTYPE type) {
  switch (type) {
    case MD_SPAN_STRONG: return kStyleStrong;
    case MD_SPAN_EM: return kStyleEmphasis;
    case MD_SPAN_CODE: return kStyleCode;
    case MD_SPAN_DEL: return kStyleStrike;
    default: return kStyleNone;
  }
}

int enter_span(MD_SPANTYPE type, void* detail, void* userdata) {
  auto& b = *static_cast<Builder*>(userdata);
  if (type == MD_SPAN_A) {
    auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
    LinkVerdict verdict = check_link(attribute_text(d->href));
    b.doc.links.push_back(Link{verdict.live ? verdict.href : std::string(), verdict.live});
    b.link = static_cast<int32_t>(b.doc.links.size() - 1);
  } else if (type == MD_SPAN_IMG) {
    // Images are not loaded; their alt text is shown in their place.
    b.style |= kStyleEmphasis;
  } else {
    b.style |= span_style(type);
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* userdata) {
  auto& b = *static_cast<Builder*>(userdata);
  if (type == MD_SPAN_A) {
    b.link = -1;
  } else if (type == MD_SPAN_IMG) {
    b.style &= static_cast<uint8_t>(~kStyleEmphasis);
  } else {
    b.style &= static_cast<uint8_t>(~span_style(type));
  }
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  auto& b = *static_cast<Builder*>(userdata);
  if (b.current && b.current->kind == BlockKind::Table && !b.target) return 0;
  std::string_view view(text, size);
  switch (type) {
    case MD_TEXT_NULLCHAR: b.append("\xEF\xBF\xBD"); break;
    case MD_TEXT_BR:
      b.append_raw("\n");
      b.pending_soft_break = false;
      break;
    case MD_TEXT_SOFTBR:
      if (b.current && b.current->kind == BlockKind::Code)
        b.append_raw("\n");
      else
        b.pending_soft_break = true;
      break;
    case MD_TEXT_ENTITY: b.append(decode_entities(view)); break;
    default: b.append(view); break;
  }
  return 0;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public entry points and dump
//-----------------------------------------------------------------------------

namespace {

// What the reader gets when md4c gives up (out of memory, or the block limit): the
// text as written, one paragraph per line, never nothing.
Document plain_document(std::string_view markdown) {
  Document doc;
  for (size_t start = 0; start < markdown.size();) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    if (end > start) {
      Block block;
      block.runs.push_back(Run{std::string(markdown.substr(start, end - start)), kStyleNone, -1});
      doc.blocks.push_back(std::move(block));
    }
    start = end + 1;
  }
  return doc;
}

}  // namespace

Document parse_markdown(std::string_view markdown, size_t max_blocks) {
  Builder builder;
  builder.max_blocks = max_blocks;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder) != 0) {
    return plain_document(markdown);
  }
  // Pointers into blocks are not kept past parsing (the vector may have moved).
  return std::move(builder.doc);
}

std::string Document::plain_text() const {
  std::string out;
  auto add_runs = [&](const std::vector<Run>& runs) {
    for (const auto& r : runs) out += r.text;
  };
  for (const auto& block : blocks) {
    if (!out.empty()) out += '\n';
    if (!block.marker.empty()) out += block.marker + " ";
    if (block.kind == BlockKind::Table) {
      for (const auto& row : block.rows) {
        for (size_t c = 0; c < row.cells.size(); ++c) {
          if (c) out += '\t';
          add_runs(row.cells[c].runs);
        }
        out += '\n';
      }
      if (!out.empty() && out.back() == '\n') out.pop_back();
    } else {
      add_runs(block.runs);
    }
  }
  return out;
}

namespace {

void dump_runs(std::string& out, const Document& doc, const std::vector<Run>& runs, const char* indent) {
  for (const auto& r : runs) {
    out += indent;
    std::string kind;
    if (r.style & kStyleStrong) kind += "strong+";
    if (r.style & kStyleEmphasis) kind += "em+";
    if (r.style & kStyleCode) kind += "code+";
    if (r.style & kStyleStrike) kind += "strike+";
    kind = kind.empty() ? "text" : kind.substr(0, kind.size() - 1);
    out += kind;
    if (r.link >= 0) {
      const Link& l = doc.links[static_cast<size_t>(r.link)];
      out += l.live ? " link<" + l.href + ">" : " dead-link";
    }
    out += " \"";
    for (char c : r.text) {
      if (c == '\n')
        out += "\\n";
      else if (c == '"')
        out += "\\\"";
      else
        out += c;
    }
    out += "\"\n";
  }
}

}  // namespace

std::string dump_document(const Document& doc) {
  static const char* kAlign[] = {"default", "left", "center", "right"};
  std::string out;
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case BlockKind::Heading: out += "heading " + std::to_string(b.heading_level); break;
      case BlockKind::Paragraph: out += "paragraph"; break;
      case BlockKind::Code:
        out += "code";
        if (!b.code_language.empty()) out += " " + b.code_language;
        break;
      case BlockKind::Table: out += "table"; break;
      case BlockKind::Rule: out += "rule"; break;
    }
    if (b.list_depth) out += " list=" + std::to_string(b.list_depth);
    if (b.quote_depth) out += " quote=" + std::to_string(b.quote_depth);
    if (!b.marker.empty()) out += " marker=" + b.marker;
    out += "\n";
    if (b.kind == BlockKind::Table) {
      std::string aligns;
      for (auto a : b.aligns) aligns += std::string(aligns.empty() ? "" : ",") + kAlign[static_cast<int>(a)];
      out += "  align " + aligns + "\n";
      for (const auto& row : b.rows) {
        out += row.header ? "  header-row\n" : "  row\n";
        for (const auto& cell : row.cells) {
          out += "    cell\n";
          dump_runs(out, doc, cell.runs, "      ");
        }
      }
    } else {
      dump_runs(out, doc, b.runs, "  ");
    }
  }
  return out;
}

}  // namespace digest
