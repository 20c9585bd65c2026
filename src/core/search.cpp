#include "core/search.hpp"

#include <string_view>

#include "core/utf8.hpp"

namespace digest {

namespace {

// Half-width katakana U+FF66..U+FF9D as full-width katakana.
constexpr char32_t kHalfwidthKatakana[] = {
    U'ヲ', U'ァ', U'ィ', U'ゥ', U'ェ', U'ォ', U'ャ', U'ュ', U'ョ', U'ッ', U'ー', U'ア', U'イ', U'ウ',
    U'エ', U'オ', U'カ', U'キ', U'ク', U'ケ', U'コ', U'サ', U'シ', U'ス', U'セ', U'ソ', U'タ', U'チ',
    U'ツ', U'テ', U'ト', U'ナ', U'ニ', U'ヌ', U'ネ', U'ノ', U'ハ', U'ヒ', U'フ', U'ヘ', U'ホ', U'マ',
    U'ミ', U'ム', U'メ', U'モ', U'ヤ', U'ユ', U'ヨ', U'ラ', U'リ', U'ル', U'レ', U'ロ', U'ワ', U'ン'};

// Kana whose voiced form (゛) is the next code point.
bool voiceable(char32_t k) {
  return std::u32string_view(U"カキクケコサシスセソタチツテトハヒフヘホ").find(k) != std::u32string_view::npos;
}

char32_t fold(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
  if (cp == 0x3000) cp = ' ';
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  if (cp >= 0x30A1 && cp <= 0x30F6) cp -= 0x60;  // katakana → hiragana (ヴ → ゔ, ヵ → ゕ)
  return cp;
}

}  // namespace

FoldedText fold_for_search(std::string_view text) {
  FoldedText out;
  out.text.reserve(text.size());
  out.origin.reserve(text.size());
  out.original_size = static_cast<uint32_t>(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = utf8_next(text, i);
    if (cp >= 0xFF66 && cp <= 0xFF9D) {
      cp = kHalfwidthKatakana[cp - 0xFF66];
      // A following half-width (semi-)voiced mark combines with it.
      size_t j = i;
      char32_t mark = j < text.size() ? utf8_next(text, j) : 0;
      if (mark == 0xFF9E && cp == U'ウ') {
        cp = U'ヴ';
        i = j;
      } else if (mark == 0xFF9E && voiceable(cp)) {
        cp += 1;
        i = j;
      } else if (mark == 0xFF9F && cp >= U'ハ' && cp <= U'ホ' && (cp - U'ハ') % 3 == 0) {
        cp += 2;
        i = j;
      }
    } else if (cp == 0xFF9E) {
      cp = U'゛';
    } else if (cp == 0xFF9F) {
      cp = U'゜';
    }
    size_t before = out.text.size();
    utf8_append(out.text, fold(cp));
    for (size_t k = before; k < out.text.size(); ++k) out.origin.push_back(static_cast<uint32_t>(start));
  }
  return out;
}

std::string fold_query(std::string_view query) {
  FoldedText folded = fold_for_search(query);
  // Leading and trailing spaces are not part of what the reader looks for.
  size_t b = folded.text.find_first_not_of(' ');
  if (b == std::string::npos) return std::string();
  size_t e = folded.text.find_last_not_of(' ');
  return folded.text.substr(b, e - b + 1);
}

std::vector<TextMatch> find_matches(const FoldedText& haystack, std::string_view folded_query, size_t limit) {
  std::vector<TextMatch> matches;
  if (folded_query.empty()) return matches;
  for (size_t at = haystack.text.find(folded_query); at != std::string::npos && matches.size() < limit;
       at = haystack.text.find(folded_query, at + folded_query.size())) {
    size_t end = at + folded_query.size();
    size_t original_end = end < haystack.origin.size() ? haystack.origin[end] : haystack.original_size;
    matches.push_back(TextMatch{haystack.origin[at], original_end});
  }
  return matches;
}

std::string excerpt(std::string_view text, const TextMatch& match, size_t context_chars) {
  size_t begin = match.begin, end = match.end;
  for (size_t n = 0; n < context_chars && begin > 0; ++n) {
    begin = utf8_boundary_before(text, begin - 1);
  }
  for (size_t n = 0; n < context_chars && end < text.size(); ++n) utf8_next(text, end);
  std::string out = begin > 0 ? "…" : "";
  for (size_t i = begin; i < end; ++i) {
    if (i == match.begin) out += "【";
    if (i == match.end) out += "】";
    out += text[i] == '\n' ? ' ' : text[i];
  }
  if (match.end >= end) out += "】";
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace digest

namespace digest {

ArchiveIssue make_archive_issue(const Issue& issue) {
  ArchiveIssue out;
  out.id = issue.id;
  out.date = issue.date;
  for (size_t i : issue.reading_order()) {
    const Article& a = issue.articles[i];
    ArchiveArticle entry;
    entry.id = a.id;
    entry.title = a.title;
    entry.text = a.title;
    for (const MarkdownText* part : {&a.summary, &a.commentary, &a.body}) {
      if (part->empty()) continue;
      entry.text += '\n';
      entry.text += part->doc.plain_text();
    }
    entry.folded = fold_for_search(entry.text).text;
    out.articles.push_back(std::move(entry));
  }
  return out;
}

std::vector<ArchiveHit> search_archive(const std::vector<ArchiveIssue>& archive, std::string_view folded_query,
                                       size_t limit) {
  std::vector<ArchiveHit> hits;
  if (folded_query.empty()) return hits;
  for (size_t i = 0; i < archive.size() && hits.size() < limit; ++i) {
    for (size_t k = 0; k < archive[i].articles.size() && hits.size() < limit; ++k) {
      const ArchiveArticle& a = archive[i].articles[k];
      if (a.folded.find(folded_query) == std::string::npos) continue;
      // Only a matching article is folded again, with the byte mapping, for its excerpt.
      auto matches = find_matches(fold_for_search(a.text), folded_query, 1);
      hits.push_back(ArchiveHit{i, k, matches.empty() ? a.title : excerpt(a.text, matches[0])});
    }
  }
  return hits;
}

}  // namespace digest
