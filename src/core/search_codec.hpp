// The search index's file encoding, shared by its writer (search_index_writer.cpp) and
// its query (search_index.cpp); not part of the core's API. docs/search-index.md says
// what the files hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.hpp"
#include "core/utf8.hpp"

namespace digest::search_codec {

inline constexpr size_t kSegmentSizes[] = {8192, 1024, 128};     // articles; see plan_segments
inline constexpr size_t kListFileTarget = 2048;                  // bytes a list file holds, about
inline constexpr size_t kPositionFileTarget = 8192;              // bytes a position file holds, at most
inline constexpr uint32_t kIdsChunk = 256;                       // articles an ids file names
inline constexpr std::string_view kWriterLayout = "2: ids.txt";  // what the files of a segment are
inline constexpr std::string_view kWholeIdsFile = "ids.txt";     // every article of the segment
inline constexpr size_t kChunksBeforeWhole = 4;                  // more chunks than this: fetch ids.txt
inline constexpr std::string_view kListMagic = "DSL1";
inline constexpr std::string_view kPositionMagic = "DSP1";
inline constexpr std::string_view kIdsHeader = "digest-search/1 ids";
inline constexpr uint8_t kDeltas = 0, kBitmap = 1;  // how a list is stored

inline void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Positions are Rice-coded (a gap g as g >> k in unary, then k low bits), with the
// count per article in Elias gamma: a third smaller than varints, and what a long
// query made of common words pays for.
struct BitWriter {
  std::string bytes;
  size_t bits = 0;
  void put(bool bit) {
    if (bits % 8 == 0) bytes.push_back('\0');
    if (bit) bytes.back() = static_cast<char>(bytes.back() | (1 << (bits % 8)));
    ++bits;
  }
  void put_low(uint32_t v, int n) {
    for (int i = 0; i < n; ++i) put((v >> i) & 1);
  }
  void rice(uint32_t v, int k) {
    for (uint32_t q = v >> k; q > 0; --q) put(true);
    put(false);
    put_low(v, k);
  }
  void gamma(uint32_t v) {  // v >= 1
    int n = 0;
    while ((v >> (n + 1)) != 0) ++n;
    for (int i = 0; i < n; ++i) put(false);
    put(true);
    put_low(v, n);  // the low n bits; the top one is implied
  }
};

inline size_t rice_bits(uint32_t v, int k) {
  return (v >> k) + 1 + static_cast<size_t>(k);
}

// Reads one file's bytes with bounds checks; the first fault is kept with its offset.
struct Reader {
  explicit Reader(std::string_view b) : bytes(b) {}
  std::string_view bytes;
  size_t at = 0;
  std::string fault;

  bool failed() const { return !fault.empty(); }
  void fail(const std::string& what) {
    if (fault.empty()) fault = "byte " + std::to_string(at) + ": " + what;
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.size()) {
        fail("the file ends inside a number");
        return 0;
      }
      const auto b = static_cast<uint8_t>(bytes[at++]);
      v |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("a number is too long");
    return 0;
  }
  // A varint that must be at most `limit`.
  uint32_t count(uint64_t limit, const char* what) {
    uint64_t v = varint();
    if (v > limit) {
      fail(std::string(what) + " " + std::to_string(v) + " is over " + std::to_string(limit));
      return 0;
    }
    return static_cast<uint32_t>(v);
  }
  std::string_view take(size_t n) {
    if (n > bytes.size() - at) {
      fail("the file ends inside a field of " + std::to_string(n) + " bytes");
      at = bytes.size();
      return {};
    }
    std::string_view out = bytes.substr(at, n);
    at += n;
    return out;
  }
};

struct BitReader {
  std::string_view bytes;
  size_t bit = 0;
  bool overrun = false;
  bool get() {
    if (bit >= bytes.size() * 8) {
      overrun = true;
      return false;
    }
    const bool b = (static_cast<uint8_t>(bytes[bit / 8]) >> (bit % 8)) & 1;
    ++bit;
    return b;
  }
  uint32_t get_low(int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint32_t(get()) << i;
    return v;
  }
  uint32_t rice(int k) {
    uint32_t q = 0;
    while (get() && !overrun) ++q;
    return (q << k) | get_low(k);
  }
  uint32_t gamma() {
    int n = 0;
    while (!get() && !overrun && n < 32) ++n;
    if (n >= 32) overrun = true;
    return overrun ? 0 : (uint32_t(1) << n) | get_low(n);
  }
};

inline uint32_t bucket_of(std::string_view gram, uint32_t buckets) {
  return static_cast<uint32_t>(fnv1a(gram) % buckets);
}

inline std::string list_file_name(uint32_t bucket) {
  return "l" + std::to_string(bucket) + ".bin";
}
inline std::string position_file_name(uint32_t file) {
  return "p" + std::to_string(file) + ".bin";
}
inline std::string ids_file_name(uint32_t chunk) {
  return "i" + std::to_string(chunk) + ".txt";
}

inline size_t code_points(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++n) utf8_next(text, i);
  return n;
}

// An ascending article list as deltas or, when smaller, as a bitmap of the segment.
inline std::pair<uint8_t, std::string> encode_list(const std::vector<uint32_t>& articles, uint32_t segment_articles) {
  std::string deltas;
  uint32_t last = 0;
  for (uint32_t a : articles) {
    put_varint(deltas, a - last);
    last = a;
  }
  const size_t bitmap_size = (segment_articles + 7) / 8;
  if (deltas.size() <= bitmap_size) return {kDeltas, deltas};
  std::string bitmap(bitmap_size, '\0');
  for (uint32_t a : articles) bitmap[a / 8] = static_cast<char>(bitmap[a / 8] | (1 << (a % 8)));
  return {kBitmap, bitmap};
}

inline bool decode_list(Reader& in, uint8_t encoding, std::string_view payload, uint32_t count, uint32_t segment_articles,
                 std::vector<uint32_t>& out) {
  out.clear();
  if (encoding == kBitmap) {
    if (payload.size() != (segment_articles + 7) / 8) {
      in.fail("a bitmap list has the wrong size");
      return false;
    }
    for (uint32_t a = 0; a < segment_articles; ++a) {
      if (payload[a / 8] & (1 << (a % 8))) out.push_back(a);
    }
  } else if (encoding == kDeltas) {
    Reader deltas{payload};
    uint64_t at = 0;
    for (uint32_t k = 0; k < count && !deltas.failed(); ++k) {
      at += deltas.varint();
      if (at >= segment_articles || (k > 0 && at == out.back()))
        deltas.fail("a list is not ascending within its segment");
      out.push_back(static_cast<uint32_t>(at));
    }
    if (deltas.failed()) {
      in.fail("in a list: " + deltas.fault);
      return false;
    }
  } else {
    in.fail("unknown list encoding " + std::to_string(encoding));
    return false;
  }
  if (out.size() != count) {
    in.fail("a list holds " + std::to_string(out.size()) + " articles where it says " + std::to_string(count));
    return false;
  }
  return true;
}

}  // namespace digest::search_codec
