// One outline of an issue: what a reader sees and in which order (masthead, the
// section heading, each article's badge, title, reading time, byline, Markdown parts
// and references, the afterword), with every default and guard decided once. The
// three renderers -- the page layout, `digest html` and `digest render` -- walk it,
// so they cannot drift apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/checklist.hpp"
#include "core/issue.hpp"

namespace digest {

// Which articles a page shows: those of the chosen categories (none chosen: all).
struct PageFilter {
  std::vector<std::string> categories;
  bool accepts(const std::string& category) const;
};

struct OutlineReference {
  std::string title;
  std::string href;  // a link the policy allows, or "" (then the title is plain text)
  std::string host;  // of href, for display ("example.com"), or ""
};

struct OutlineArticle {
  size_t index = 0;                  // into Issue::articles
  const Article* article = nullptr;  // id, title, summary, commentary, body
  std::string badge;                 // "🔐 Security", or "" without a category
  int minutes = 1;                   // reading time
  std::string byline;                // "✍ Aya Aegis", or ""
  std::vector<OutlineReference> references;
  // Its body's checklist items (core/checklist.hpp) in body order: the first block of
  // each, and the item's index into Outline::checklist.
  struct Check {
    uint32_t block = 0;
    size_t item = 0;
  };
  std::vector<Check> checks;
};

struct OutlineAfterword {
  std::string heading;  // "✒️ 編集後記" (the default title when it has none)
  const Document* body = nullptr;
  std::string byline;
};

struct Outline {
  std::string title;  // the issue's title, or "Digest"
  std::string date;
  std::string masthead_meta;             // "2026-11-25 ・ 4本 ・ 約4分"
  int minutes = 0;                       // reading time of the articles shown
  std::string section_heading;           // "🏆 Top Stories", or "" when there is none
  std::vector<OutlineArticle> articles;  // reading order, filtered
  std::optional<OutlineAfterword> afterword;
  // The issue's checklist items (make_outline's), or null: lists drawn as lists.
  const std::vector<ChecklistItem>* checklist = nullptr;
};

// The headings of an article's story thread (Article::earlier, Article::later). Their
// text lives in outline.cpp: the viewer's own characters, which the first font slice
// holds, are those of src/**/*.cpp (fonts/slice.py).
extern const std::string_view kThreadEarlierHeading;  // これまでの経緯
extern const std::string_view kThreadLaterHeading;    // 続報
// The afterword's title when the issue gives none.
extern const std::string_view kDefaultAfterwordTitle;  // 編集後記

// An article's story thread as every renderer shows it (page, static page, plain
// text): 「これまでの経緯」 then 「続報」, the empty ones left out.
struct ThreadSection {
  std::string_view heading;
  const std::vector<ThreadEntry>* entries;
};
std::vector<ThreadSection> thread_sections(const Article& article);

// The host of an absolute URL, port kept, user left out ("example.com" of
// "https://user@example.com/a"), or "" when it has no "://".
std::string url_host(const std::string& url);

// "emoji text", or just the text when there is no emoji.
std::string with_emoji(std::string_view emoji, std::string_view text);

// The outline of `issue` (which must outlive it) showing the articles `filter` accepts;
// with `checklist` (checklist_items(issue), which must outlive it too) its items are
// drawn as checkboxes.
Outline make_outline(const Issue& issue, const PageFilter& filter = {},
                     const std::vector<ChecklistItem>* checklist = nullptr);

}  // namespace digest
