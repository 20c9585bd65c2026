// HTML and plain-text exports of an issue.
//
// [SECTION] Shared helpers
// [SECTION] HTML
// [SECTION] Plain text

#include "core/export.hpp"

#include "core/line_layout.hpp"
#include "core/outline.hpp"
#include "core/utf8.hpp"

namespace digest {

//-----------------------------------------------------------------------------
// [SECTION] Shared helpers
//-----------------------------------------------------------------------------

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c; break;
    }
  }
  return out;
}

int reading_minutes(const Article& article) {
  size_t wide = 0, words = 0;
  auto count = [&](const std::string& s) {
    bool in_word = false;
    for (size_t i = 0; i < s.size();) {
      char32_t cp = utf8_next(s, i);
      if (cell_width(cp) == 2) {
        ++wide;
        in_word = false;
      } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
        if (!in_word) ++words;
        in_word = true;
      } else {
        in_word = false;
      }
    }
  };
  count(article.title);
  count(article.summary.source);
  count(article.commentary.source);
  count(article.body.source);
  double minutes = static_cast<double>(wide) / 500.0 + static_cast<double>(words) / 200.0;
  int rounded = static_cast<int>(minutes + 0.5);
  return rounded < 1 ? 1 : rounded;
}

//-----------------------------------------------------------------------------
// [SECTION] HTML
//-----------------------------------------------------------------------------

namespace {

void html_runs(std::string& out, const Document& doc, const std::vector<Run>& runs) {
  for (const auto& run : runs) {
    std::string open, close;
    auto wrap = [&](uint8_t bit, const char* tag) {
      if (run.style & bit) {
        open += std::string("<") + tag + ">";
        close = std::string("</") + tag + ">" + close;
      }
    };
    wrap(kStyleStrong, "strong");
    wrap(kStyleEmphasis, "em");
    wrap(kStyleCode, "code");
    wrap(kStyleStrike, "del");
    std::string text = escape_html(run.text);
    for (size_t p = 0; (p = text.find('\n', p)) != std::string::npos; p += 5) text.replace(p, 1, "<br>");
    const Link* link = run.link >= 0 ? &doc.links[static_cast<size_t>(run.link)] : nullptr;
    if (link && link->live) {
      out += "<a href=\"" + escape_html(link->href) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + open +
             text + close + "</a>";
    } else {
      out += open + text + close;
    }
  }
}

// `checks`: an article's checklist items, drawn as checkboxes a static page cannot tick.
void html_document(std::string& out, const Document& doc, int heading_shift, const OutlineArticle* checks = nullptr,
                   const Outline* outline = nullptr) {
  uint32_t open_quotes = 0;
  size_t next_check = 0;
  for (size_t index = 0; index < doc.blocks.size(); ++index) {
    const Block& b = doc.blocks[index];
    // Quotes are flattened to a depth; rebuild a bounded number of <blockquote>s.
    uint32_t want = b.quote_depth > 16 ? 16 : b.quote_depth;
    for (; open_quotes < want; ++open_quotes) out += "<blockquote>";
    for (; open_quotes > want; --open_quotes) out += "</blockquote>";
    std::string indent;
    if (b.list_depth)
      indent = " style=\"margin-left:" + std::to_string((b.list_depth > 16 ? 16 : b.list_depth) * 2) + "em\"";
    switch (b.kind) {
      case BlockKind::Heading: {
        int level = b.heading_level + heading_shift;
        level = level > 6 ? 6 : level;
        std::string tag = "h" + std::to_string(level);
        out += "<" + tag + indent + ">";
        html_runs(out, doc, b.runs);
        out += "</" + tag + ">\n";
        break;
      }
      case BlockKind::Paragraph:
        out += "<p" + indent + ">";
        while (checks && next_check < checks->checks.size() && checks->checks[next_check].block < index) ++next_check;
        if (checks && outline && outline->checklist && next_check < checks->checks.size() &&
            checks->checks[next_check].block == index) {
          const ChecklistItem& item = (*outline->checklist)[checks->checks[next_check].item];
          out += "<input type=\"checkbox\" disabled aria-label=\"" + escape_html(item.text) + "\"> ";
        } else if (!b.marker.empty()) {
          out += "<span class=\"marker\">" + escape_html(b.marker) + "</span> ";
        }
        html_runs(out, doc, b.runs);
        out += "</p>\n";
        break;
      case BlockKind::Code: {
        std::string code;
        for (const auto& r : b.runs) code += r.text;
        out += "<pre" + indent + "><code>" + escape_html(code) + "</code></pre>\n";
        break;
      }
      case BlockKind::Rule: out += "<hr>\n"; break;
      case BlockKind::Table:
        out += "<table>\n";
        for (const auto& row : b.rows) {
          out += "<tr>";
          for (const auto& cell : row.cells) {
            out += row.header ? "<th>" : "<td>";
            html_runs(out, doc, cell.runs);
            out += row.header ? "</th>" : "</td>";
          }
          out += "</tr>\n";
        }
        out += "</table>\n";
        break;
    }
  }
  for (; open_quotes > 0; --open_quotes) out += "</blockquote>";
}

const char* kPageStyle =
    "body{font-family:'BIZ UDPGothic',sans-serif;line-height:1.8;max-width:42em;margin:0 auto;padding:1em;"
    "color:#1d1d1f;background:#fff;line-break:strict;overflow-wrap:anywhere}"
    "@media(prefers-color-scheme:dark){body{color:#e8e8ea;background:#17181a}a{color:#8ab4f8}}"
    "article{border-top:1px solid #8884;margin-top:2em}.badge{font-size:.9em;opacity:.8}"
    ".lead{font-weight:bold}.byline{opacity:.8}.commentary{border-left:3px solid #8886;padding-left:1em}"
    "h1,h2,h3{word-break:auto-phrase;text-wrap:balance}p,li{text-wrap:pretty}table{border-collapse:collapse}"
    "td,th{border:1px solid #8886;padding:.2em .5em}pre{overflow:auto}.archive li{margin:.6em 0}";

}  // namespace

namespace {

// "✍ name" as the byline is kept for the canvas; a browser draws U+270D as a plain
// text symbol unless asked for its emoji form (U+FE0F), as the viewer shows it.
std::string byline_html(const std::string& byline) {
  const std::string hand = "\u270D";
  std::string out = byline;
  if (out.rfind(hand, 0) == 0 && out.compare(hand.size(), 3, "\uFE0F") != 0) out.insert(hand.size(), "\uFE0F");
  return "<p class=\"byline\">" + escape_html(out) + "</p>\n";
}

}  // namespace

std::string article_html(const OutlineArticle& entry, int title_level, const Outline* outline) {
  std::string out;
  const Article& a = *entry.article;
  out += "<article id=\"" + escape_html(a.id) + "\">\n";
  out += "<p class=\"badge\">" + escape_html(entry.badge) + (entry.badge.empty() ? "" : " ・ ") +
         std::to_string(entry.minutes) + "分で読めます</p>\n";
  const std::string tag = "h" + std::to_string(title_level);
  out += "<" + tag + ">" + escape_html(a.title) + "</" + tag + ">\n";
  if (!entry.byline.empty()) out += byline_html(entry.byline);
  out += "<div class=\"lead\">";
  html_document(out, a.summary.doc, 2);
  out += "</div>\n";
  if (!a.commentary.empty()) {
    out += "<div class=\"commentary\">";
    html_document(out, a.commentary.doc, 2);
    out += "</div>\n";
  }
  html_document(out, a.body.doc, 0, &entry, outline);
  if (!entry.references.empty()) {
    out += "<h3>参考</h3><ul>";
    for (const OutlineReference& ref : entry.references) {
      out += "<li>";
      if (!ref.href.empty()) {
        out += "<a href=\"" + escape_html(ref.href) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" +
               escape_html(ref.title) + "</a>";
        if (!ref.host.empty()) out += " — " + escape_html(ref.host);
      } else {
        out += escape_html(ref.title);
      }
      out += "</li>";
    }
    out += "</ul>\n";
  }
  // The story thread: links to the other issues' static pages beside this one.
  for (const ThreadSection& section : thread_sections(a)) {
    out += "<h3>" + std::string(section.heading) + "</h3><ul class=\"thread\">";
    for (const ThreadEntry& e : *section.entries)
      out += "<li><time datetime=\"" + escape_html(e.date) + "\">" + escape_html(e.date) + "</time>　<a href=\"" +
             escape_html(e.issue) + ".html#" + escape_html(e.article) + "\">" + escape_html(e.title) + "</a></li>";
    out += "</ul>\n";
  }
  out += "</article>\n";
  return out;
}

const char* page_style() {
  return kPageStyle;
}

std::string export_html(const Issue& issue, std::string_view head_extra, const ChecklistConfig& checklist_config) {
  const std::vector<ChecklistItem> checklist = checklist_items(issue, checklist_config);
  const Outline outline = make_outline(issue, {}, &checklist);
  std::string out;
  out += "<!doctype html>\n<html lang=\"" + escape_html(issue.lang.empty() ? "ja" : issue.lang) + "\">\n<head>\n";
  out += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_html(outline.title + " " + outline.date) + "</title>\n";
  out.append(head_extra);
  out += std::string("<style>") + kPageStyle + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + escape_html(outline.title) + "</h1><p><time datetime=\"" + escape_html(outline.date) + "\">" +
         escape_html(outline.masthead_meta) + "</time></p></header>\n<main>\n";
  if (!outline.section_heading.empty()) {
    out += "<nav><h2>" + escape_html(outline.section_heading) + "</h2><ol>";
    for (const OutlineArticle& entry : outline.articles) {
      out +=
          "<li><a href=\"#" + escape_html(entry.article->id) + "\">" + escape_html(entry.article->title) + "</a></li>";
    }
    out += "</ol></nav>\n";
  }
  for (const OutlineArticle& entry : outline.articles) out += article_html(entry, 2, &outline);
  if (outline.afterword) {
    const OutlineAfterword& aw = *outline.afterword;
    out += "<aside id=\"afterword\"><h2>" + escape_html(aw.heading) + "</h2>\n";
    html_document(out, *aw.body, 2);
    if (!aw.byline.empty()) out += byline_html(aw.byline);
    out += "</aside>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string export_index_html(const ArchiveIndex& index) {
  const std::string title =
      index.issues.empty() || index.issues.front().title.empty() ? std::string("Digest") : index.issues.front().title;
  std::string out = "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_html(title) + " ・ 号の一覧</title>\n";
  // The archive page is issues/index.html of a site: its feeds are one folder up.
  out += "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../feed.xml\" title=\"" + escape_html(title) +
         "\">\n";
  out += std::string("<style>") + kPageStyle + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + escape_html(title) + "</h1><p>号の一覧</p></header>\n<main>\n<ol class=\"archive\">\n";
  for (const IndexEntry& entry : index.issues) {
    std::string page = entry.path;
    const std::string_view json = ".json";
    if (page.size() > json.size() && page.compare(page.size() - json.size(), json.size(), json) == 0) {
      page.replace(page.size() - json.size(), json.size(), ".html");
    }
    out += "<li><a href=\"" + escape_html(page) + "\"><time datetime=\"" + escape_html(entry.date) + "\">" +
           escape_html(entry.date) + "</time> " + escape_html(entry.title) + "</a>";
    if (!entry.headline.empty()) out += "<br>" + escape_html(entry.headline);
    out += "</li>\n";
  }
  out += "</ol>\n</main>\n</body>\n</html>\n";
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Plain text
//-----------------------------------------------------------------------------

namespace {

// Writes until `max_bytes`, then nothing more (full()): output stays bounded whatever
// the issue (9 MB of "***" rules at 1,000 columns would otherwise be 1.8 GB).
class TextWriter {
 public:
  TextWriter(int columns, size_t max_bytes) : columns_(columns < 8 ? 8 : columns), max_bytes_(max_bytes) {}

  bool full() const { return out_.size() >= max_bytes_; }

  // Wraps `text` with `first_prefix` on the first line and `prefix` on the rest.
  void paragraph(std::string_view text, const std::string& first_prefix = "", const std::string& prefix = "") {
    if (full()) return;
    int prefix_width = display_width(prefix);
    int first_width = display_width(first_prefix);
    float room = static_cast<float>(columns_ - (first_width > prefix_width ? first_width : prefix_width));
    if (room < 4) room = 4;
    bool first = true;
    for (const LineSpan& line : break_lines(text, measure_, room)) {
      out_ += first ? first_prefix : prefix;
      out_ += text.substr(line.begin, line.end - line.begin);
      out_ += '\n';
      first = false;
    }
  }

  void blank() {
    if (!out_.empty() && out_.compare(out_.size() >= 2 ? out_.size() - 2 : 0, 2, "\n\n") != 0) out_ += '\n';
  }

  void rule(const char* glyph) {
    if (full()) return;
    for (int i = 0; i < columns_; ++i) out_ += glyph;
    out_ += '\n';
  }

  void document(const Document& doc) {
    for (const auto& b : doc.blocks) {
      if (full()) return;
      std::string prefix;
      for (uint32_t q = 0; q < b.quote_depth && q < 8; ++q) prefix += "> ";
      for (uint32_t l = 1; l < b.list_depth && l < 8; ++l) prefix += "  ";
      std::string text;
      for (const auto& r : b.runs) text += r.text;
      switch (b.kind) {
        case BlockKind::Heading:
          blank();
          paragraph(text, prefix + "■ ", prefix + "  ");
          break;
        case BlockKind::Rule: rule("-"); break;
        case BlockKind::Code:
          for (size_t s = 0, e; s <= text.size(); s = e + 1) {
            e = text.find('\n', s);
            if (e == std::string::npos) e = text.size();
            out_ += prefix + "    " + text.substr(s, e - s) + "\n";
          }
          break;
        case BlockKind::Table:
          for (const auto& row : b.rows) {
            std::string line;
            for (const auto& cell : row.cells) {
              line += line.empty() ? "| " : " | ";
              for (const auto& r : cell.runs) line += r.text;
            }
            paragraph(line + " |", prefix, prefix);
          }
          break;
        case BlockKind::Paragraph:
          if (!b.marker.empty()) {
            std::string hang(static_cast<size_t>(display_width(b.marker)) + 1, ' ');
            paragraph(text, prefix + b.marker + " ", prefix + hang);
          } else {
            paragraph(text, prefix, prefix);
          }
          break;
      }
    }
  }

  std::string take() {
    if (out_.size() > max_bytes_) out_.resize(utf8_boundary_before(out_, max_bytes_));
    return std::move(out_);
  }

 private:
  int columns_;
  size_t max_bytes_;
  CellMeasure measure_;
  std::string out_;
};

}  // namespace

std::string render_text(const Issue& issue, int columns, size_t max_bytes, bool* cut) {
  const Outline outline = make_outline(issue);
  TextWriter w(columns, max_bytes);
  w.paragraph(outline.title + "  " + outline.date);
  w.rule("=");
  if (!outline.section_heading.empty()) {
    w.blank();
    w.paragraph(outline.section_heading);
  }
  for (const OutlineArticle& entry : outline.articles) {
    const Article& a = *entry.article;
    w.blank();
    w.rule("-");
    if (!entry.badge.empty()) w.paragraph(entry.badge);
    w.paragraph(a.title);
    w.paragraph("(" + std::to_string(entry.minutes) + "分で読めます)");
    if (!entry.byline.empty()) w.paragraph(entry.byline);
    w.blank();
    w.document(a.summary.doc);
    w.blank();
    w.document(a.commentary.doc);
    w.document(a.body.doc);
    if (!entry.references.empty()) {
      w.blank();
      w.paragraph("参考:");
      for (const OutlineReference& ref : entry.references) {
        w.paragraph(ref.href.empty() ? ref.title : ref.title + " <" + ref.href + ">", "・", "  ");
      }
    }
    for (const ThreadSection& section : thread_sections(a)) {
      w.blank();
      w.paragraph(std::string(section.heading) + ":");
      for (const ThreadEntry& e : *section.entries) w.paragraph(e.date + " " + e.title, "・", "  ");
    }
  }
  if (outline.afterword) {
    const OutlineAfterword& aw = *outline.afterword;
    w.blank();
    w.rule("=");
    w.paragraph(aw.heading);
    w.blank();
    w.document(*aw.body);
    if (!aw.byline.empty()) w.paragraph(aw.byline);
  }
  if (cut) *cut = w.full();
  return w.take();
}

}  // namespace digest
