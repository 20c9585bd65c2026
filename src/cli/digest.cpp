// `digest`: the command-line tool on the same core as the viewer.
//
//   digest validate [--strict] FILE...      (- reads standard input)
//   digest import-text FILE [--date D] [--id ID] [--title T]
//   digest index DIR                        (and DIR/search/, the search index)
//   digest html FILE [--site URL]
//   digest share FILE --site URL --out DIR [--fonts DIR]
//   digest html-index INDEX
//   digest prepaint FILE --regular TTF[,TTF...] --bold TTF[,TTF...]
//   digest lines FILE --regular TTF --bold TTF [--widths FROM:TO:STEP] [--no-phrases]
//   digest phrases                          (standard input)
//   digest search INDEX [--index] [--json] QUERY...
//   digest render FILE [--width N]

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "card/card.hpp"
#include "card/face.hpp"
#include "core/export.hpp"
#include "core/import_text.hpp"
#include "core/issue.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/phrases.hpp"
#include "core/prepaint.hpp"
#include "core/search.hpp"
#include "core/search_index.hpp"
#include "core/share.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"

namespace fs = std::filesystem;
using namespace digest;

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  digest validate [--strict] FILE...   check issues (- reads standard input)\n"
    "  digest import-text FILE [--date YYYY-MM-DD] [--time-zone ZONE] [--id ID] [--title TITLE]\n"
    "                                       plain-text digest -> issue JSON on stdout; without\n"
    "                                       --date, the date in the file name, else today in\n"
    "                                       ZONE (default Asia/Tokyo, the digest's own)\n"
    "  digest index DIR                     validate DIR/*.json, write DIR/index.json and\n"
    "                                       the search index DIR/search/ (docs/search-index.md)\n"
    "  digest html FILE [--site URL]        issue -> standalone HTML page on stdout\n"
    "                                       (--site: with link-card metadata for that address)\n"
    "  digest share FILE --site URL --out DIR [--fonts DIR]\n"
    "                                       share pages, preview cards and oEmbed answers\n"
    "                                       of the issue's articles under DIR (docs/embed.md)\n"
    "  digest html-index INDEX              archive index -> HTML list of the issues' pages\n"
    "  digest prepaint FILE --regular TTF[,TTF...] --bold TTF[,TTF...]\n"
    "                                       the issue's first screen laid out for the page to\n"
    "                                       paint before the viewer is ready, JSON on stdout;\n"
    "                                       the fonts are the slices the viewer has, in its\n"
    "                                       order (docs/prepaint.md)\n"
    "  digest lines FILE --regular TTF --bold TTF [--widths FROM:TO:STEP] [--no-phrases]\n"
    "                                       the viewer's page laid out at each window width\n"
    "                                       (default 300:1280:20), as JSON lines: every block's\n"
    "                                       role and lines (tools/bench_breaks.mjs measures\n"
    "                                       them); --no-phrases: legal breaks alone\n"
    "  digest phrases                       standard input as Japanese phrases (BudouX's\n"
    "                                       model), a JSON array\n"
    "  digest search INDEX [--index] [--json] QUERY...\n"
    "                                       every article of the issues INDEX lists that holds\n"
    "                                       a query (folded like the viewer's search), newest\n"
    "                                       first; --json: {query, results: [{issue, article}]};\n"
    "                                       --index: through the search index beside INDEX,\n"
    "                                       with the bytes it read (else every issue is read)\n"
    "  digest render FILE [--width N]       issue -> plain text at N columns (default 80)\n";

// The most any input may be: the loader's cap. Reading stops one byte after it.
constexpr size_t kMaxInputBytes = LoadLimits{}.max_document_bytes;
// The most `render` writes (an issue at the cap renders to about 20 MB at 80 columns).
constexpr size_t kMaxRenderBytes = 64u << 20;

// How a path is named in messages (every message goes out through say(), which makes
// what the path holds harmless).
std::string display_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

// Prints one line of a message, with whatever the input put in it made harmless
// (escape sequences, bidirectional controls and newlines shown, not obeyed).
void say(std::ostream& out, const std::string& line) {
  out << printable(line) << "\n";
}

std::string too_large(const std::string& size) {
  return "the file is " + size + " bytes; the limit is " + std::to_string(kMaxInputBytes) +
         " bytes. Split it into smaller issues";
}

// Reads standard input ("-") or a regular file, at most kMaxInputBytes + 1 bytes: a
// directory, FIFO, device or socket is refused before reading, a bigger file before
// reading it, and endless input after the cap.
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

// The problems of one file, one line each, then how many more were not listed.
void print_problems(std::ostream& out, const std::string& path, const std::vector<Problem>& problems,
                    size_t more_problems) {
  for (const auto& p : problems) say(out, display_name(path) + ": " + p.to_string());
  if (more_problems)
    say(out, display_name(path) + ": … and " + std::to_string(more_problems) + " more problem" +
                 (more_problems == 1 ? "" : "s"));
}

// Loads an issue for the commands that need a valid one; prints problems otherwise.
bool load_or_report(const std::string& path, IssueLoadResult& result) {
  std::string text, error;
  if (!read_input(path, text, error)) {
    say(std::cerr, error);
    return false;
  }
  result = load_issue(text);
  if (result.ok()) return true;
  print_problems(std::cerr, path, result.problems, result.more_problems);
  return false;
}

// A path an index lists that names a file beside it: no directory, nothing hidden, so
// a listed path never reaches elsewhere.
bool beside_index(const std::string& path) {
  return !path.empty() && path.find('/') == std::string::npos && path[0] != '.';
}

// The same for an archive index (digest-index/1).
bool load_index_or_report(const std::string& path, IndexLoadResult& result) {
  std::string text, error;
  if (!read_input(path, text, error)) {
    say(std::cerr, error);
    return false;
  }
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
    if (!read_input(part_path, text, error)) {
      say(std::cerr, error);
      return false;
    }
    part = load_index(text);
    print_problems(std::cerr, part_path, part.problems, part.more_problems);
    if (!part.ok()) return false;
    add_index_entries(result.index, std::move(part.index.issues));
  }
  return result.ok();
}

int cmd_validate(const std::vector<std::string>& args) {
  bool strict = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "--strict")
      strict = true;
    else
      files.push_back(a);
  }
  if (files.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  bool all_ok = true;
  for (const auto& path : files) {
    std::string text, error;
    if (!read_input(path, text, error)) {
      say(std::cout, error);
      all_ok = false;
      continue;
    }
    IssueLoadResult result = load_issue(text, strict);
    print_problems(std::cout, path, result.problems, result.more_problems);
    bool ok = result.ok() && (!strict || (result.problems.empty() && result.more_problems == 0));
    all_ok = all_ok && ok;
  }
  return all_ok ? 0 : 1;
}

std::string option_value(std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end() || std::next(it) == args.end()) return fallback;
  std::string value = *std::next(it);
  args.erase(it, std::next(it, 2));
  return value;
}

// Removes `name` from args; true when it was there.
bool take_flag(std::vector<std::string>& args, std::string_view name) {
  const auto flag = std::find(args.begin(), args.end(), name);
  if (flag == args.end()) return false;
  args.erase(flag);
  return true;
}

// Today's date in `zone`, an IANA name: "" when the zone is unknown. Japan keeps +09:00
// all year, so the default needs no time-zone database (nor does UTC).
std::string today_in(const std::string& zone) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  if (zone == "Asia/Tokyo" || zone == "Japan") {
    now += 9 * 3600;
    gmtime_r(&now, &tm);
  } else if (zone == "UTC" || zone == "Etc/UTC") {
    gmtime_r(&now, &tm);
  } else {
    std::error_code ec;
    if (zone.empty() || zone.find("..") != std::string::npos || zone[0] == '/' ||
        !fs::is_regular_file(fs::path("/usr/share/zoneinfo") / zone, ec))
      return "";
    setenv("TZ", zone.c_str(), 1);
    tzset();
    localtime_r(&now, &tm);
  }
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

// A YYYY-MM-DD inside the file name, e.g. "2026-11-25.txt".
std::string date_from_name(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (size_t i = 0; i + 10 <= name.size(); ++i) {
    std::string c = name.substr(i, 10);
    bool shape = c[4] == '-' && c[7] == '-' &&
                 std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '-'; });
    if (shape) return c;
  }
  return "";
}

int cmd_import_text(std::vector<std::string> args) {
  ImportOptions options;
  options.date = option_value(args, "--date", "");
  options.id = option_value(args, "--id", "");
  options.title = option_value(args, "--title", options.title);
  const std::string zone = option_value(args, "--time-zone", "Asia/Tokyo");
  if (args.size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  if (options.date.empty()) {
    // Said on stderr, so that a wrong guess is seen before the issue is published.
    options.date = date_from_name(args[0]);
    if (!options.date.empty()) {
      say(std::cerr, "import-text: the date " + options.date + " from the file name (--date sets another)");
    } else {
      options.date = today_in(zone);
      if (options.date.empty()) {
        say(std::cerr, "--time-zone " + zone + ": not a time zone name like Asia/Tokyo (see /usr/share/zoneinfo)");
        return 2;
      }
      say(std::cerr, "import-text: the date " + options.date + ", today in " + zone + " (--date sets another)");
    }
  }
  std::string text, error;
  if (!read_input(args[0], text, error)) {
    say(std::cerr, error);
    return 1;
  }
  ImportResult result = import_text(text, options);
  for (const auto& p : result.problems) say(std::cerr, display_name(args[0]) + ": " + p);
  if (result.json.empty()) return 1;
  std::cout << result.json;
  return 0;
}

bool write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (out) return true;
  say(std::cerr, path.string() + ": cannot write the file (" + std::strerror(errno) + ")");
  return false;
}

// The same, leaving a file that already holds these bytes alone: a site rebuilt with
// nothing changed keeps its files' times (and their compressed copies stay valid).
bool write_file_if_changed(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == bytes.size()) {
    std::ifstream in(path, std::ios::binary);
    std::string current(bytes.size(), '\0');
    if (in.read(current.data(), static_cast<std::streamsize>(current.size())) && current == bytes) return true;
  }
  return write_file(path, bytes);
}

// DIR/search/: a directory per segment, named by its content, written only when new
// (so adding a day rewrites the last small segment and the manifest); segments no
// longer listed are removed.
bool write_search_index(const fs::path& search_dir, std::vector<SearchIssue> issues) {
  const auto started = std::chrono::steady_clock::now();
  std::sort(issues.begin(), issues.end(), [](const SearchIssue& a, const SearchIssue& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;  // oldest first
  });
  std::vector<size_t> counts;
  for (const SearchIssue& issue : issues) counts.push_back(issue.article_ids.size());
  std::error_code ec;
  fs::create_directories(search_dir, ec);
  // Segments the last build wrote, by what they were built from: those are kept as
  // they are without building them again.
  std::vector<SearchManifest::Segment> earlier;
  if (std::string text, error; read_input((search_dir / "manifest.json").string(), text, error)) {
    if (ManifestLoadResult loaded = load_search_manifest(text); loaded.ok()) earlier = loaded.manifest.segments;
  }
  std::vector<SegmentFiles> segments;
  uint64_t total = 0, written = 0;
  size_t written_segments = 0;
  for (const SegmentPlan& plan : plan_segments(counts)) {
    std::vector<const SearchIssue*> slice;
    for (size_t i = 0; i < plan.issue_count; ++i) slice.push_back(&issues[plan.first_issue + i]);
    const std::string source = search_source_hash(slice);
    auto kept = std::find_if(earlier.begin(), earlier.end(), [&](const SearchManifest::Segment& s) {
      return !s.source.empty() && s.source == source && fs::is_directory(search_dir / s.name);
    });
    if (kept != earlier.end()) {
      SegmentFiles segment{kept->name,           source, {}, kept->issues, kept->articles, kept->list_files,
                           kept->position_files, 0};
      for (fs::directory_iterator it(search_dir / kept->name, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file(ec) && ext != ".br" && ext != ".gz") segment.bytes += it->file_size(ec);
      }
      total += segment.bytes;
      segments.push_back(std::move(segment));
      continue;
    }
    SegmentFiles segment = build_search_segment(slice);
    total += segment.bytes;
    const fs::path target = search_dir / segment.name;
    if (!fs::is_directory(target, ec)) {
      // Written aside, then moved in whole: a reader never sees half a segment.
      const fs::path staging = search_dir / (segment.name + ".partial");
      fs::remove_all(staging, ec);
      fs::create_directories(staging, ec);
      for (const auto& [name, bytes] : segment.files) {
        if (!write_file(staging / name, bytes)) return false;
      }
      fs::rename(staging, target, ec);
      if (ec) {
        say(std::cerr, target.string() + ": cannot move the segment in place (" + ec.message() + ")");
        return false;
      }
      written += segment.bytes;
      ++written_segments;
    }
    segment.files.clear();  // only the counts are needed from here on
    segments.push_back(std::move(segment));
  }
  const std::string manifest = write_search_manifest(segments);
  if (!write_file_if_changed(search_dir / "manifest.json", manifest)) return false;
  // Segments of earlier builds (named s + 16 hex digits) that this one no longer lists.
  for (fs::directory_iterator it(search_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool ours = name.size() >= 17 && name[0] == 's' && name.find_first_not_of("0123456789abcdef", 1) >= 17;
    const bool listed =
        std::any_of(segments.begin(), segments.end(), [&](const SegmentFiles& s) { return s.name == name; });
    if (ours && !listed) fs::remove_all(it->path(), ec);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char figures[160];
  std::snprintf(figures, sizeof figures, "%zu segments, %.1f MB; %zu written (%llu bytes) in %.2f s", segments.size(),
                double(total) / 1e6, written_segments, static_cast<unsigned long long>(written + manifest.size()),
                seconds);
  say(std::cout, "wrote " + search_dir.string() + "/ (" + figures + ")");
  return true;
}

// "index-2019.json": a year's index file (write_index_files), not an issue.
bool is_index_year_file(const std::string& name) {
  return name.size() == 15 && name.rfind("index-", 0) == 0 && name.compare(10, 5, ".json") == 0 &&
         std::all_of(name.begin() + 6, name.begin() + 10, [](char c) { return c >= '0' && c <= '9'; });
}

int cmd_index(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  fs::path dir = args[0];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    say(std::cerr, dir.string() + ": not a directory");
    return 1;
  }
  // Regular files named *.json in DIR, or links to such files inside DIR; anything
  // else is skipped with a message (reading a FIFO would wait forever, a link out of
  // DIR would publish a file from elsewhere).
  std::vector<fs::path> candidates, files, year_files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (is_index_year_file(name)) {
      year_files.push_back(path);
    } else if (path.extension() == ".json" && name != "index.json") {
      candidates.push_back(path);
    }
  }
  if (ec) {
    say(std::cerr, dir.string() + ": cannot list the directory (" + ec.message() + ")");
    return 1;
  }
  std::sort(candidates.begin(), candidates.end());
  const fs::path base = fs::canonical(dir, ec);
  for (const fs::path& path : candidates) {
    std::error_code entry_error;
    if (fs::is_symlink(fs::symlink_status(path, entry_error))) {
      const fs::path target = fs::canonical(path, entry_error);
      const fs::path inside = target.lexically_relative(base);
      if (entry_error || inside.empty() || *inside.begin() == "..") {
        say(std::cerr, path.string() + ": skipped: a symbolic link to something outside " + dir.string());
        continue;
      }
    }
    if (!fs::is_regular_file(fs::status(path, entry_error))) {
      say(std::cerr, path.string() + ": skipped: not a regular file (a directory, FIFO, device or socket)");
      continue;
    }
    files.push_back(path);  // in order: the candidates are sorted
  }
  std::vector<IndexEntry> entries;
  std::vector<SearchIssue> searchable;
  bool all_ok = true;
  for (const auto& file : files) {
    IssueLoadResult result;
    if (!load_or_report(file.string(), result)) {
      all_ok = false;
      continue;
    }
    entries.push_back(make_index_entry(result.issue, file.filename().string()));
    searchable.push_back(make_search_issue(result.issue, file.filename().string()));
  }
  if (!all_ok) {
    say(std::cerr, "index.json was not written: fix the issues above first");
    return 1;
  }
  const size_t issue_count = entries.size();
  const std::map<std::string, std::string> index_files = write_index_files(std::move(entries));
  for (const auto& [name, text] : index_files) {
    if (!write_file_if_changed(dir / name, text)) return 1;
  }
  // Year files of an earlier build that this one no longer writes.
  for (const fs::path& path : year_files) {
    if (!index_files.count(path.filename().string())) fs::remove(path, ec);
  }
  say(std::cout, "wrote " + (dir / "index.json").string() + " (" + std::to_string(issue_count) + " issues" +
                     (index_files.size() > 1 ? ", " + std::to_string(index_files.size() - 1) + " year files" : "") +
                     ")");
  return write_search_index(dir / "search", std::move(searchable)) ? 0 : 1;
}

// The site address of --site, checked; "" (and a message) when it is wrong.
bool site_option(std::vector<std::string>& args, std::string& site) {
  const std::string raw = option_value(args, "--site", "");
  if (raw.empty()) return true;
  std::string error;
  site = normalise_site_url(raw, error);
  if (site.empty()) say(std::cerr, "--site: " + error);
  return !site.empty();
}

// Where the web build puts an issue's static page: issues/<file name>.html.
std::string issue_page_for(const std::string& path) {
  return "issues/" + fs::path(path).stem().string() + ".html";
}

int cmd_html(std::vector<std::string> args) {
  std::string site;
  if (!site_option(args, site)) return 2;
  if (args.size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  IssueLoadResult result;
  if (!load_or_report(args[0], result)) return 1;
  std::string head;
  if (!site.empty()) head = issue_share_head(result.issue, ShareSite{site, issue_page_for(args[0])});
  std::cout << export_html(result.issue, head);
  return 0;
}

bool read_file(const fs::path& path, std::vector<uint8_t>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !out.empty();
}

bool write_file(const fs::path& path, const void* data, size_t size) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) say(std::cerr, path.string() + ": cannot write the file (" + std::strerror(errno) + ")");
  return static_cast<bool>(out);
}

bool write_text(const fs::path& path, const std::string& text) {
  return write_file(path, text.data(), text.size());
}

bool write_png(const fs::path& path, const card::Image& image) {
  const std::vector<uint8_t> png = card::encode_png(image);
  return write_file(path, png.data(), png.size());
}

int cmd_share(std::vector<std::string> args) {
  std::string site;
  if (!site_option(args, site)) return 2;
  const fs::path out_dir = option_value(args, "--out", "");
  const fs::path fonts = option_value(args, "--fonts", "/usr/share/fonts/truetype/bizud-gothic");
  if (args.size() != 1 || site.empty() || out_dir.empty()) {
    std::cerr << (site.empty() ? "digest share needs --site URL (the site's public address)\n" : "") << kUsage;
    return 2;
  }
  IssueLoadResult result;
  if (!load_or_report(args[0], result)) return 1;
  const Issue& issue = result.issue;

  std::vector<uint8_t> regular, bold;
  const fs::path regular_path = fonts / "BIZUDPGothic-Regular.ttf", bold_path = fonts / "BIZUDPGothic-Bold.ttf";
  if (!read_file(regular_path, regular) || !read_file(bold_path, bold)) {
    say(std::cerr, fonts.string() +
                       ": BIZUDPGothic-Regular.ttf and BIZUDPGothic-Bold.ttf are needed for the preview cards "
                       "(Debian: fonts-morisawa-bizud-gothic; or say where with --fonts DIR)");
    return 1;
  }
  card::CardRenderer cards;
  std::string error;
  if (!cards.load_fonts(std::move(regular), std::move(bold), error)) {
    say(std::cerr, fonts.string() + ": " + error);
    return 1;
  }
  // The corner of the cards says where the link goes: the address without its scheme.
  const std::string site_label = site.substr(site.find("://") + 3);

  // One outline for every page and card (it measures each article's reading time).
  const Outline outline = make_outline(issue);
  const ShareSite share{site, issue_page_for(args[0])};
  bool ok = write_png(out_dir / card_path(issue, nullptr), cards.issue_card(outline, site_label)) &&
            write_text(out_dir / oembed_path(issue, nullptr), export_oembed(issue, outline, nullptr, share));
  for (const OutlineArticle& entry : outline.articles) {
    if (!ok) break;
    const Article& a = *entry.article;
    ok = write_text(out_dir / share_page_path(issue, a), export_share_page(issue, outline, entry, share)) &&
         write_png(out_dir / card_path(issue, &a), cards.article_card(issue, outline, entry, site_label)) &&
         write_text(out_dir / oembed_path(issue, &a), export_oembed(issue, outline, &a, share));
  }
  if (!ok) return 1;
  for (char32_t cp : cards.missing()) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    std::string character;
    utf8_append(character, cp);
    say(std::cerr, display_name(args[0]) + ": warning: " + code + " (" + character +
                       ") is in neither font; the cards leave it out");
  }
  say(std::cout, "wrote " + std::to_string(issue.articles.size()) + " share pages, " +
                     std::to_string(issue.articles.size() + 1) + " cards and " +
                     std::to_string(issue.articles.size() + 1) + " oEmbed answers for " + issue.id + " under " +
                     out_dir.string());
  return 0;
}

int cmd_html_index(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  IndexLoadResult result;
  if (!load_index_or_report(args[0], result)) return 1;
  std::cout << export_index_html(result.index);
  return 0;
}

// Reads a comma-separated list of font files into a measure, in order.
bool load_measure(const std::string& option, const std::string& list, card::ViewerMeasure& measure) {
  std::stringstream paths(list);
  std::string path;
  int count = 0;
  while (std::getline(paths, path, ',')) {
    if (path.empty()) continue;
    std::vector<uint8_t> bytes;
    if (!read_file(path, bytes)) {
      say(std::cerr, option + " " + path + ": cannot read the font file");
      return false;
    }
    if (!measure.add(std::move(bytes))) {
      say(std::cerr, option + " " + path + ": not a TrueType/OpenType font stb_truetype can read");
      return false;
    }
    ++count;
  }
  if (count == 0) say(std::cerr, "digest prepaint needs " + option + " TTF[,TTF...]: the slices the viewer draws with");
  return count > 0;
}

// The fonts --regular and --bold name, then the issue: 0, or the exit code once the
// reason is said (2: the fonts, 1: the issue).
int load_measured_issue(const std::string& regular_list, const std::string& bold_list, const std::string& path,
                        card::ViewerMeasure& regular, card::ViewerMeasure& bold, IssueLoadResult& result) {
  if (!load_measure("--regular", regular_list, regular) || !load_measure("--bold", bold_list, bold)) return 2;
  return load_or_report(path, result) ? 0 : 1;
}

int cmd_prepaint(std::vector<std::string> args) {
  const std::string regular_list = option_value(args, "--regular", "");
  const std::string bold_list = option_value(args, "--bold", "");
  if (args.size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  card::ViewerMeasure regular, bold;
  IssueLoadResult result;
  if (const int failed = load_measured_issue(regular_list, bold_list, args[0], regular, bold, result)) return failed;
  const auto known = [&](char32_t cp) { return regular.known(cp) && bold.known(cp); };
  std::cout << prepaint_json(result.issue, regular, bold, known) << "\n";
  return std::cout.good() ? 0 : 1;
}

// Names of the page's text roles in `digest lines` (PageBlock::role).
const char* role_name(TextRole role) {
  switch (role) {
    case TextRole::IssueTitle: return "issue-title";
    case TextRole::Meta: return "meta";
    case TextRole::Section: return "section";
    case TextRole::Title: return "title";
    case TextRole::Lead: return "lead";
    case TextRole::Commentary: return "commentary";
    case TextRole::Body: return "body";
    case TextRole::Heading: return "heading";
    case TextRole::Code: return "code";
    case TextRole::TableHeader: return "table-header";
    case TextRole::TableCell: return "table-cell";
    case TextRole::Reference: return "reference";
    case TextRole::Action: return "action";
  }
  return "?";
}

// Standard input's text as BudouX phrases, a JSON array (tests/cli/phrases.test.mjs
// holds them against the budoux package's own parser).
int cmd_phrases(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  nlohmann::json phrases = nlohmann::json::array();
  size_t from = 0;
  for (size_t at : phrase_starts(text)) {
    phrases.push_back(text.substr(from, at - from));
    from = at;
  }
  if (from < text.size()) phrases.push_back(text.substr(from));
  std::cout << phrases.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return std::cout.good() ? 0 : 1;
}

int cmd_lines(std::vector<std::string> args) {
  const std::string regular_list = option_value(args, "--regular", "");
  const std::string bold_list = option_value(args, "--bold", "");
  const std::string widths = option_value(args, "--widths", "300:1280:20");
  const bool phrases = !take_flag(args, "--no-phrases");
  int from = 0, to = 0, step = 0;
  if (args.size() != 1 || std::sscanf(widths.c_str(), "%d:%d:%d", &from, &to, &step) != 3 || from < 1 || to < from ||
      step < 1) {
    std::cerr << kUsage;
    return 2;
  }
  card::ViewerMeasure regular, bold;
  IssueLoadResult result;
  if (const int failed = load_measured_issue(regular_list, bold_list, args[0], regular, bold, result)) return failed;
  const Outline outline = make_outline(result.issue);
  for (int width = from; width <= to; width += step) {
    ViewGeometry view = view_geometry(static_cast<float>(width), 1000.0f, 1.0f, false, true);
    view.style.phrase_breaks = phrases;
    const PageLayout page = layout_page(outline, regular, view.style, &bold);
    std::unordered_map<uint32_t, float> line_widths;  // by a line's first span
    for (const PageLine& placed : page.lines) line_widths[placed.first_span] = placed.width;
    nlohmann::json blocks = nlohmann::json::array();
    for (const PageBlock& block : page.blocks) {
      if (block.decorative) continue;
      nlohmann::json lines = nlohmann::json::array(), spaces = nlohmann::json::array(),
                     widths = nlohmann::json::array();
      std::string paragraph;
      std::vector<size_t> starts;
      for (uint32_t k = 0; k < block.line_count; ++k) {
        const PageBlockLine& line = page.block_lines[block.first_line + k];
        std::string text;
        for (uint32_t s = 0; s < line.span_count; ++s) {
          const PageSpan& span = page.spans[line.first_span + s];
          text.append(page.text, span.begin, span.end - span.begin);
        }
        starts.push_back(paragraph.size());
        paragraph += text + (line.space_after ? " " : "");
        lines.push_back(std::move(text));
        spaces.push_back(line.space_after);
        widths.push_back(std::round(line_widths[line.first_span] * 10) / 10);
      }
      // Each line's start: the width of the unbreakable run it is in (between two legal
      // breaks, trailing spaces left out), for telling a kinsoku violation from a run
      // that had to be split.
      const ScaledMeasure measure(block.bold ? static_cast<const TextMeasure&>(bold) : regular, block.size);
      const std::vector<size_t> legal = break_opportunities(paragraph);
      nlohmann::json runs = nlohmann::json::array();
      for (size_t start : starts) {
        auto next = std::upper_bound(legal.begin(), legal.end(), start);
        const size_t from = next == legal.begin() ? 0 : *std::prev(next);
        size_t to = next == legal.end() ? paragraph.size() : *next;
        while (to > from && paragraph[to - 1] == ' ') --to;
        float run = 0;
        for (size_t at = from; at < to;) run += measure.advance(utf8_next(paragraph, at));
        runs.push_back(std::round(run * 10) / 10);
      }
      blocks.push_back({{"role", role_name(block.role)},
                        {"lines", std::move(lines)},
                        {"spaceAfter", std::move(spaces)},
                        {"widths", std::move(widths)},
                        {"room", std::round((page.column_width - (block.x - page.column_x)) * 10) / 10},
                        {"runWidths", std::move(runs)}});
    }
    std::cout << nlohmann::json{{"width", width}, {"column", page.column_width}, {"blocks", std::move(blocks)}}.dump()
              << "\n";
  }
  return std::cout.good() ? 0 : 1;
}

// The same answers through DIR/search/, reading only the files each query asks for.
int search_with_index(const std::vector<std::string>& args, bool json) {
  if (args.size() < 2 || std::any_of(args.begin() + 1, args.end(), [](const std::string& q) { return q.empty(); })) {
    std::cerr << kUsage;
    return 2;
  }
  const fs::path search_dir = fs::path(args[0]).parent_path() / "search";
  std::string text, error;
  if (!read_input((search_dir / "manifest.json").string(), text, error)) {
    say(std::cerr, error + " (write the search index with `digest index`)");
    return 1;
  }
  const ManifestLoadResult manifest = load_search_manifest(text);
  if (!manifest.ok()) {
    say(std::cerr, manifest.error);
    return 1;
  }
  nlohmann::json out = {{"format", "digest-search-results/1"}, {"queries", nlohmann::json::array()}};
  bool all_ok = true;
  for (size_t q = 1; q < args.size(); ++q) {
    const auto started = std::chrono::steady_clock::now();
    IndexQuery query(manifest.manifest, fold_query(args[q]));
    size_t rounds = 0;
    while (!query.done()) {
      ++rounds;
      for (const std::string& path : query.wanted()) {
        std::string bytes;
        if (read_input((search_dir / path).string(), bytes, error)) {
          query.provide(path, bytes);
        } else {
          query.fail(path, error);
        }
      }
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!query.error().empty()) {
      say(std::cerr, args[q] + ": " + query.error());
      all_ok = false;
    }
    if (json) {
      nlohmann::json results = nlohmann::json::array();
      for (const IndexHit& hit : query.hits())
        results.push_back({{"issue", hit.issue_id}, {"article", hit.article_id}});
      // Bytes by kind of file (l: lists, p: positions, i: ids), and as a host sends them
      // when a .br copy lies beside the file.
      nlohmann::json kinds = {{"lists", 0}, {"positions", 0}, {"ids", 0}};
      uint64_t wire = 0;
      for (const auto& [path, size] : query.provided()) {
        const char kind = path[path.find('/') + 1];
        auto& slot = kinds[kind == 'l' ? "lists" : kind == 'p' ? "positions" : "ids"];
        slot = slot.get<uint64_t>() + size;
        std::error_code ec;
        const auto compressed = fs::file_size(search_dir / (path + ".br"), ec);
        wire += ec ? size : compressed;
      }
      out["queries"].push_back({{"query", args[q]},
                                {"results", std::move(results)},
                                {"bytes", query.bytes_provided()},
                                {"wireBytes", wire},
                                {"byKind", std::move(kinds)},
                                {"files", query.files_provided()},
                                {"rounds", rounds},
                                {"ms", ms}});
      continue;
    }
    say(std::cout, args[q] + ": " + std::to_string(query.hits().size()) +
                       (query.hits().size() == 1 ? " article" : " articles") + " (" +
                       std::to_string(query.bytes_provided()) + " bytes in " + std::to_string(query.files_provided()) +
                       " files)");
    for (const IndexHit& hit : query.hits()) say(std::cout, "  " + hit.issue_id + "/" + hit.article_id);
  }
  if (json) std::cout << out.dump() << "\n";
  return all_ok && std::cout.good() ? 0 : 1;
}

// Plain substring search over the folded text of every article, issue by issue: slow,
// simple, and what an archive search index must answer exactly (issue 12).
int cmd_search(std::vector<std::string> args) {
  const bool json = take_flag(args, "--json");
  if (take_flag(args, "--index")) return search_with_index(args, json);
  if (args.size() < 2 || std::any_of(args.begin() + 1, args.end(), [](const std::string& q) { return q.empty(); })) {
    std::cerr << kUsage;
    return 2;
  }
  IndexLoadResult index;
  if (!load_index_or_report(args[0], index)) return 1;
  const fs::path dir = fs::path(args[0]).parent_path();
  std::vector<ArchiveIssue> archive;
  for (const IndexEntry& entry : index.index.issues) {
    if (!beside_index(entry.path)) {
      say(std::cerr, args[0] + ": " + entry.path + ": skipped: not a file beside the index");
      continue;
    }
    IssueLoadResult issue;
    if (load_or_report((dir / entry.path).string(), issue)) archive.push_back(make_archive_issue(issue.issue));
  }
  nlohmann::json out = {{"format", "digest-search-results/1"}, {"queries", nlohmann::json::array()}};
  for (size_t q = 1; q < args.size(); ++q) {
    const std::vector<ArchiveHit> hits = search_archive(archive, fold_query(args[q]), SIZE_MAX);
    if (json) {
      nlohmann::json results = nlohmann::json::array();
      for (const ArchiveHit& hit : hits) {
        const ArchiveIssue& issue = archive[hit.issue];
        results.push_back({{"issue", issue.id}, {"article", issue.articles[hit.article].id}});
      }
      out["queries"].push_back({{"query", args[q]}, {"results", std::move(results)}});
      continue;
    }
    say(std::cout, args[q] + ": " + std::to_string(hits.size()) + (hits.size() == 1 ? " article" : " articles"));
    for (const ArchiveHit& hit : hits) {
      const ArchiveIssue& issue = archive[hit.issue];
      say(std::cout, "  " + issue.id + "/" + issue.articles[hit.article].id + "  " + hit.excerpt);
    }
  }
  if (json) std::cout << out.dump() << "\n";
  return std::cout.good() ? 0 : 1;
}

int cmd_render(std::vector<std::string> args) {
  std::string width_text = option_value(args, "--width", "80");
  int width = 0;
  std::istringstream(width_text) >> width;
  if (args.size() != 1 || width < 8 || width > 1000) {
    std::cerr << (width < 8 || width > 1000 ? "--width must be a number from 8 to 1000\n" : kUsage);
    return 2;
  }
  IssueLoadResult result;
  if (!load_or_report(args[0], result)) return 1;
  // At most 64 MiB, and with the issue's text unable to steer the terminal.
  bool cut = false;
  std::cout << printable(render_text(result.issue, width, kMaxRenderBytes, &cut), true);
  if (cut) {
    say(std::cerr, display_name(args[0]) + ": the text was cut at " + std::to_string(kMaxRenderBytes) +
                       " bytes; render a narrower --width or a smaller issue");
    return 1;
  }
  return 0;
}

// `digest COMMAND --help`: the usage lines of that command on stdout (all of them for
// a command that does not exist, which is then an error).
int print_help(const std::string& command) {
  std::istringstream usage(kUsage);
  std::string line, out;
  bool inside = false;
  while (std::getline(usage, line)) {
    if (line.rfind("  digest ", 0) == 0) inside = line.rfind("  digest " + command + " ", 0) == 0;
    if (inside) out += line + "\n";
  }
  if (out.empty()) {
    say(std::cerr, "digest: unknown command \"" + command + "\"");
    std::cerr << kUsage;
    return 2;
  }
  std::cout << "usage:\n" << out;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (std::find_if(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; }) !=
      args.end()) {
    return print_help(command);
  }
  if (command == "validate") return cmd_validate(args);
  if (command == "import-text") return cmd_import_text(args);
  if (command == "index") return cmd_index(args);
  if (command == "html") return cmd_html(args);
  if (command == "share") return cmd_share(args);
  if (command == "html-index") return cmd_html_index(args);
  if (command == "prepaint") return cmd_prepaint(args);
  if (command == "lines") return cmd_lines(args);
  if (command == "phrases") return cmd_phrases(args);
  if (command == "search") return cmd_search(args);
  if (command == "render") return cmd_render(args);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  say(std::cerr, "digest: unknown command \"" + command + "\"");
  std::cerr << kUsage;
  return 2;
}
