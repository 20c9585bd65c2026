// A small PNG writer for the preview cards: 8-bit RGB, per-row filters chosen by the
// usual minimum-sum heuristic, deflate with fixed Huffman codes and LZ77 matching.
// On the cards this comes out about 10% larger than zlib at level 6 (measured), with
// no zlib to link (Emscripten's port would need the network).
#pragma once

#include <cstdint>
#include <vector>

namespace card {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // width * height * 3, rows top to bottom
};

std::vector<uint8_t> encode_png(const Image& image);

// zlib stream (RFC 1950) of `data`, deflated (RFC 1951) with fixed Huffman codes.
std::vector<uint8_t> zlib_compress(const std::vector<uint8_t>& data);

}  // namespace card
