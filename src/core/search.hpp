// Search that matches the way Japanese readers type: full-width and half-width forms,
// upper and lower case, and hiragana and katakana all match each other.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

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

// Archive search: issues kept as plain, folded text only (not their render models),
// so that a 10 MB archive stays small in memory.
namespace digest {

struct ArchiveArticle {
  std::string id, title;
  std::string text;    // title, lead, comment and body as plain text, one block a line
  std::string folded;  // fold_for_search(text).text, for matching
};

struct ArchiveIssue {
  std::string id, date;
  std::vector<ArchiveArticle> articles;  // in reading order
};

ArchiveIssue make_archive_issue(const Issue& issue);

struct ArchiveHit {
  size_t issue = 0, article = 0;  // indices into the archive and its articles
  std::string excerpt;
};

// One hit per matching article, issues in the given order, at most `limit`.
std::vector<ArchiveHit> search_archive(const std::vector<ArchiveIssue>& archive, std::string_view folded_query,
                                       size_t limit = 200);

}  // namespace digest
