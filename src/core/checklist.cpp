// Action checklists (checklist.hpp).
//
// [SECTION] Keys and likeness
// [SECTION] Items of an issue
// [SECTION] Matching ticks
// [SECTION] Action lists and exports
#include "core/checklist.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/hash.hpp"
#include "core/search.hpp"
#include "core/utf8.hpp"

namespace digest {

//-----------------------------------------------------------------------------
// [SECTION] Keys and likeness
//-----------------------------------------------------------------------------

namespace {

// Spaces, punctuation and emoji say nothing about which item it is.
bool is_meaningful(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK symbols and punctuation
  if (cp == 0x30FB) return false;                  // ・
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // full-width punctuation search leaves
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
  return !is_emoji(cp);
}

// The code points an item's identity is made of.
std::u32string identity(std::string_view text) {
  const std::string folded = fold_for_search(text).text;
  std::u32string out;
  for (size_t i = 0; i < folded.size();) {
    const char32_t cp = utf8_next(folded, i);
    if (is_meaningful(cp)) out += cp;
  }
  return out;
}

std::vector<uint64_t> bigrams(const std::u32string& s) {
  std::vector<uint64_t> grams;
  for (size_t i = 0; i + 1 < s.size(); ++i) grams.push_back((uint64_t(s[i]) << 32) | s[i + 1]);
  if (s.size() == 1) grams.push_back(s[0]);
  std::sort(grams.begin(), grams.end());
  return grams;
}

}  // namespace

std::string checklist_key(std::string_view text) {
  std::string bytes;  // the identity's UTF-8
  for (char32_t cp : identity(text)) utf8_append(bytes, cp);
  const uint64_t hash = fnv1a(bytes);
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

double text_similarity(std::string_view a, std::string_view b) {
  const std::vector<uint64_t> x = bigrams(identity(a)), y = bigrams(identity(b));
  if (x.empty() && y.empty()) return 1.0;
  if (x.empty() || y.empty()) return 0.0;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] == y[j]) ++common, ++i, ++j;
    else if (x[i] < y[j]) ++i;
    else ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

//-----------------------------------------------------------------------------
// [SECTION] Items of an issue
//-----------------------------------------------------------------------------

namespace {

std::string runs_text(const std::vector<Run>& runs) {
  std::string out;
  for (const Run& r : runs) out += r.text;
  return out;
}

bool is_checklist_heading(const Block& block, const std::vector<std::u32string>& names) {
  if (block.kind != BlockKind::Heading) return false;
  const std::u32string heading = identity(runs_text(block.runs));
  for (const auto& name : names)
    if (!name.empty() && heading.find(name) != std::u32string::npos) return true;
  return false;
}

// The items of blocks [begin, end) of a checklist section of article `article`.
void section_items(const Document& doc, size_t article, size_t begin, size_t end, std::vector<ChecklistItem>& out) {
  uint32_t depth = UINT32_MAX;  // the outermost list's depth in the section
  for (size_t i = begin; i < end; ++i)
    if (doc.blocks[i].list_depth > 0 && !doc.blocks[i].marker.empty() && doc.blocks[i].quote_depth == 0)
      depth = std::min(depth, doc.blocks[i].list_depth);
  auto add = [&](size_t block, std::string text) {
    ChecklistItem item;
    item.article = article;
    item.block = static_cast<uint32_t>(block);
    item.key = checklist_key(text);
    item.text = std::move(text);
    if (!identity(item.text).empty()) out.push_back(std::move(item));
  };
  if (depth == UINT32_MAX) {  // no list: each plain paragraph is an item
    for (size_t i = begin; i < end; ++i) {
      const Block& b = doc.blocks[i];
      if (b.kind == BlockKind::Paragraph && b.quote_depth == 0) add(i, runs_text(b.runs));
    }
    return;
  }
  for (size_t i = begin; i < end; ++i) {
    const Block& b = doc.blocks[i];
    if (b.quote_depth != 0 || b.list_depth != depth || b.marker.empty()) continue;
    std::string text = runs_text(b.runs);
    // The item's further blocks: deeper, or at its depth without a marker of their own.
    for (size_t j = i + 1; j < end; ++j) {
      const Block& more = doc.blocks[j];
      if (more.list_depth < depth || (more.list_depth == depth && !more.marker.empty())) break;
      if (more.kind == BlockKind::Table || more.kind == BlockKind::Rule) continue;
      const std::string part = runs_text(more.runs);
      if (!part.empty()) text += (text.empty() ? "" : " ") + part;
    }
    add(i, std::move(text));
  }
}

}  // namespace

std::vector<ChecklistItem> checklist_items(const Issue& issue, const ChecklistConfig& config) {
  std::vector<std::u32string> names;
  for (const auto& heading : config.headings) names.push_back(identity(heading));
  std::vector<ChecklistItem> items;
  for (size_t a = 0; a < issue.articles.size(); ++a) {
    const Document& doc = issue.articles[a].body.doc;
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
      if (!is_checklist_heading(doc.blocks[i], names)) continue;
      size_t end = i + 1;
      while (end < doc.blocks.size() && doc.blocks[end].kind != BlockKind::Heading) ++end;
      section_items(doc, a, i + 1, end, items);
      i = end - 1;
    }
  }
  return items;
}

//-----------------------------------------------------------------------------
// [SECTION] Matching ticks
//-----------------------------------------------------------------------------

std::vector<int> match_checks(const Issue& issue, const std::vector<ChecklistItem>& items,
                              const std::vector<StoredCheck>& stored) {
  std::vector<int> tick(items.size(), -1);
  std::vector<bool> used(stored.size(), false);
  // Exact keys first.
  // Views of the stored strings themselves (a make_pair would copy them into temporaries).
  using Key = std::pair<std::string_view, std::string_view>;
  std::map<Key, size_t> by_key;
  for (size_t s = 0; s < stored.size(); ++s) by_key.emplace(Key(stored[s].article, stored[s].key), s);
  for (size_t i = 0; i < items.size(); ++i) {
    const auto found = by_key.find(Key(issue.articles[items[i].article].id, items[i].key));
    if (found == by_key.end() || used[found->second]) continue;
    tick[i] = static_cast<int>(found->second);
    used[found->second] = true;
  }
  // Then the ticks left over, to the most alike item of their article: best pairs first.
  std::vector<std::tuple<double, size_t, size_t>> pairs;  // likeness, stored, item
  for (size_t s = 0; s < stored.size(); ++s) {
    if (used[s]) continue;
    for (size_t i = 0; i < items.size(); ++i) {
      if (tick[i] >= 0 || issue.articles[items[i].article].id != stored[s].article) continue;
      const double likeness = text_similarity(stored[s].text, items[i].text);
      if (likeness >= kSameItemSimilarity) pairs.emplace_back(likeness, s, i);
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
  for (const auto& [likeness, s, i] : pairs) {
    if (used[s] || tick[i] >= 0) continue;
    tick[i] = static_cast<int>(s);
    used[s] = true;
  }
  return tick;
}

//-----------------------------------------------------------------------------
// [SECTION] Action lists and exports
//-----------------------------------------------------------------------------

ActionList make_action_list(const Issue& issue, const std::vector<ChecklistItem>& items) {
  ActionList list;
  list.issue = issue.id;
  list.date = issue.date;
  list.title = issue.title;
  for (const ChecklistItem& item : items) {
    const Article& article = issue.articles[item.article];
    if (list.articles.empty() || list.articles.back().id != article.id)
      list.articles.push_back(ActionArticle{article.id, article.title, {}});
    list.articles.back().items.push_back(ActionEntry{item.key, item.text});
  }
  return list;
}

namespace {

std::string article_url(std::string_view site, const ActionList& list, const ActionArticle& article) {
  if (site.empty()) return {};
  return std::string(site) + "?issue=" + list.issue + "#" + article.id;
}

// Markdown text on one line: characters that would start markup are escaped.
std::string markdown_inline(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string csv_cell(std::string_view text) {
  std::string cell(text);
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) cell = "'" + cell;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string action_lists_markdown(const std::vector<ActionList>& lists, std::string_view site) {
  size_t count = 0;
  for (const auto& list : lists)
    for (const auto& article : list.articles) count += article.items.size();
  std::string out = "# 対策リスト(未完了 " + std::to_string(count) + "件)\n";
  for (const auto& list : lists) {
    if (list.articles.empty()) continue;
    out += "\n## " + markdown_inline(list.date) + (list.title.empty() ? "" : " " + markdown_inline(list.title)) + "\n";
    for (const auto& article : list.articles) {
      const std::string url = article_url(site, list, article);
      out += "\n### " + (url.empty() ? markdown_inline(article.title)
                                     : "[" + markdown_inline(article.title) + "](<" + url + ">)") +
             "\n\n";
      for (const auto& item : article.items) out += "- [ ] " + markdown_inline(item.text) + "\n";
    }
  }
  return out;
}

std::string action_lists_csv(const std::vector<ActionList>& lists, std::string_view site) {
  std::string out = "\xEF\xBB\xBF日付,号,記事,対策,URL\r\n";
  for (const auto& list : lists) {
    for (const auto& article : list.articles) {
      const std::string url = article_url(site, list, article);
      for (const auto& item : article.items) {
        out += csv_cell(list.date) + "," + csv_cell(list.title) + "," + csv_cell(article.title) + "," +
               csv_cell(item.text) + "," + csv_cell(url) + "\r\n";
      }
    }
  }
  return out;
}

}  // namespace digest
