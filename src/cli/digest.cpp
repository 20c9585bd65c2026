// `digest`: the command-line tool on the same core as the viewer. One table of commands
// (name, usage, what runs it); `digest --help` and `digest COMMAND --help` print from it,
// and a misused command prints its own usage. The commands live by what they work on:
//
//   cmd_issue.cpp    validate, import-text, render
//   cmd_site.cpp     index, html, share, html-index
//   cmd_layout.cpp   prepaint, lines, phrases, speak
//   cmd_search.cpp   search
//   cmd_threads.cpp  threads
//   cli_io.cpp       messages, input within the cap, loading, options, files (cli.hpp)
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate",
       "  digest validate [--strict] FILE...   check issues (- reads standard input)\n",
       cmd_validate},
      {"import-text",
       "  digest import-text FILE [--date YYYY-MM-DD] [--time-zone ZONE] [--id ID] [--title TITLE]\n"
       "                                       plain-text digest -> issue JSON on stdout; without\n"
       "                                       --date, the date in the file name, else today in\n"
       "                                       ZONE (default Asia/Tokyo, the digest's own)\n",
       cmd_import_text},
      {"index",
       "  digest index DIR                     validate DIR/*.json, write DIR/index.json and\n"
       "                                       the search index DIR/search/ (docs/search-index.md)\n",
       cmd_index},
      {"html",
       "  digest html FILE [--site URL] [--checklist-heading TEXT]...\n"
       "                                       issue -> standalone HTML page on stdout\n"
       "                                       (--site: with link-card metadata for that address;\n"
       "                                       the items under these headings as checkboxes,\n"
       "                                       default 今すぐやるべき対策)\n",
       cmd_html},
      {"share",
       "  digest share FILE --site URL --out DIR [--fonts DIR]\n"
       "                                       share pages, preview cards and oEmbed answers\n"
       "                                       of the issue's articles under DIR (docs/embed.md)\n",
       cmd_share},
      {"html-index",
       "  digest html-index INDEX              archive index -> HTML list of the issues' pages\n",
       cmd_html_index},
      {"prepaint",
       "  digest prepaint FILE --regular TTF[,TTF...] --bold TTF[,TTF...] [--checklist-heading TEXT]...\n"
       "                 [--first-screen | --articles | --window WIDTH [--place ID] [--height PX]]\n"
       "                                       the issue's first screens laid out for the page to\n"
       "                                       paint before the viewer is ready, JSON on stdout;\n"
       "                                       the fonts are the slices the viewer has, in its\n"
       "                                       order; --first-screen: its top as index.html holds\n"
       "                                       it; --articles: each article's, as its share page\n"
       "                                       holds it; --window: one window's screen, as\n"
       "                                       prepaint.wasm makes a preview's (docs/prepaint.md)\n",
       cmd_prepaint},
      {"lines",
       "  digest lines FILE --regular TTF --bold TTF [--widths FROM:TO:STEP] [--no-phrases]\n"
       "                                       the viewer's page laid out at each window width\n"
       "                                       (default 300:1280:20), as JSON lines: every block's\n"
       "                                       role and lines (tools/bench_breaks.mjs measures\n"
       "                                       them); --no-phrases: legal breaks alone\n",
       cmd_lines},
      {"phrases",
       "  digest phrases                       standard input as Japanese phrases (BudouX's\n"
       "                                       model), a JSON array\n",
       cmd_phrases},
      {"speak",
       "  digest speak FILE                    what 読み上げ says, a JSON line a sentence: the\n"
       "                                       part (article id, \"\" the masthead, afterword),\n"
       "                                       ordinal, pause, words and the page text it lights\n",
       cmd_speak},
      {"search",
       "  digest search INDEX [--index [--newest N]] [--json] QUERY...\n"
       "                                       every article of the issues INDEX lists that holds\n"
       "                                       a query (folded like the viewer's search), newest\n"
       "                                       first; --json: {query, results: [{issue, article}]};\n"
       "                                       --index: through the search index beside INDEX,\n"
       "                                       with the bytes it read (else every issue is read);\n"
       "                                       --newest N: only the segments of the newest N\n"
       "                                       issues (a followed topic's check of new days)\n",
       cmd_search},
      {"threads",
       "  digest threads DIR [--links] [--threshold T] [--state FILE]\n"
       "                                       the story threads of DIR/*.json: articles of\n"
       "                                       different days that share a CVE id, a reference\n"
       "                                       page or their wording (similarity >= T); --links:\n"
       "                                       each link as a JSON line; --state: brings FILE\n"
       "                                       (digest-threads/1, with each article's thread) up\n"
       "                                       to date, reading only new or changed issues and\n"
       "                                       those within a year of them; a summary on stderr\n",
       cmd_threads},
      {"render",
       "  digest render FILE [--width N]       issue -> plain text at N columns (default 80)\n",
       cmd_render},
  };
  return table;
}

namespace {

const Command* find_command(std::string_view name) {
  for (const Command& command : commands())
    if (name == command.name) return &command;
  return nullptr;
}

// Every command's usage, as `digest --help` prints it.
void print_usage(std::ostream& out) {
  out << "usage:\n";
  for (const Command& command : commands()) out << command.usage;
}

}  // namespace

int misused(std::string_view name, std::string_view why) {
  if (!why.empty()) say(std::cerr, std::string(why));
  const Command* command = find_command(name);
  if (!command) {
    print_usage(std::cerr);
    return 2;
  }
  std::cerr << "usage:\n" << command->usage;
  return 2;
}

}  // namespace cli

int main(int argc, char** argv) {
  using namespace cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    print_usage(std::cerr);
    return 2;
  }
  const std::string name = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  const Command* command = find_command(name);
  if (!command) {
    say(std::cerr, "digest: unknown command \"" + name + "\"");
    print_usage(std::cerr);
    return 2;
  }
  // `digest COMMAND --help`: that command's usage on stdout.
  if (std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })) {
    std::cout << "usage:\n" << command->usage;
    return 0;
  }
  return command->run(std::move(args));
}
