// The issue model (`digest-issue/1`) and the archive index (`digest-index/1`), and
// their loaders. Loaders never throw: they return the model and a list of problems,
// each saying where (JSON pointer, or line/column/byte for syntax errors) and what.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problems.hpp"
#include "core/render_model.hpp"

namespace digest {

inline constexpr std::string_view kIssueFormat = "digest-issue/1";
inline constexpr std::string_view kIndexFormat = "digest-index/1";

// Markdown kept as written (for export and search) and parsed once at load.
struct MarkdownText {
  std::string source;
  Document doc;
  bool empty() const { return source.empty(); }
};

struct Category {
  std::string id, label, emoji;
};

struct Section {
  std::string id, title, emoji;
  std::vector<std::string> article_ids;
};

struct Reference {
  std::string title;
  std::string url;  // as written; empty when absent
  Link link;        // after the link policy
};

// An article of the same story on another day: `digest threads` finds them at publish
// time (core/threads.hpp) and the site's copy of the issue carries them.
struct ThreadEntry {
  std::string issue, article, date, title;
};

struct Article {
  std::string id, category, title, author;
  MarkdownText summary, commentary, body;
  std::vector<Reference> references;
  // Its story thread: 「これまでの経緯」 and 「続報」, each oldest first.
  std::vector<ThreadEntry> earlier, later;
};

struct Afterword {
  std::string title, emoji, author;
  MarkdownText body;
};

struct Issue {
  std::string format, id, date, lang, title;
  std::vector<Category> categories;
  std::vector<Section> sections;
  std::vector<Article> articles;
  std::optional<Afterword> afterword;

  const Category* find_category(std::string_view id) const;
  // Article indices in reading order: the sections' articles in their order, then the
  // articles that no section lists, in file order. Each article appears once.
  std::vector<size_t> reading_order() const;
};

// Every character the issue draws (title, date, labels, emoji, the Markdown as
// rendered, references), each once in code point order, as UTF-8: what a font must
// hold to draw the issue (the viewer fetches the font slices that have them).
std::string issue_characters(const Issue& issue);

struct LoadLimits {
  size_t max_document_bytes = 16u << 20;  // 16 MiB
  size_t max_string_bytes = 1u << 20;     // 1 MiB for any one text field
  size_t max_depth = 64;                  // JSON nesting; an issue needs 5
  size_t max_articles = 5000;
  // JSON values of any kind: an issue of 5,000 articles with ten references each
  // needs about 200,000. Caps the DOM at ~50 MB whatever the text (an empty object,
  // three bytes of text, costs ~100 bytes built).
  size_t max_json_values = 500000;
  // What the Markdown of one issue may make, all fields together. A rich issue of
  // 5,000 articles makes about 100,000 blocks; past these the reader's layout and text
  // layer would no longer stay responsive. Memory of the render model is then at most
  // ~64 bytes a block, run or cell plus the text.
  size_t max_blocks = 250000;
  size_t max_runs = 1000000;
  size_t max_links = 100000;
  size_t max_table_cells = 100000;
  // With the blocks and the text's length this bounds the page's lines (docs/text-layer.md).
  size_t max_code_lines = 200000;
  // Entries of an article's story thread, each way (the site writes at most kThreadShown).
  size_t max_thread_entries = 50;
  // Problems listed per file; the rest are counted (more_problems).
  size_t max_problems = 100;
};

struct IssueLoadResult {
  Issue issue;
  std::vector<Problem> problems;  // errors first-found-first; warnings only when strict
  size_t more_problems = 0;       // found beyond LoadLimits::max_problems: counted, not listed
  size_t more_errors = 0;         // of which errors
  bool ok() const;                // no errors (warnings allowed)
};

// Parses and validates one issue. With `strict`, unknown fields are reported as
// warnings. Markdown fields are parsed into render models here, once.
IssueLoadResult load_issue(std::string_view json, bool strict = false, const LoadLimits& limits = {});

struct IndexEntry {
  std::string id, date, title, headline, path;
  std::vector<std::string> categories;  // ids of the categories its articles are in
  size_t articles = 0;                  // how many (0: not said)
};

// An index file of one year's issues, which a big archive's index.json points to.
struct IndexYear {
  std::string year;  // "2019"
  std::string path;  // "index-2019.json", beside index.json
  size_t issues = 0;
};

struct ArchiveIndex {
  std::vector<IndexEntry> issues;  // newest first
  std::vector<IndexYear> years;    // newest first; empty when index.json lists everything
};

// index.json lists every issue up to this many; past it, the newest this many and a
// file per year (write_index_files), so a first view never fetches ten years of them.
inline constexpr size_t kIndexRecentIssues = 60;

struct IndexLoadResult {
  ArchiveIndex index;
  std::vector<Problem> problems;
  size_t more_problems = 0;
  size_t more_errors = 0;
  bool ok() const;
};

IndexLoadResult load_index(std::string_view json, const LoadLimits& limits = {});

// Builds an index entry for an issue stored at `path` (relative to the index).
IndexEntry make_index_entry(const Issue& issue, std::string path);
// Sorts newest first (date, then id, descending) and serialises as digest-index/1.
std::string write_index(std::vector<IndexEntry> entries, const std::vector<IndexYear>& years = {});
// A year file's entries joined to an index: those it does not list yet, newest first.
void add_index_entries(ArchiveIndex& index, std::vector<IndexEntry> entries);
// index.json, and index-YYYY.json files when there are more than `recent` issues:
// file name → contents.
std::map<std::string, std::string> write_index_files(std::vector<IndexEntry> entries,
                                                     size_t recent = kIndexRecentIssues);

}  // namespace digest
