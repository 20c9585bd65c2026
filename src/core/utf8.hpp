// UTF-8 decoding, validation and display width. No allocation unless asked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace digest {

constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[i] and advances i past it. Invalid or truncated
// sequences (overlongs, surrogates, > U+10FFFF) yield U+FFFD and advance one byte.
char32_t utf8_next(std::string_view s, size_t& i);

// The start of the character that byte `pos` belongs to: `pos` itself when it begins
// one, else the lead byte before it (s.size() when pos is past the end). Cutting at
// it never splits a character.
size_t utf8_boundary_before(std::string_view s, size_t pos);

// Appends the UTF-8 encoding of cp (U+FFFD for surrogates and out-of-range values).
void utf8_append(std::string& out, char32_t cp);

// True when s is well-formed UTF-8. Otherwise *bad_offset gets the first bad byte.
bool utf8_valid(std::string_view s, size_t* bad_offset = nullptr);

// Terminal cells a code point takes: 0 for combining marks, joiners and variation
// selectors, 2 for East Asian wide/fullwidth characters and emoji, else 1.
int cell_width(char32_t cp);

// Emoji the platform draws in colour (the viewer's fonts have none): the pictographic
// planes and the symbol blocks that have emoji.
bool is_emoji(char32_t cp);

// The advance, in em, the viewer gives a character its fonts lack, which the platform
// draws: fixed for emoji (1.25, about a colour emoji's own width) and wide characters
// (1), so that lines break the same on every platform and at every pixel ratio, and a
// layout made when the issue is published matches the viewer's. 0 for zero-width
// characters. Negative when only the platform knows (narrow characters of other scripts).
float platform_advance_em(char32_t cp);

// Sum of cell_width over the decoded string.
int display_width(std::string_view s);

// `text` safe to print on a terminal: C0 and C1 controls, DEL, line separators and
// the bidirectional controls (which reorder or restyle what follows them) become a
// visible \u001B; invalid UTF-8 becomes U+FFFD. '\n' and '\t' stay when `keep_layout`.
std::string printable(std::string_view text, bool keep_layout = false);

// UTF-16 code units, as the page's script counts text: of one code point, and of UTF-8 text.
inline uint32_t utf16_units(char32_t cp) {
  return cp > 0xFFFF ? 2 : 1;
}
uint32_t utf16_length(std::string_view text);

// Counts code points; a line/column pair is given in code points, 1-based.
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition text_position(std::string_view text, size_t byte_offset);

}  // namespace digest
