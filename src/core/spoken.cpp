// The spoken script of a page (core/spoken.hpp).
//
//   BlockText        a block's text as one string, each byte's place in the page text
//   find_urls        bare URLs in it, to be said as their site's name
//   sentence_ranges  where sentences end (。！？, and the closing brackets after them)
//   speech_of        what a range says
//   SpokenCursor     blocks and table rows → sentences, with pauses and ordinals
#include "core/spoken.hpp"

#include <algorithm>

#include "core/outline.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

// ---- BlockText ---------------------------------------------------------------------

struct Range {
  size_t begin = 0, end = 0;
};

struct BlockText {
  std::string text;
  std::vector<uint32_t> page_at;  // for each byte of text, its byte in PageLayout::text
  std::vector<bool> code;         // for each byte: inside a code span
  std::vector<Range> urls;        // bare URLs, in order
};

// The block's lines joined as the reader reads them: a line that broke at a space gets
// it back, one that broke between characters does not.
BlockText block_text(const PageLayout& page, const PageBlock& block) {
  BlockText out;
  for (uint32_t l = 0; l < block.line_count; ++l) {
    const PageBlockLine& line = page.block_lines[block.first_line + l];
    for (uint32_t s = 0; s < line.span_count; ++s) {
      const PageSpan& span = page.spans[line.first_span + s];
      for (uint32_t b = span.begin; b < span.end; ++b) {
        out.text.push_back(page.text[b]);
        out.page_at.push_back(b);
        out.code.push_back((span.style & kStyleCode) != 0);
      }
    }
    if (line.space_after && !out.text.empty() && l + 1 < block.line_count) {
      out.text.push_back(' ');
      out.page_at.push_back(out.page_at.back());  // lights nothing more than the line's end
      out.code.push_back(false);
    }
  }
  return out;
}

// ---- URLs --------------------------------------------------------------------------

bool starts_with_at(std::string_view text, size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The length of a URL at `at` (http://, https:// or www.), or 0. It runs over ASCII
// that is not a space or a quote, less trailing punctuation (as an autolink ends).
size_t url_length(std::string_view text, size_t at) {
  if (at > 0 && ascii_alnum(text[at - 1])) return 0;
  size_t scheme = starts_with_at(text, at, "https://")  ? 8
                  : starts_with_at(text, at, "http://") ? 7
                  : starts_with_at(text, at, "www.")    ? 4
                                                        : 0;
  if (!scheme) return 0;
  size_t end = at + scheme;
  while (end < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[end]);
    if (c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`') break;
    ++end;
  }
  while (end > at + scheme && std::string_view(".,;:!?)]'*_").find(text[end - 1]) != std::string_view::npos) --end;
  return end > at + scheme ? end - at : 0;
}

std::vector<Range> find_urls(const BlockText& block) {
  std::vector<Range> urls;
  for (size_t i = 0; i < block.text.size();) {
    const size_t length = block.code[i] ? 0 : url_length(block.text, i);
    if (length) {
      urls.push_back(Range{i, i + length});
      i += length;
    } else {
      ++i;
    }
  }
  return urls;
}

// What a URL is called aloud: its host, without "www.".
std::string url_name(std::string_view url) {
  std::string host = starts_with_at(url, 0, "www.") ? std::string(url.substr(0, url.find_first_of("/?#:")))
                                                    : url_host(std::string(url));
  if (starts_with_at(host, 0, "www.")) host.erase(0, 4);
  if (const size_t colon = host.find(':'); colon != std::string::npos) host.erase(colon);
  return host.empty() ? std::string("リンク") : host;
}

// ---- Sentences ---------------------------------------------------------------------

bool is_terminator(char32_t cp) {
  return cp == U'。' || cp == U'！' || cp == U'？' || cp == U'．' || cp == '!' || cp == '?';
}

bool is_closer(char32_t cp) {
  switch (cp) {
    case U'」':
    case U'』':
    case U'）':
    case U'】':
    case U'〕':
    case U'〉':
    case U'》':
    case U'”':
    case U'’':
    case ')':
    case ']':
    case '"':
    case '\'': return true;
    default: return false;
  }
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == U'\u3000';
}

// A place to cut a long sentence after: a comma-like mark or a space.
bool is_pause_mark(char32_t cp) {
  return cp == U'、' || cp == U'，' || cp == ',' || cp == U'；' || cp == ';';
}

// The block's sentences as byte ranges of its text, spaces around them left out, none
// longer than kMaxSpokenChars characters (cut after a comma, a space, or hard). Code
// and URLs are never cut inside unless they alone are too long.
std::vector<Range> sentence_ranges(const BlockText& block) {
  const std::string_view text = block.text;
  std::vector<bool> whole = block.code;  // bytes no sentence ends inside
  std::vector<bool> in_url(text.size(), false);
  for (const Range& url : block.urls)
    for (size_t b = url.begin; b < url.end; ++b) whole[b] = in_url[b] = true;
  std::vector<Range> out;
  size_t start = 0, chars = 0, last_pause = 0, chars_at_pause = 0;
  auto close = [&](size_t end) {
    size_t b = start, e = end;
    while (b < e && text[b] == ' ') ++b;
    while (e > b && text[e - 1] == ' ') --e;
    if (b < e) out.push_back(Range{b, e});
    start = end;
    chars = 0;
    last_pause = 0;
  };
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const char32_t cp = utf8_next(text, i);
    ++chars;
    if (whole[at]) {
      if (chars >= kMaxSpokenChars && (i == text.size() || !in_url[i] || !in_url[at])) close(i);
      continue;
    }
    const bool ascii_full_stop = cp == '.' && (i == text.size() || text[i] == ' ');
    if (is_terminator(cp) || ascii_full_stop) {
      size_t end = i;
      for (size_t j = i; j < text.size();) {
        const char32_t next = utf8_next(text, j);
        if (!is_closer(next) && !is_terminator(next)) break;
        end = j;
      }
      // 「もう遅い。」と言った。 is one sentence: a quotation the sentence goes on from.
      const bool quoted = end > i;
      size_t after = end;
      const char32_t next = end < text.size() ? utf8_next(text, after) : 0;
      i = end;
      if (!(quoted && next >= 0x3041 && next <= 0x309F)) close(end);
      continue;
    }
    if ((is_pause_mark(cp) || is_space(cp)) && chars >= 20) {
      last_pause = i;
      chars_at_pause = chars;
    }
    if (chars >= kMaxSpokenChars) {
      if (last_pause) {
        const size_t carried = chars - chars_at_pause;
        close(last_pause);
        chars = carried;
      } else {
        close(i);
      }
    }
  }
  close(text.size());
  return out;
}

// Characters a voice has no word for, or that only join or vary others.
bool unspoken(char32_t cp) {
  return is_emoji(cp) || cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || cp == 0x20E3 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

// A letter, digit, kana or kanji: a range without one says nothing.
bool wordlike(char32_t cp) {
  return (cp < 0x80 && ascii_alnum(static_cast<char>(cp))) || (cp >= 0xC0 && cp <= 0x24F) ||
         (cp >= 0x370 && cp <= 0x4FF) || (cp >= 0x3040 && cp <= 0x30FA) || (cp >= 0x30FC && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF10 && cp <= 0xFF19) ||
         (cp >= 0xFF21 && cp <= 0xFF5A) || (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

// Appends text as spoken: emoji and joiners dropped, runs of white space one space.
void append_spoken(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = utf8_next(text, i);
    if (unspoken(cp)) continue;
    if (is_space(cp)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    utf8_append(out, cp);
  }
}

std::string finished(std::string speech) {
  while (!speech.empty() && speech.back() == ' ') speech.pop_back();
  size_t lead = 0;
  while (lead < speech.size() && speech[lead] == ' ') ++lead;
  speech.erase(0, lead);
  bool says_something = false;
  for (size_t i = 0; i < speech.size() && !says_something;) says_something = wordlike(utf8_next(speech, i));
  return says_something ? speech : std::string();
}

std::string speech_of(const BlockText& block, Range range) {
  std::string speech;
  size_t i = range.begin;
  while (i < range.end) {
    auto url =
        std::find_if(block.urls.begin(), block.urls.end(), [&](const Range& u) { return i >= u.begin && i < u.end; });
    if (url != block.urls.end()) {
      if (url->begin >= range.begin) {
        if (!speech.empty() && speech.back() != ' ') speech.push_back(' ');
        speech += url_name(std::string_view(block.text).substr(url->begin, url->end - url->begin));
        speech.push_back(' ');
      }
      i = std::min(url->end, range.end);
      continue;
    }
    size_t run_end = i;
    const bool code = block.code[i];
    while (run_end < range.end && block.code[run_end] == code &&
           std::none_of(block.urls.begin(), block.urls.end(), [&](const Range& u) { return u.begin == run_end; }))
      ++run_end;
    const std::string_view run = std::string_view(block.text).substr(i, run_end - i);
    if (code)
      speech += run;  // code is read as written
    else
      append_spoken(speech, run);
    i = run_end;
  }
  return finished(std::move(speech));
}

// ---- Blocks ------------------------------------------------------------------------

int32_t part_of(const PageLayout& page, const PageBlock& block) {
  if (block.article >= 0) return block.article;
  if (page.afterword_top >= 0 && block.y >= page.afterword_top) return kAfterwordPart;
  return kMastheadPart;
}

// The next block that is drawn text (not a marker or a checkbox), or blocks.size().
size_t next_text_block(const PageLayout& page, size_t i) {
  for (++i; i < page.blocks.size(); ++i)
    if (!page.blocks[i].decorative && page.blocks[i].check < 0 && page.blocks[i].line_count) return i;
  return i;
}

bool is_read(const PageLayout& page, size_t i) {
  const PageBlock& block = page.blocks[i];
  if (block.decorative || block.check >= 0 || block.line_count == 0) return false;
  switch (block.role) {
    case TextRole::Meta:
    case TextRole::Action:
    case TextRole::Reference: return false;
    case TextRole::Heading: {
      // 参考 and the story thread's headings head lists of places to go.
      const size_t next = next_text_block(page, i);
      return next == page.blocks.size() || page.blocks[next].role != TextRole::Reference;
    }
    default: return true;
  }
}

uint16_t pause_before(TextRole role) {
  switch (role) {
    case TextRole::Title: return 900;
    case TextRole::Section:
    case TextRole::Heading: return 600;
    case TextRole::TableHeader:
    case TextRole::TableCell: return 150;
    default: return 350;
  }
}

bool is_table(const PageBlock& block) {
  return block.role == TextRole::TableHeader || block.role == TextRole::TableCell;
}

// A table's cells are blocks, a row's side by side at one y, a column's at one x.
bool starts_row(const PageLayout& page, size_t i) {
  return !is_table(page.blocks[i]) || i == 0 || !is_table(page.blocks[i - 1]) ||
         page.blocks[i - 1].y != page.blocks[i].y;
}

size_t row_end(const PageLayout& page, size_t i) {
  size_t end = i + 1;
  while (end < page.blocks.size() && is_table(page.blocks[end]) && page.blocks[end].y == page.blocks[i].y) ++end;
  return end;
}

std::string spoken_block(const PageLayout& page, size_t i) {
  BlockText text = block_text(page, page.blocks[i]);
  text.urls = find_urls(text);
  return speech_of(text, Range{0, text.text.size()});
}

}  // namespace

// ---- SpokenCursor ------------------------------------------------------------------

SpokenCursor::SpokenCursor(const PageLayout& page, size_t first_block) : page_(page), next_(first_block) {
  if (next_ >= page.blocks.size()) return;
  while (!starts_row(page, next_)) --next_;  // a row is read whole
  part_ = part_of(page, page.blocks[next_]);
  // Ordinals count from the part's first block, wherever the reading starts.
  std::vector<SpokenSentence> before;
  for (size_t i = spoken_part_block(page, part_); i < next_;) i = read_block(i, before);
  ordinal_ = static_cast<uint32_t>(before.size());
}

std::vector<SpokenSentence> SpokenCursor::next(size_t max_sentences) {
  std::vector<SpokenSentence> out;
  while (next_ < page_.blocks.size() && (max_sentences == 0 || out.size() < max_sentences)) {
    const int32_t part = part_of(page_, page_.blocks[next_]);
    if (part != part_) {
      part_ = part;
      ordinal_ = 0;
    }
    const size_t had = out.size();
    next_ = read_block(next_, out);
    ordinal_ += static_cast<uint32_t>(out.size() - had);
  }
  return out;
}

void SpokenCursor::learn_headers(size_t row) {
  headers_.clear();
  size_t header = row;
  while (header > 0 && is_table(page_.blocks[header - 1])) --header;  // the table's first row
  if (page_.blocks[header].role != TextRole::TableHeader) return;
  for (size_t c = header, end = row_end(page_, header); c < end; ++c)
    headers_.push_back(Header{page_.blocks[c].x, spoken_block(page_, c)});
}

size_t SpokenCursor::read_block(size_t i, std::vector<SpokenSentence>& out) {
  const PageBlock& block = page_.blocks[i];
  if (is_table(block)) return read_row(i, out);
  in_table_ = false;
  if (!is_read(page_, i)) return i + 1;
  BlockText text = block_text(page_, block);
  if (text.text.empty()) return i + 1;
  SpokenSentence s;
  s.article = part_of(page_, block);
  s.block = static_cast<uint32_t>(i);
  s.pause_ms = pause_before(block.role);
  s.heading = block.role == TextRole::IssueTitle || block.role == TextRole::Section || block.role == TextRole::Title ||
              block.role == TextRole::Heading;
  s.ordinal = ordinal_;
  if (block.role == TextRole::Code) {
    // A program read out character by character helps no one: say that it is there.
    s.speech = "コードが" + std::to_string(block.line_count) + "行あります。";
    s.begin = text.page_at.front();
    s.end = text.page_at.back() + 1;
    out.push_back(std::move(s));
    return i + 1;
  }
  text.urls = find_urls(text);
  for (const Range& r : sentence_ranges(text)) {
    std::string speech = speech_of(text, r);
    if (speech.empty()) continue;
    s.speech = std::move(speech);
    s.begin = text.page_at[r.begin];
    s.end = text.page_at[r.end - 1] + 1;
    out.push_back(s);
    s.pause_ms = 0;
    s.heading = false;
    ++s.ordinal;
  }
  return i + 1;
}

// A row as one sentence: the header row as a list, a body row as its first cell, then
// each other cell after its column's header ("文書の送信、手元のLLMは不要、…"). A row
// too long for one utterance is read a cell a sentence.
size_t SpokenCursor::read_row(size_t i, std::vector<SpokenSentence>& out) {
  const size_t end = row_end(page_, i);
  const bool header_row = page_.blocks[i].role == TextRole::TableHeader;
  if (!in_table_ || header_row) learn_headers(i);
  in_table_ = true;
  struct Cell {
    std::string speech;
    size_t block;
  };
  std::vector<Cell> cells;
  size_t chars = 0;
  for (size_t c = i; c < end; ++c) {
    std::string cell = spoken_block(page_, c);
    if (cell.empty()) continue;
    const auto header =
        std::find_if(headers_.begin(), headers_.end(), [&](const Header& h) { return h.x == page_.blocks[c].x; });
    if (!header_row && c > i && header != headers_.end() && !header->speech.empty())
      cell = header->speech + "は" + cell;
    for (size_t at = 0; at < cell.size(); ++chars) utf8_next(cell, at);
    cells.push_back(Cell{std::move(cell), c});
  }
  const bool whole = chars + cells.size() <= kMaxSpokenChars;
  SpokenSentence s;
  s.article = part_of(page_, page_.blocks[i]);
  s.ordinal = ordinal_;
  s.pause_ms = header_row ? pause_before(TextRole::Body) : pause_before(TextRole::TableCell);
  auto lit = [&](size_t from, size_t to) {  // blocks [from, to] of the row: their bytes, one range
    s.block = static_cast<uint32_t>(from);
    s.begin = page_.spans[page_.block_lines[page_.blocks[from].first_line].first_span].begin;
    const PageBlock& last = page_.blocks[to];
    const PageBlockLine& line = page_.block_lines[last.first_line + last.line_count - 1];
    s.end = page_.spans[line.first_span + line.span_count - 1].end;
  };
  for (size_t k = 0; k < cells.size(); ++k) {
    if (whole) {
      s.speech += (k ? "、" : "") + cells[k].speech;
      if (k + 1 < cells.size()) continue;
      lit(cells.front().block, cells.back().block);
    } else {
      s.speech = cells[k].speech;
      lit(cells[k].block, cells[k].block);
    }
    s.speech += "。";
    out.push_back(s);
    s.pause_ms = 0;
    ++s.ordinal;
  }
  return end;
}

std::string spoken_text(std::string_view text) {
  std::string speech;
  append_spoken(speech, text);
  return finished(std::move(speech));
}

std::vector<SpokenSentence> spoken_script(const PageLayout& page, size_t first_block, size_t max_sentences) {
  return SpokenCursor(page, first_block).next(max_sentences);
}

size_t spoken_start_block(const PageLayout& page, float y) {
  for (size_t i = 0; i < page.blocks.size(); ++i)
    if (page.blocks[i].bottom() > y + 1) return i;
  return page.blocks.size();
}

size_t spoken_part_block(const PageLayout& page, int32_t article) {
  for (size_t i = 0; i < page.blocks.size(); ++i)
    if (part_of(page, page.blocks[i]) == article) return i;
  return page.blocks.size();
}

}  // namespace digest
