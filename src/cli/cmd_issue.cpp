// digest validate, import-text and render: one issue in, checked, made, or as text.
#include <algorithm>
#include <ctime>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "core/export.hpp"
#include "core/import_text.hpp"
#include "core/utf8.hpp"

namespace cli {

using namespace digest;

namespace {

// The most `render` writes (an issue at the cap renders to about 20 MB at 80 columns).
constexpr size_t kMaxRenderBytes = 64u << 20;

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

}  // namespace

int cmd_import_text(std::vector<std::string> args) {
  ImportOptions options;
  options.date = option_value(args, "--date", "");
  options.id = option_value(args, "--id", "");
  options.title = option_value(args, "--title", options.title);
  const std::string zone = option_value(args, "--time-zone", "Asia/Tokyo");
  if (args.size() != 1) return misused("import-text");
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

int cmd_validate(std::vector<std::string> args) {
  bool strict = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "--strict")
      strict = true;
    else
      files.push_back(a);
  }
  if (files.empty()) return misused("validate");
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

int cmd_render(std::vector<std::string> args) {
  std::string width_text = option_value(args, "--width", "80");
  int width = 0;
  std::istringstream(width_text) >> width;
  if (width < 8 || width > 1000) return misused("render", "--width must be a number from 8 to 1000");
  if (args.size() != 1) return misused("render");
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

}  // namespace cli
