// digest prepaint, lines, phrases and speak: the viewer's layout outside the viewer,
// with the fonts it draws with (the first screen a site publishes; line breaks to
// measure; Japanese phrases; what 読み上げ says).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "card/face.hpp"
#include "cli/cli.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/phrases.hpp"
#include "core/prepaint.hpp"
#include "core/spoken.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"

namespace cli {

using namespace digest;

namespace {

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

}  // namespace

int cmd_prepaint(std::vector<std::string> args) {
  const std::string regular_list = option_value(args, "--regular", "");
  const std::string bold_list = option_value(args, "--bold", "");
  const bool first_screen = take_flag(args, "--first-screen");
  const bool articles = take_flag(args, "--articles");
  const int window = std::atoi(option_value(args, "--window", "0").c_str());
  const std::string place = option_value(args, "--place", "");
  PrepaintOptions options;
  options.height = static_cast<float>(std::atoi(option_value(args, "--height", "1400").c_str()));
  options.checklist = checklist_options(args);
  if (args.size() != 1 || window < 0 || options.height < 1) return misused("prepaint");
  card::ViewerMeasure regular, bold;
  IssueLoadResult result;
  if (const int failed = load_measured_issue(regular_list, bold_list, args[0], regular, bold, result)) return failed;
  const auto known = [&](char32_t cp) { return regular.known(cp) && bold.known(cp); };
  std::cout << (window > 0 ? window_prepaint_json(result.issue, regular, bold, known, window, place, options)
                : articles   ? article_screens_json(result.issue, regular, bold, known, options)
                : first_screen ? first_screen_json(result.issue, regular, bold, known, options)
                               : prepaint_json(result.issue, regular, bold, known, options))
            << "\n";
  return std::cout.good() ? 0 : 1;
}

// Standard input's text as BudouX phrases, a JSON array (tests/cli/phrases.test.mjs
// holds them against the budoux package's own parser).
int cmd_phrases(std::vector<std::string> args) {
  if (!args.empty()) return misused("phrases");
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
      step < 1)
    return misused("lines");
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

// What 「読み上げ」 says, a JSON line a sentence: the part (an article's id, "" for
// the masthead, "afterword"), the ordinal, the pause before it, the words, and the page
// text it lights. Sentences do not depend on widths or fonts: a cell measure will do.
int cmd_speak(std::vector<std::string> args) {
  if (args.size() != 1) return misused("speak");
  IssueLoadResult result;
  if (!load_or_report(args[0], result)) return 1;
  const Outline outline = make_outline(result.issue);
  const PageLayout page = layout_page(outline, CellMeasure(), view_geometry(1280.0f, 1000.0f, 1.0f, false, true).style);
  for (const SpokenSentence& s : spoken_script(page)) {
    std::cout << nlohmann::json{{"part", part_id(result.issue, s.article)},
                                {"ordinal", s.ordinal},
                                {"pauseMs", s.pause_ms},
                                {"speech", s.speech},
                                {"lit", page.text.substr(s.begin, s.end - s.begin)}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  }
  return std::cout.good() ? 0 : 1;
}

}  // namespace cli
