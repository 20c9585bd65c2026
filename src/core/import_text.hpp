// The plain-text (mail) form of a digest → `digest-issue/1` JSON.
//
// The form, line by line (blank lines are ignored):
//   🏆 Top Stories            a section header: an emoji line followed by another one
//   🔐 Security               a category line: emoji, space, a short label
//   <title>                   then the article: title, summary, commentary,
//   <summary> / <commentary>
//   何があった?               sub-section headings (short lines without 。) each
//   <paragraph>...            followed by their paragraphs, into the Markdown body
//   ✍ Aya Aegis               the author
//   参考: / 参考：             then one reference per line ("title" or "title URL")
//   ✒️ 編集後記                the afterword: its title, then its paragraphs
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace digest {

struct ImportOptions {
  std::string id;    // defaults to the date
  std::string date;  // YYYY-MM-DD, required
  std::string title = "Tech Digest";
  std::string lang = "ja";
};

struct ImportResult {
  std::string json;                   // the issue, pretty-printed; empty on failure
  std::vector<std::string> problems;  // "line 12: ..." — errors when json is empty
};

ImportResult import_text(std::string_view text, const ImportOptions& options);

// Backslash-escapes what Markdown would otherwise read as markup, so plain text
// shows as written.
std::string escape_markdown(std::string_view text);

}  // namespace digest
