// The helpers of cli.hpp: messages, input within the cap, loading with problems said,
// options, files.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/cli.hpp"
#include "core/utf8.hpp"

namespace cli {

using namespace digest;

std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

void say(std::ostream& out, const std::string& line) {
  out << printable(line) << "\n";
}

namespace {

std::string too_large(const std::string& size) {
  return "the file is " + size + " bytes; the limit is " + std::to_string(kMaxInputBytes) +
         " bytes. Split it into smaller issues";
}

}  // namespace

bool read_input(const std::string& path, std::string& out, std::string& error) {
  out.clear();
  int fd = 0;
  if (path != "-") {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      error = display_name(path) + ": cannot open the file (" + std::strerror(errno) + ")";
      return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      const bool directory = S_ISDIR(st.st_mode);
      ::close(fd);
      error = display_name(path) + (directory ? ": is a directory; give an issue file (digest index reads a directory)"
                                              : ": not a regular file (a FIFO, device or socket); give an issue file");
      return false;
    }
    if (static_cast<unsigned long long>(st.st_size) > kMaxInputBytes) {
      ::close(fd);
      error = display_name(path) + ": " + too_large(std::to_string(st.st_size));
      return false;
    }
  }
  char buffer[1 << 16];
  while (out.size() <= kMaxInputBytes) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = display_name(path) + ": cannot read the file (" + std::strerror(errno) + ")";
      if (fd != 0) ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  if (fd != 0) ::close(fd);
  if (out.size() > kMaxInputBytes) {
    error = display_name(path) + ": " + too_large("more than " + std::to_string(kMaxInputBytes));
    out.clear();
    return false;
  }
  return true;
}

void print_problems(std::ostream& out, const std::string& path, const std::vector<Problem>& problems,
                    size_t more_problems) {
  for (const auto& p : problems) say(out, display_name(path) + ": " + p.to_string());
  if (more_problems)
    say(out, display_name(path) + ": … and " + std::to_string(more_problems) + " more problem" +
                 (more_problems == 1 ? "" : "s"));
}

namespace {

// read_input(), saying on stderr why it could not.
bool read_or_say(const std::string& path, std::string& text) {
  std::string error;
  if (read_input(path, text, error)) return true;
  say(std::cerr, error);
  return false;
}

}  // namespace

bool load_or_report(const std::string& path, IssueLoadResult& result) {
  std::string text;
  if (!read_or_say(path, text)) return false;
  result = load_issue(text);
  if (result.ok()) return true;
  print_problems(std::cerr, path, result.problems, result.more_problems);
  return false;
}

bool beside_index(const std::string& path) {
  return !path.empty() && path.find('/') == std::string::npos && path[0] != '.';
}

bool load_index_or_report(const std::string& path, IndexLoadResult& result) {
  std::string text;
  if (!read_or_say(path, text)) return false;
  result = load_index(text);
  print_problems(std::cerr, path, result.problems, result.more_problems);
  // A big archive's older issues are in year files beside it: all of them, here.
  for (const IndexYear& year : result.index.years) {
    if (!result.ok()) break;
    if (!beside_index(year.path)) {
      say(std::cerr, path + ": " + year.path + ": skipped: not a file beside the index");
      continue;
    }
    IndexLoadResult part;
    const std::string part_path = (fs::path(path).parent_path() / year.path).string();
    if (!read_or_say(part_path, text)) return false;
    part = load_index(text);
    print_problems(std::cerr, part_path, part.problems, part.more_problems);
    if (!part.ok()) return false;
    add_index_entries(result.index, std::move(part.index.issues));
  }
  return result.ok();
}

std::string option_value(std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end() || std::next(it) == args.end()) return fallback;
  std::string value = *std::next(it);
  args.erase(it, std::next(it, 2));
  return value;
}

digest::ChecklistConfig checklist_options(std::vector<std::string>& args) {
  digest::ChecklistConfig config;
  std::vector<std::string> headings;
  for (std::string heading; !(heading = option_value(args, "--checklist-heading", "")).empty();)
    headings.push_back(heading);
  if (!headings.empty()) config.headings = std::move(headings);
  return config;
}

bool take_flag(std::vector<std::string>& args, std::string_view name) {
  const auto flag = std::find(args.begin(), args.end(), name);
  if (flag == args.end()) return false;
  args.erase(flag);
  return true;
}

bool read_file(const fs::path& path, std::vector<uint8_t>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !out.empty();
}

bool write_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (out) return true;
  say(std::cerr, path.string() + ": cannot write the file (" + std::strerror(errno) + ")");
  return false;
}

bool write_file_if_changed(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == bytes.size()) {
    std::ifstream in(path, std::ios::binary);
    std::string current(bytes.size(), '\0');
    if (in.read(current.data(), static_cast<std::streamsize>(current.size())) && current == bytes) return true;
  }
  return write_file(path, bytes);
}

}  // namespace cli
