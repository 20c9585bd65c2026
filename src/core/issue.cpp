// Loading and validating `digest-issue/1` and `digest-index/1`.
//
// [SECTION] Field reader (typed access with problems, never throws)
// [SECTION] Issue loader
// [SECTION] Index loader and writer
// [SECTION] Model helpers

#include <algorithm>
#include <map>
#include <set>

#include "core/issue.hpp"
#include "core/json_document.hpp"
#include "core/link_policy.hpp"
#include "core/utf8.hpp"

namespace digest {

using nlohmann::json;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Field reader
//-----------------------------------------------------------------------------

enum class Text { Plain, Slug, Date, Markdown };

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

class Reader {
 public:
  Reader(ProblemCollector& problems, bool strict, const LoadLimits& limits)
      : problems_(problems), strict_(strict), limits_(limits) {}

  // A problem at `pointer`, worded by the table in problems.cpp.
  void report(ProblemCode code, const std::string& pointer, std::initializer_list<std::string> details = {}) {
    problems_.add(make_problem(code, pointer, details));
  }

  // The member `key` of `obj`, or nullptr. Reports a missing required member.
  const json* member(const json& obj, const char* key, const std::string& pointer, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) report(ProblemCode::MissingField, pointer, {key});
      return nullptr;
    }
    return &*it;
  }

  bool expect(const json& value, json::value_t type, const std::string& pointer) {
    if (value.type() == type) return true;
    static const std::map<json::value_t, const char*> kNames = {
        {json::value_t::object, "an object"}, {json::value_t::array, "an array"}, {json::value_t::string, "a string"}};
    report(ProblemCode::WrongType, pointer, {kNames.at(type), describe_value(value)});
    return false;
  }

  // Reads a string member into `out`; returns false when absent or invalid.
  bool text(const json& obj, const char* key, const std::string& parent, std::string& out, Text kind, bool required) {
    const json* value = member(obj, key, parent, required);
    if (!value) return false;
    std::string pointer = pointer_append(parent, key);
    if (!expect(*value, json::value_t::string, pointer)) return false;
    const auto& s = value->get_ref<const std::string&>();
    if (s.size() > limits_.max_string_bytes) {
      report(ProblemCode::TextTooLong, pointer, {std::to_string(s.size()), std::to_string(limits_.max_string_bytes)});
      return false;
    }
    if (s.find('\0') != std::string::npos) {
      report(ProblemCode::NulInText, pointer);
      return false;
    }
    switch (kind) {
      case Text::Slug:
        if (!is_slug(s)) {
          report(ProblemCode::BadId, pointer, {describe_value(*value)});
          return false;
        }
        break;
      case Text::Date:
        if (!is_date(s)) {
          report(ProblemCode::BadDate, pointer, {describe_value(*value)});
          return false;
        }
        break;
      case Text::Plain:
        if (required && s.empty()) {
          report(ProblemCode::EmptyText, pointer);
          return false;
        }
        break;
      case Text::Markdown: break;
    }
    out = s;
    return true;
  }

  // A Markdown field, parsed once, counted against what one issue may make (blocks,
  // runs, links, table cells: LoadLimits). Past a limit the field's problem is said
  // and no more Markdown is parsed, so the time spent stays bounded too.
  bool markdown(const json& obj, const char* key, const std::string& parent, MarkdownText& out) {
    if (!text(obj, key, parent, out.source, Text::Markdown, false)) return false;
    if (over_budget_) return true;
    const size_t room = limits_.max_blocks - made_.blocks;
    out.doc = parse_markdown(out.source, std::min(kMaxMarkdownBlocks, room + 1));
    made_.blocks += out.doc.blocks.size();
    made_.links += out.doc.links.size();
    for (const Block& b : out.doc.blocks) {
      made_.runs += b.runs.size();
      // A code block is a line per line written, however short: the one kind of block
      // whose lines the text's length does not bound.
      if (b.kind == BlockKind::Code) {
        made_.code_lines += 1;
        for (const Run& r : b.runs)
          made_.code_lines += static_cast<size_t>(std::count(r.text.begin(), r.text.end(), '\n'));
      }
      for (const TableRow& row : b.rows) {
        made_.cells += row.cells.size();
        for (const TableCell& cell : row.cells) made_.runs += cell.runs.size();
      }
    }
    const struct {
      size_t made, limit;
      const char* what;
    } checks[] = {{made_.blocks, limits_.max_blocks, "blocks (paragraphs, headings, list items, rules)"},
                  {made_.runs, limits_.max_runs, "runs of styled text"},
                  {made_.links, limits_.max_links, "links"},
                  {made_.cells, limits_.max_table_cells, "table cells"},
                  {made_.code_lines, limits_.max_code_lines, "lines of code blocks"}};
    for (const auto& c : checks) {
      if (c.made > c.limit) {
        report(ProblemCode::TooMuchContent, pointer_append(parent, key), {std::to_string(c.limit), c.what});
        over_budget_ = true;
        out.doc = Document();
        break;
      }
    }
    return true;
  }

  // Each element of an array member, with its pointer; reports non-arrays.
  template <typename Fn>
  void each(const json& obj, const char* key, const std::string& parent, bool required, Fn&& fn) {
    const json* value = member(obj, key, parent, required);
    if (!value) return;
    std::string pointer = pointer_append(parent, key);
    if (!expect(*value, json::value_t::array, pointer)) return;
    for (size_t i = 0; i < value->size(); ++i) fn((*value)[i], pointer_append(pointer, i));
  }

  void unknown_fields(const json& obj, const std::string& pointer, std::initializer_list<const char*> known) {
    if (!strict_) return;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool is_known = std::any_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; });
      if (!is_known) report(ProblemCode::UnknownField, pointer_append(pointer, it.key()), {it.key()});
    }
  }

  const LoadLimits& limits() const { return limits_; }

 private:
  ProblemCollector& problems_;
  bool strict_;
  const LoadLimits& limits_;
  struct {
    size_t blocks = 0, runs = 0, links = 0, cells = 0, code_lines = 0;
  } made_;
  bool over_budget_ = false;
};

// Remembers where each id was first seen, to report duplicates with both places.
class IdRegistry {
 public:
  explicit IdRegistry(Reader& reader) : reader_(reader) {}
  bool add(const std::string& id, const std::string& pointer) {
    auto [it, inserted] = first_.emplace(id, pointer);
    if (!inserted) {
      reader_.report(ProblemCode::DuplicateId, pointer + "/id", {id, it->second});
    }
    return inserted;
  }
  bool contains(const std::string& id) const { return first_.count(id) != 0; }
  bool empty() const { return first_.empty(); }

 private:
  Reader& reader_;
  std::map<std::string, std::string> first_;
};

//-----------------------------------------------------------------------------
// [SECTION] Issue loader
//-----------------------------------------------------------------------------

void read_reference(Reader& r, const json& v, const std::string& p, Reference& ref) {
  if (!r.expect(v, json::value_t::object, p)) return;
  r.text(v, "title", p, ref.title, Text::Plain, true);
  if (r.text(v, "url", p, ref.url, Text::Plain, false) && !ref.url.empty()) {
    LinkVerdict verdict = check_link(ref.url);
    ref.link = Link{verdict.href, verdict.live};
    if (!verdict.live) r.report(ProblemCode::LinkRefused, pointer_append(p, "url"), {verdict.reason});
  }
  r.unknown_fields(v, p, {"title", "url"});
}

// "thread": {"earlier": [...], "later": [...]}, each entry {issue, article, date, title}.
void read_thread(Reader& r, const json& v, const std::string& p, Article& a) {
  const json* thread = r.member(v, "thread", p, false);
  if (!thread) return;
  const std::string tp = pointer_append(p, "thread");
  if (!r.expect(*thread, json::value_t::object, tp)) return;
  for (const auto& way : {std::pair{"earlier", &a.earlier}, std::pair{"later", &a.later}}) {
    const char* key = way.first;
    std::vector<ThreadEntry>* entries = way.second;  // a plain name: lambdas cannot take a binding in C++17
    const json* list = r.member(*thread, key, tp, false);
    if (list && list->is_array() && list->size() > r.limits().max_thread_entries) {
      r.report(ProblemCode::TooManyThreadEntries, pointer_append(tp, key),
               {std::to_string(list->size()), std::to_string(r.limits().max_thread_entries)});
      continue;
    }
    r.each(*thread, key, tp, false, [&](const json& item, const std::string& ip) {
      if (!r.expect(item, json::value_t::object, ip)) return;
      ThreadEntry e;
      bool ok = r.text(item, "issue", ip, e.issue, Text::Slug, true);
      ok = r.text(item, "article", ip, e.article, Text::Slug, true) && ok;
      ok = r.text(item, "date", ip, e.date, Text::Date, true) && ok;
      ok = r.text(item, "title", ip, e.title, Text::Plain, true) && ok;
      r.unknown_fields(item, ip, {"issue", "article", "date", "title"});
      if (ok) entries->push_back(std::move(e));
    });
  }
  r.unknown_fields(*thread, tp, {"earlier", "later"});
}

void read_article(Reader& r, const json& v, const std::string& p, Article& a) {
  if (!r.expect(v, json::value_t::object, p)) return;
  r.text(v, "id", p, a.id, Text::Slug, true);
  r.text(v, "category", p, a.category, Text::Slug, false);
  r.text(v, "title", p, a.title, Text::Plain, true);
  r.markdown(v, "summary", p, a.summary);
  r.markdown(v, "commentary", p, a.commentary);
  r.markdown(v, "body", p, a.body);
  r.text(v, "author", p, a.author, Text::Plain, false);
  r.each(v, "references", p, false, [&](const json& item, const std::string& ip) {
    a.references.emplace_back();
    read_reference(r, item, ip, a.references.back());
  });
  read_thread(r, v, p, a);
  r.unknown_fields(v, p,
                   {"id", "category", "title", "summary", "commentary", "body", "author", "references", "thread"});
}

void read_categories(Reader& r, const json& root, Issue& issue, IdRegistry& category_ids) {
  r.each(root, "categories", "", false, [&](const json& v, const std::string& p) {
    if (!r.expect(v, json::value_t::object, p)) return;
    Category c;
    if (r.text(v, "id", p, c.id, Text::Slug, true) && !category_ids.add(c.id, p)) return;
    r.text(v, "label", p, c.label, Text::Plain, false);
    r.text(v, "emoji", p, c.emoji, Text::Plain, false);
    r.unknown_fields(v, p, {"id", "label", "emoji"});
    issue.categories.push_back(std::move(c));
  });
}

void read_articles(Reader& r, const json& root, const LoadLimits& limits, Issue& issue,
                   const IdRegistry& category_ids, IdRegistry& article_ids) {
  const json* articles = r.member(root, "articles", "", true);
  if (!articles || !r.expect(*articles, json::value_t::array, "/articles")) return;
  if (articles->size() > limits.max_articles) {
    r.report(ProblemCode::TooManyArticles, "/articles",
             {std::to_string(articles->size()), std::to_string(limits.max_articles)});
    return;
  }
  issue.articles.reserve(articles->size());
  for (size_t i = 0; i < articles->size(); ++i) {
    std::string p = pointer_append("/articles", i);
    Article a;
    read_article(r, (*articles)[i], p, a);
    if (a.id.empty() || !article_ids.add(a.id, p)) continue;
    if (!a.category.empty() && !category_ids.empty() && !category_ids.contains(a.category)) {
      r.report(ProblemCode::UnknownCategory, p + "/category", {a.category});
    }
    issue.articles.push_back(std::move(a));
  }
}

void read_sections(Reader& r, const json& root, Issue& issue, const IdRegistry& article_ids) {
  IdRegistry section_ids(r);
  r.each(root, "sections", "", false, [&](const json& v, const std::string& p) {
    if (!r.expect(v, json::value_t::object, p)) return;
    Section s;
    if (r.text(v, "id", p, s.id, Text::Slug, true) && !section_ids.add(s.id, p)) return;
    r.text(v, "title", p, s.title, Text::Plain, false);
    r.text(v, "emoji", p, s.emoji, Text::Plain, false);
    r.each(v, "articles", p, false, [&](const json& ref, const std::string& rp) {
      if (!r.expect(ref, json::value_t::string, rp)) return;
      const auto& id = ref.get_ref<const std::string&>();
      if (!article_ids.contains(id)) {
        r.report(ProblemCode::UnknownArticle, rp, {describe_value(ref)});
        return;
      }
      s.article_ids.push_back(id);
    });
    r.unknown_fields(v, p, {"id", "title", "emoji", "articles"});
    issue.sections.push_back(std::move(s));
  });
}

void read_afterword(Reader& r, const json& root, Issue& issue) {
  const json* aw = r.member(root, "afterword", "", false);
  if (!aw || !r.expect(*aw, json::value_t::object, "/afterword")) return;
  Afterword a;
  r.text(*aw, "title", "/afterword", a.title, Text::Plain, false);
  r.text(*aw, "emoji", "/afterword", a.emoji, Text::Plain, false);
  r.markdown(*aw, "body", "/afterword", a.body);
  r.text(*aw, "author", "/afterword", a.author, Text::Plain, false);
  r.unknown_fields(*aw, "/afterword", {"title", "emoji", "body", "author"});
  issue.afterword = std::move(a);
}

}  // namespace

IssueLoadResult load_issue(std::string_view text, bool strict, const LoadLimits& limits) {
  IssueLoadResult result;
  json root;
  const ExpectedDocument expected{kIssueFormat, ProblemCode::NotAnIssue, ProblemCode::UnsupportedFormat};
  ProblemCollector problems{result.problems, result.more_problems, result.more_errors, limits.max_problems, strict};
  if (!read_json(text, limits, expected, root, problems)) return result;
  Reader r(problems, strict, limits);
  Issue& issue = result.issue;

  if (!root.is_object()) {
    r.report(ProblemCode::NotAnIssue, "", {describe_value(root)});
    return result;
  }
  const json* format = root.contains("format") ? &root["format"] : nullptr;
  if (!format) {
    r.report(ProblemCode::FormatMissing, "");
    return result;
  }
  if (!format->is_string() || format->get_ref<const std::string&>() != kIssueFormat) {
    r.report(ProblemCode::UnsupportedFormat, "/format", {describe_value(*format)});
    return result;
  }
  issue.format = std::string(kIssueFormat);
  r.text(root, "id", "", issue.id, Text::Slug, true);
  r.text(root, "date", "", issue.date, Text::Date, true);
  r.text(root, "lang", "", issue.lang, Text::Plain, false);
  r.text(root, "title", "", issue.title, Text::Plain, false);
  // In this order: articles name categories, sections name articles.
  IdRegistry category_ids(r), article_ids(r);
  read_categories(r, root, issue, category_ids);
  read_articles(r, root, limits, issue, category_ids, article_ids);
  read_sections(r, root, issue, article_ids);
  read_afterword(r, root, issue);
  r.unknown_fields(root, "",
                   {"format", "id", "date", "lang", "title", "categories", "sections", "articles", "afterword"});
  return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Index loader and writer
//-----------------------------------------------------------------------------

namespace {

// Index entries name files beside the index. A path that would leave that folder (a
// ".." segment, a leading "/", a backslash, or a ":" as in a scheme) is refused, though the
// viewer's fetches of it would stay on the same origin.
bool archive_path(Reader& r, const std::string& path, const std::string& pointer) {
  bool bad = path.front() == '/' || path.find('\\') != std::string::npos || path.find(':') != std::string::npos;
  for (size_t start = 0; !bad && start <= path.size();) {
    const size_t end = std::min(path.find('/', start), path.size());
    bad = path.compare(start, end - start, "..") == 0;
    start = end + 1;
  }
  if (bad) r.report(ProblemCode::UnsafePath, pointer, {"\"" + path + "\""});
  return !bad;
}

}  // namespace

IndexLoadResult load_index(std::string_view text, const LoadLimits& limits) {
  IndexLoadResult result;
  json root;
  const ExpectedDocument expected{kIndexFormat, ProblemCode::NotAnIndex, ProblemCode::UnsupportedIndexFormat};
  ProblemCollector problems{result.problems, result.more_problems, result.more_errors, limits.max_problems, false};
  if (!read_json(text, limits, expected, root, problems)) return result;
  Reader r(problems, false, limits);
  if (!root.is_object() || !root.contains("format")) {
    r.report(ProblemCode::NotAnIndex, "");
    return result;
  }
  if (!root["format"].is_string() || root["format"].get_ref<const std::string&>() != kIndexFormat) {
    r.report(ProblemCode::UnsupportedIndexFormat, "/format", {describe_value(root["format"])});
    return result;
  }
  IdRegistry ids(r);
  r.each(root, "issues", "", true, [&](const json& v, const std::string& p) {
    if (!r.expect(v, json::value_t::object, p)) return;
    IndexEntry e;
    bool ok = r.text(v, "id", p, e.id, Text::Slug, true);
    ok = r.text(v, "date", p, e.date, Text::Date, true) && ok;
    r.text(v, "title", p, e.title, Text::Plain, false);
    r.text(v, "headline", p, e.headline, Text::Plain, false);
    ok = r.text(v, "path", p, e.path, Text::Plain, true) && ok;
    ok = (e.path.empty() || archive_path(r, e.path, pointer_append(p, "path"))) && ok;
    if (const auto n = v.find("articles"); n != v.end() && n->is_number_unsigned()) e.articles = n->get<size_t>();
    r.each(v, "categories", p, false, [&](const json& c, const std::string& cp) {
      if (r.expect(c, json::value_t::string, cp)) e.categories.push_back(c.get<std::string>());
    });
    if (ok && ids.add(e.id, p)) result.index.issues.push_back(std::move(e));
  });
  r.each(root, "years", "", false, [&](const json& v, const std::string& p) {
    if (!r.expect(v, json::value_t::object, p)) return;
    IndexYear y;
    bool ok = r.text(v, "year", p, y.year, Text::Plain, true);
    ok = r.text(v, "path", p, y.path, Text::Plain, true) && ok;
    ok = (y.path.empty() || archive_path(r, y.path, pointer_append(p, "path"))) && ok;
    const bool four_digits = y.year.size() == 4 && std::all_of(y.year.begin(), y.year.end(), ::isdigit);
    if (ok && !four_digits) r.report(ProblemCode::BadDate, pointer_append(p, "year"), {describe_value(v["year"])});
    if (const auto n = v.find("issues"); n != v.end() && n->is_number_unsigned()) y.issues = n->get<size_t>();
    if (ok && four_digits) result.index.years.push_back(std::move(y));
  });
  return result;
}

IndexEntry make_index_entry(const Issue& issue, std::string path) {
  IndexEntry e;
  e.id = issue.id;
  e.date = issue.date;
  e.title = issue.title;
  std::vector<size_t> order = issue.reading_order();
  if (!order.empty()) e.headline = issue.articles[order.front()].title;
  e.path = std::move(path);
  e.articles = issue.articles.size();
  for (const Category& c : issue.categories) {
    const bool used =
        std::any_of(issue.articles.begin(), issue.articles.end(), [&](const Article& a) { return a.category == c.id; });
    if (used) e.categories.push_back(c.id);
  }
  return e;
}

namespace {

void sort_newest_first(std::vector<IndexEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const IndexEntry& a, const IndexEntry& b) {
    return a.date != b.date ? a.date > b.date : a.id > b.id;
  });
}

}  // namespace

std::string write_index(std::vector<IndexEntry> entries, const std::vector<IndexYear>& years) {
  sort_newest_first(entries);
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (const auto& e : entries) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    item["id"] = e.id;
    item["date"] = e.date;
    item["title"] = e.title;
    item["headline"] = e.headline;
    item["path"] = e.path;
    if (!e.categories.empty()) item["categories"] = e.categories;
    if (e.articles > 0) item["articles"] = e.articles;
    issues.push_back(std::move(item));
  }
  nlohmann::ordered_json root = nlohmann::ordered_json::object();
  root["format"] = std::string(kIndexFormat);
  root["issues"] = std::move(issues);
  if (!years.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const IndexYear& y : years) list.push_back({{"year", y.year}, {"path", y.path}, {"issues", y.issues}});
    root["years"] = std::move(list);
  }
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

void add_index_entries(ArchiveIndex& index, std::vector<IndexEntry> entries) {
  std::set<std::string> listed;
  for (const IndexEntry& e : index.issues) listed.insert(e.id);
  for (IndexEntry& e : entries) {
    if (listed.insert(e.id).second) index.issues.push_back(std::move(e));
  }
  sort_newest_first(index.issues);
}

std::map<std::string, std::string> write_index_files(std::vector<IndexEntry> entries, size_t recent) {
  sort_newest_first(entries);
  std::map<std::string, std::string> files;
  if (entries.size() <= recent) {
    files["index.json"] = write_index(std::move(entries));
    return files;
  }
  std::vector<IndexYear> years;
  for (size_t i = 0; i < entries.size();) {
    const std::string year = entries[i].date.substr(0, 4);
    size_t end = i;
    while (end < entries.size() && entries[end].date.compare(0, 4, year) == 0) ++end;
    IndexYear y{year, "index-" + year + ".json", end - i};
    files[y.path] = write_index(std::vector<IndexEntry>(entries.begin() + long(i), entries.begin() + long(end)));
    years.push_back(std::move(y));
    i = end;
  }
  entries.resize(recent);
  files["index.json"] = write_index(std::move(entries), years);
  return files;
}

//-----------------------------------------------------------------------------
// [SECTION] Model helpers
//-----------------------------------------------------------------------------

const Category* Issue::find_category(std::string_view category_id) const {
  for (const auto& c : categories)
    if (c.id == category_id) return &c;
  return nullptr;
}

std::vector<size_t> Issue::reading_order() const {
  std::map<std::string_view, size_t> index_of;
  for (size_t i = 0; i < articles.size(); ++i) index_of.emplace(articles[i].id, i);
  std::vector<bool> placed(articles.size(), false);
  std::vector<size_t> order;
  order.reserve(articles.size());
  for (const auto& s : sections) {
    for (const auto& id : s.article_ids) {
      auto it = index_of.find(id);
      if (it != index_of.end() && !placed[it->second]) {
        placed[it->second] = true;
        order.push_back(it->second);
      }
    }
  }
  for (size_t i = 0; i < articles.size(); ++i)
    if (!placed[i]) order.push_back(i);
  return order;
}

std::string issue_characters(const Issue& issue) {
  std::vector<bool> seen(0x110000, false);  // 136 KB, however long the issue
  auto add = [&](std::string_view text) {
    for (size_t i = 0; i < text.size();) {
      const char32_t c = utf8_next(text, i);
      if (c >= 0x20 && c < seen.size()) seen[c] = true;
    }
  };
  auto add_runs = [&](const std::vector<Run>& runs) {
    for (const Run& run : runs) add(run.text);
  };
  auto add_markdown = [&](const MarkdownText& markdown) {
    for (const Block& block : markdown.doc.blocks) {
      add(block.marker);
      add_runs(block.runs);
      for (const TableRow& row : block.rows)
        for (const TableCell& cell : row.cells) add_runs(cell.runs);
    }
  };
  add(issue.title);
  add(issue.date);
  for (const Category& c : issue.categories) add(c.label), add(c.emoji);
  for (const Section& s : issue.sections) add(s.title), add(s.emoji);
  for (const Article& a : issue.articles) {
    add(a.title);
    add(a.author);
    add_markdown(a.summary);
    add_markdown(a.commentary);
    add_markdown(a.body);
    for (const Reference& r : a.references) add(r.title), add(r.url);
    for (const auto* entries : {&a.earlier, &a.later})
      for (const ThreadEntry& e : *entries) add(e.date), add(e.title);
  }
  if (issue.afterword) {
    add(issue.afterword->title);
    add(issue.afterword->emoji);
    add(issue.afterword->author);
    add_markdown(issue.afterword->body);
  }
  std::string out;
  for (char32_t c = 0; c < seen.size(); ++c)
    if (seen[c]) utf8_append(out, c);
  return out;
}

bool IssueLoadResult::ok() const {
  return more_errors == 0 &&
         std::none_of(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::Error; });
}

bool IndexLoadResult::ok() const {
  return problems.empty() && more_problems == 0;
}

}  // namespace digest
