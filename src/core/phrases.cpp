#include "core/phrases.hpp"

#include <algorithm>
#include <cstdint>

#include "core/utf8.hpp"

namespace digest {

namespace {

// One n-gram's scores in each of its feature groups, keyed by its code points packed
// 21 bits apiece (tools/budoux_model.py).
template <size_t N>
struct PhraseRow {
  uint64_t key;
  int16_t score[N];
};

#include "budoux_ja.inc"

template <size_t N, size_t M>
const int16_t* find_row(const PhraseRow<N> (&table)[M], uint64_t key) {
  const PhraseRow<N>* row =
      std::lower_bound(table, table + M, key, [](const PhraseRow<N>& r, uint64_t k) { return r.key < k; });
  return row != table + M && row->key == key ? row->score : nullptr;
}

}  // namespace

std::vector<size_t> phrase_starts(std::string_view text) {
  std::vector<char32_t> cps;
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size();) {
    offsets.push_back(i);
    cps.push_back(utf8_next(text, i));
  }
  const size_t n = cps.size();
  // Each n-gram's row, looked up once: a boundary's score reads six characters, three
  // pairs and four triples around it.
  std::vector<const int16_t*> one(n), two(n), three(n);
  for (size_t j = 0; j < n; ++j) {
    one[j] = find_row(kPhrase1Gram, cps[j]);
    if (j + 1 < n) two[j] = find_row(kPhrase2Gram, (uint64_t{cps[j]} << 21) | cps[j + 1]);
    if (j + 2 < n)
      three[j] = find_row(kPhrase3Gram, (uint64_t{cps[j]} << 42) | (uint64_t{cps[j + 1]} << 21) | cps[j + 2]);
  }
  auto score = [](const int16_t* row, size_t column) -> int64_t { return row ? row[column] : 0; };
  std::vector<size_t> starts;
  for (size_t i = 1; i < n; ++i) {
    int64_t sum = 0;
    // UW1..UW6: the characters at i-3 .. i+2.
    for (size_t c = 0; c < 6; ++c)
      if (i + c >= 3 && i + c - 3 < n) sum += score(one[i + c - 3], c);
    // BW1..BW3: the pairs starting at i-2 .. i; TW1..TW4: the triples at i-3 .. i.
    for (size_t c = 0; c < 3; ++c)
      if (i + c >= 2) sum += score(two[i + c - 2], c);
    for (size_t c = 0; c < 4; ++c)
      if (i + c >= 3) sum += score(three[i + c - 3], c);
    // BudouX: base score -total/2, a boundary when the sum goes above it.
    if (2 * sum > kPhraseModelTotal) starts.push_back(offsets[i]);
  }
  return starts;
}

}  // namespace digest
