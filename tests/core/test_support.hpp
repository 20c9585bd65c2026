// Helpers shared by the core tests: fixture paths and file reading.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

namespace digest_test {

inline std::string source_path(const std::string& relative) {
  return std::string(DIGEST_SOURCE_DIR) + "/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline bool file_exists(const std::string& path) {
  return std::ifstream(path).good();
}

}  // namespace digest_test
