// Action checklists: the things to do that an article lists under a heading such as
// 「今すぐやるべき対策」, as items a reader ticks off. Each item has a stable key made from
// its text, so a tick survives a later build of the issue; a corrected typo is matched
// back to its tick by similarity (match_checks). The open items of the issues a reader
// has read export as Markdown and CSV. No storage here: the viewer keeps the ticks and
// each issue's list through its host, on the reader's device.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

namespace digest {

// The headings whose lists are checklists (a site's configuration may name others).
inline constexpr const char* kDefaultChecklistHeading = "今すぐやるべき対策";

struct ChecklistConfig {
  std::vector<std::string> headings{kDefaultChecklistHeading};
};

struct ChecklistItem {
  size_t article = 0;  // index into Issue::articles
  uint32_t block = 0;  // the item's first block in the article body's Document
  std::string key;     // checklist_key(text)
  std::string text;    // the item as read: its blocks' text, one space between blocks
};

// Every checklist item of the issue, articles in file order, items in body order. The
// top-level items of the lists under a matching heading (up to the next heading) are
// items, with their nested lists as part of their text; a section
// with no list has a paragraph an item (the mail form's plain paragraphs). Quotes are
// comments, not actions.
std::vector<ChecklistItem> checklist_items(const Issue& issue, const ChecklistConfig& config = {});

// 16 hex digits identifying an item's text: folded as search folds it, spaces and
// punctuation left out, so that width, case and kana changes keep the key.
std::string checklist_key(std::string_view text);

// How alike two texts are, 0..1: the Dice coefficient of their character bigrams, on
// the text checklist_key reads.
double text_similarity(std::string_view a, std::string_view b);

// A tick kept on the device: which article, the key, and the item's text when ticked.
struct StoredCheck {
  std::string article, key, text;
};

// Items at least this alike are "clearly the same" item after a correction: a typo or
// two in a line of 20-60 characters (measured: tests/core/test_checklist.cpp).
inline constexpr double kSameItemSimilarity = 0.75;

// For each item, the index into `stored` of the tick it carries, or -1. A tick goes to
// the item of its article with its key; a tick whose key no item has goes to the most
// alike unticked item of its article at kSameItemSimilarity or more, each item once.
std::vector<int> match_checks(const Issue& issue, const std::vector<ChecklistItem>& items,
                              const std::vector<StoredCheck>& stored);

// One issue's checklist as kept on the device (what the 対策 panel lists without the
// issue at hand), and what exports read.
struct ActionEntry {
  std::string key, text;
};
struct ActionArticle {
  std::string id, title;
  std::vector<ActionEntry> items;
};
struct ActionList {
  std::string issue, date, title;
  std::vector<ActionArticle> articles;  // only articles with items, in body order
};

ActionList make_action_list(const Issue& issue, const std::vector<ChecklistItem>& items);

// The open items as a Markdown task list, newest issue first as given: a heading per
// issue, a line per article linking to it (`site` + "?issue=" + id + "#" + article; no
// link when `site` is empty), "- [ ] item" per item.
std::string action_lists_markdown(const std::vector<ActionList>& lists, std::string_view site);

// The same as CSV (RFC 4180, CRLF, a UTF-8 byte order mark so spreadsheet programs read
// the Japanese): 日付, 号, 記事, 対策, URL. A cell that a spreadsheet would run as a
// formula (=, +, -, @ first) starts with an apostrophe.
std::string action_lists_csv(const std::vector<ActionList>& lists, std::string_view site);

}  // namespace digest
