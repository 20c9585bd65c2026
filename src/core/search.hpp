// Search that matches the way Japanese readers type: full-width and half-width forms,
// upper and lower case, and hiragana and katakana all match each other.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace digest {

// Text folded for matching, with the original byte offset of every folded byte.
struct FoldedText {
  std::string text;
  std::vector<uint32_t> origin;  // origin[i]: byte in the original where text[i] came from
  uint32_t original_size = 0;
};

// Full-width ASCII → ASCII, U+3000 → space, half-width katakana (with ﾞ/ﾟ) →
// full-width, katakana → hiragana, A-Z → a-z.
FoldedText fold_for_search(std::string_view text);
std::string fold_query(std::string_view query);

struct TextMatch {
  size_t begin = 0, end = 0;  // byte offsets in the original text
};

// Every non-overlapping occurrence of the (already folded) query, in order.
std::vector<TextMatch> find_matches(const FoldedText& haystack, std::string_view folded_query, size_t limit = 10000);

// A short excerpt around a match for result lists, with the match bracketed 【】.
std::string excerpt(std::string_view text, const TextMatch& match, size_t context_chars = 24);

}  // namespace digest
