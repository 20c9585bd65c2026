// PNG (ISO/IEC 15948) and deflate (RFC 1951), just what the cards need.
//
// [SECTION] Checksums
// [SECTION] Deflate with fixed Huffman codes
// [SECTION] PNG

#include "card/png.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

namespace card {

//-----------------------------------------------------------------------------
// [SECTION] Checksums
//-----------------------------------------------------------------------------

namespace {

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

uint32_t adler32(const std::vector<uint8_t>& data) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < data.size();) {
    // 5552 bytes keep b below 2^32 before the modulo (zlib's NMAX).
    size_t end = std::min(data.size(), i + 5552);
    for (; i < end; ++i) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b << 16) | a;
}

//-----------------------------------------------------------------------------
// [SECTION] Deflate with fixed Huffman codes
//-----------------------------------------------------------------------------

class BitWriter {
 public:
  explicit BitWriter(std::vector<uint8_t>& out) : out_(out) {}
  // Values go least significant bit first (RFC 1951, 3.1.1).
  void bits(uint32_t value, int count) {
    buffer_ |= static_cast<uint64_t>(value) << filled_;
    filled_ += count;
    while (filled_ >= 8) {
      out_.push_back(static_cast<uint8_t>(buffer_));
      buffer_ >>= 8;
      filled_ -= 8;
    }
  }
  // Huffman codes go most significant bit first.
  void code(uint32_t code, int length) {
    uint32_t reversed = 0;
    for (int i = 0; i < length; ++i) reversed |= ((code >> i) & 1u) << (length - 1 - i);
    bits(reversed, length);
  }
  void flush() {
    if (filled_ > 0) out_.push_back(static_cast<uint8_t>(buffer_));
    buffer_ = 0;
    filled_ = 0;
  }

 private:
  std::vector<uint8_t>& out_;
  uint64_t buffer_ = 0;
  int filled_ = 0;
};

// The fixed literal/length code (RFC 1951, 3.2.6).
void put_symbol(BitWriter& w, int symbol) {
  if (symbol < 144)
    w.code(0x30 + symbol, 8);
  else if (symbol < 256)
    w.code(0x190 + symbol - 144, 9);
  else if (symbol < 280)
    w.code(symbol - 256, 7);
  else
    w.code(0xC0 + symbol - 280, 8);
}

constexpr std::array<int, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                             31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<int, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                              2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<int, 30> kDistanceBase = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                               33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                               1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<int, 30> kDistanceExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

void put_match(BitWriter& w, int length, int distance) {
  int l = 28;
  while (kLengthBase[l] > length) --l;
  put_symbol(w, 257 + l);
  w.bits(static_cast<uint32_t>(length - kLengthBase[l]), kLengthExtra[l]);
  int d = 29;
  while (kDistanceBase[d] > distance) --d;
  w.code(static_cast<uint32_t>(d), 5);
  w.bits(static_cast<uint32_t>(distance - kDistanceBase[d]), kDistanceExtra[d]);
}

constexpr int kWindow = 32768, kMinMatch = 3, kMaxMatch = 258, kHashBits = 15, kMaxChain = 48;

uint32_t hash3(const uint8_t* p) {
  return ((p[0] << 10) ^ (p[1] << 5) ^ p[2]) & ((1u << kHashBits) - 1);
}

}  // namespace

std::vector<uint8_t> zlib_compress(const std::vector<uint8_t>& data) {
  std::vector<uint8_t> out = {0x78, 0x9C};  // deflate, 32 KiB window, default level
  BitWriter w(out);
  w.bits(1, 1);  // the final block
  w.bits(1, 2);  // fixed Huffman codes
  // Greedy LZ77: the longest match among the last kMaxChain positions with the same hash.
  std::vector<int32_t> head(size_t{1} << kHashBits, -1), previous(data.size(), -1);
  const int32_t size = static_cast<int32_t>(data.size());
  auto insert = [&](int32_t at) {
    if (at + kMinMatch > size) return;
    uint32_t h = hash3(&data[static_cast<size_t>(at)]);
    previous[static_cast<size_t>(at)] = head[h];
    head[h] = at;
  };
  for (int32_t i = 0; i < size;) {
    int best_length = 0, best_distance = 0;
    if (i + kMinMatch <= size) {
      int32_t candidate = head[hash3(&data[static_cast<size_t>(i)])];
      const int limit = std::min(kMaxMatch, size - i);
      for (int chain = 0; candidate >= 0 && i - candidate <= kWindow && chain < kMaxChain; ++chain) {
        int length = 0;
        while (length < limit && data[static_cast<size_t>(candidate + length)] == data[static_cast<size_t>(i + length)])
          ++length;
        if (length > best_length) {
          best_length = length;
          best_distance = i - candidate;
          if (length == limit) break;
        }
        candidate = previous[static_cast<size_t>(candidate)];
      }
    }
    if (best_length >= kMinMatch) {
      put_match(w, best_length, best_distance);
      for (int k = 0; k < best_length; ++k) insert(i + k);
      i += best_length;
    } else {
      put_symbol(w, data[static_cast<size_t>(i)]);
      insert(i);
      ++i;
    }
  }
  put_symbol(w, 256);  // end of block
  w.flush();
  const uint32_t adler = adler32(data);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(adler >> shift));
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] PNG
//-----------------------------------------------------------------------------

namespace {

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

void put_chunk(std::vector<uint8_t>& out, const char* type, const std::vector<uint8_t>& body) {
  put_u32(out, static_cast<uint32_t>(body.size()));
  const size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), body.begin(), body.end());
  put_u32(out, crc32(&out[start], out.size() - start));
}

uint8_t paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

// Row filters 0-4 of one row; the one with the smallest sum of |signed bytes| wins.
void filter_row(const uint8_t* row, const uint8_t* above, size_t bytes, std::vector<uint8_t>& out) {
  constexpr int kBpp = 3;
  std::array<std::vector<uint8_t>, 5> candidates;
  long best_cost = -1;
  int best = 0;
  for (int f = 0; f < 5; ++f) {
    auto& c = candidates[static_cast<size_t>(f)];
    c.resize(bytes);
    long cost = 0;
    for (size_t i = 0; i < bytes; ++i) {
      const int a = i >= kBpp ? row[i - kBpp] : 0, b = above ? above[i] : 0;
      const int cc = (i >= kBpp && above) ? above[i - kBpp] : 0;
      int predicted = 0;
      switch (f) {
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) / 2; break;
        case 4: predicted = paeth(a, b, cc); break;
        default: break;
      }
      c[i] = static_cast<uint8_t>(row[i] - predicted);
      cost += c[i] < 128 ? c[i] : 256 - c[i];
    }
    if (best_cost < 0 || cost < best_cost) {
      best_cost = cost;
      best = f;
    }
  }
  out.push_back(static_cast<uint8_t>(best));
  out.insert(out.end(), candidates[static_cast<size_t>(best)].begin(), candidates[static_cast<size_t>(best)].end());
}

}  // namespace

std::vector<uint8_t> encode_png(const Image& image) {
  static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<uint8_t> out(kSignature, kSignature + 8);
  std::vector<uint8_t> header;
  put_u32(header, static_cast<uint32_t>(image.width));
  put_u32(header, static_cast<uint32_t>(image.height));
  header.insert(header.end(), {8, 2, 0, 0, 0});  // 8-bit RGB, deflate, adaptive filters, no interlace
  put_chunk(out, "IHDR", header);
  const size_t stride = static_cast<size_t>(image.width) * 3;
  std::vector<uint8_t> filtered;
  filtered.reserve((stride + 1) * static_cast<size_t>(image.height));
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = &image.rgb[static_cast<size_t>(y) * stride];
    filter_row(row, y > 0 ? row - stride : nullptr, stride, filtered);
  }
  put_chunk(out, "IDAT", zlib_compress(filtered));
  put_chunk(out, "IEND", {});
  return out;
}

}  // namespace card
