// Japanese phrase boundaries: where a line break reads naturally (文節). The scores
// are BudouX's Japanese model (npm `budoux`, Apache-2.0), fetched at setup and turned
// into tables at build time (tools/budoux_model.py); the parse is the model's own: a
// boundary before character i when the weighted n-grams around i score above zero.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace digest {

// Byte offsets in `text` where a new phrase begins, ascending, never 0. Works on code
// points (BudouX's JavaScript works on UTF-16 units: the same outside the astral
// planes, whose characters -- emoji -- the model has no scores for). Invalid UTF-8
// decodes as U+FFFD, one byte each.
std::vector<size_t> phrase_starts(std::string_view text);

}  // namespace digest
