// FNV-1a, 64 bits: the core's one hash for short keys and names (checklist item keys,
// search index buckets, segment and source hashes). Stable across builds and
// platforms: what it makes is stored in files and in the reader's IndexedDB.
#pragma once

#include <cstdint>
#include <string_view>

namespace digest {

inline uint64_t fnv1a(std::string_view bytes, uint64_t hash = 0xcbf29ce484222325ull) {
  for (char c : bytes) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace digest
