// Loading and validating `digest-index/1`, and the model's helpers. Issues are loaded
// in one pass by issue_loader.cpp; an index is small and read through a DOM.
//
// [SECTION] Field reader (typed access with problems, never throws)
// [SECTION] Index loader and writer
// [SECTION] Model helpers

#include <algorithm>
#include <map>
#include <set>

#include "core/field_checks.hpp"
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

using Text = TextKind;

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
    if (std::optional<Problem> problem = text_problem(s, kind, required, limits_.max_string_bytes)) {
      problem->pointer = pointer;
      problems_.add(std::move(*problem));
      return false;
    }
    out = s;
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
  ProblemCollector& problems() { return problems_; }

 private:
  ProblemCollector& problems_;
  bool strict_;
  const LoadLimits& limits_;
};

//-----------------------------------------------------------------------------
// [SECTION] Index loader and writer
//-----------------------------------------------------------------------------

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
  IdRegistry ids("/issues");
  size_t next_index = 0;  // of the entry `each` hands over
  r.each(root, "issues", "", true, [&](const json& v, const std::string& p) {
    const size_t index = next_index++;
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
    if (ok && ids.add(r.problems(), p, e.id, index)) result.index.issues.push_back(std::move(e));
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
