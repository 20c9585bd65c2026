// What the `digest` commands share: the command table's entry, messages that the
// input cannot steer, reading input within the loader's cap, loading issues and
// indexes with their problems said, options, and writing files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/checklist.hpp"
#include "core/issue.hpp"

namespace cli {

namespace fs = std::filesystem;

// One command: its name, its usage lines (the first starts "digest NAME "), and what
// runs it with the arguments after the name; exit codes 0 done, 1 failed, 2 misused.
struct Command {
  const char* name;
  const char* usage;
  int (*run)(std::vector<std::string> args);
};

// Every command, in the order `digest --help` lists them (digest.cpp).
const std::vector<Command>& commands();
// The usage of one command to stderr, for a misuse: returns 2.
int misused(std::string_view command, std::string_view why = {});

// How a path is named in messages ("-" is <stdin>).
std::string display_name(const std::string& path);
// One line of a message, with whatever the input put in it made harmless (escape
// sequences, bidirectional controls and newlines shown, not obeyed).
void say(std::ostream& out, const std::string& line);

// The most any input may be: the loader's cap. Reading stops one byte after it.
inline constexpr size_t kMaxInputBytes = digest::LoadLimits{}.max_document_bytes;
// Standard input ("-") or a regular file, at most kMaxInputBytes: a directory, FIFO,
// device or socket is refused before reading, a bigger file too, endless input at the cap.
bool read_input(const std::string& path, std::string& out, std::string& error);
// A whole file's bytes (fonts); false when it cannot be read or is empty.
bool read_file(const fs::path& path, std::vector<uint8_t>& out);
// Writes the bytes, making the folders above; says why when it cannot.
bool write_file(const fs::path& path, std::string_view bytes);
// The same, leaving a file that already holds these bytes alone: a site rebuilt with
// nothing changed keeps its files' times (and their compressed copies stay valid).
bool write_file_if_changed(const fs::path& path, std::string_view bytes);

// The problems of one file, one line each, then how many more were not listed.
void print_problems(std::ostream& out, const std::string& path, const std::vector<digest::Problem>& problems,
                    size_t more_problems);
// An issue for the commands that need a valid one; its problems said otherwise.
bool load_or_report(const std::string& path, digest::IssueLoadResult& result);
// An archive index with all its year files beside it; problems said.
bool load_index_or_report(const std::string& path, digest::IndexLoadResult& result);
// "index.json" or a year's "index-2019.json": the archive's own files, not issues.
bool is_index_file(const std::string& name);
// A path an index lists that names a file beside it: no folder, nothing hidden.
bool beside_index(const std::string& path);

// The value after `name` in args (both removed), or `fallback`.
std::string option_value(std::vector<std::string>& args, const std::string& name, const std::string& fallback);
// Removes `name` from args; true when it was there.
bool take_flag(std::vector<std::string>& args, std::string_view name);
// Every `--checklist-heading TEXT` (removed): the site's checklist headings, or the
// default when there is none.
digest::ChecklistConfig checklist_options(std::vector<std::string>& args);

// The commands, by file: cmd_issue.cpp, cmd_site.cpp, cmd_layout.cpp, cmd_search.cpp,
// cmd_threads.cpp.
int cmd_validate(std::vector<std::string> args);
int cmd_import_text(std::vector<std::string> args);
int cmd_html(std::vector<std::string> args);
int cmd_render(std::vector<std::string> args);
int cmd_index(std::vector<std::string> args);
int cmd_share(std::vector<std::string> args);
int cmd_html_index(std::vector<std::string> args);
int cmd_prepaint(std::vector<std::string> args);
int cmd_lines(std::vector<std::string> args);
int cmd_phrases(std::vector<std::string> args);
int cmd_speak(std::vector<std::string> args);
int cmd_search(std::vector<std::string> args);
int cmd_threads(std::vector<std::string> args);

}  // namespace cli
