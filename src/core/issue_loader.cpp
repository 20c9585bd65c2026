// Loading and validating `digest-issue/1` in one pass: JsonCursor reads the text and
// each value goes straight into the issue model, with no DOM in between. Problems are
// said in the order of the text; what refers to something later in the text (an
// article's category, a section's articles) is checked once the whole issue is read.
//
// [SECTION] Issue reader (the cursor, the problems, the Markdown budget)
// [SECTION] Articles, references, threads
// [SECTION] Categories, sections, afterword
// [SECTION] The document
// [SECTION] load_issue

#include <algorithm>

#include "core/field_checks.hpp"
#include "core/issue.hpp"
#include "core/json_cursor.hpp"
#include "core/json_document.hpp"
#include "core/link_policy.hpp"

namespace digest {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Issue reader
//-----------------------------------------------------------------------------

class IssueReader {
 public:
  IssueReader(JsonCursor& cursor, ProblemCollector& problems, bool strict, const LoadLimits& limits)
      : c_(cursor), problems_(problems), strict_(strict), limits_(limits) {}

  JsonCursor& cursor() { return c_; }
  const LoadLimits& limits() const { return limits_; }

  void report(ProblemCode code, std::string pointer, std::initializer_list<std::string> details = {}) {
    problems_.add(make_problem(code, std::move(pointer), details));
  }
  // A problem with the value being read.
  void report_here(ProblemCode code, std::initializer_list<std::string> details = {}) {
    report(code, c_.pointer(), details);
  }

  // The next value's kind is `kind`, else "expected {1}, got {2}" and it is skipped.
  bool expect(JsonKind kind, const char* name) {
    const JsonKind next = c_.peek();
    if (next == kind) return true;
    if (next == JsonKind::End) return false;  // a syntax error: unwinding
    const std::string pointer = c_.pointer();
    report(ProblemCode::WrongType, pointer, {name, c_.describe_and_skip()});
    return false;
  }
  bool object() { return expect(JsonKind::Object, "an object") && c_.begin_object(); }
  bool array() { return expect(JsonKind::Array, "an array") && c_.begin_array(); }

  // An object's members: `fn(key)` reads or skips each value. A repeated key (reported
  // by the cursor) is skipped: the first one counts.
  template <typename Fn>
  void members(Fn&& fn) {
    std::string_view key;
    while (c_.next_key(key)) {
      if (c_.duplicate_key())
        c_.skip();
      else
        fn(key);
    }
  }
  // An array's elements: `fn(index)` reads or skips each.
  template <typename Fn>
  void elements(Fn&& fn) {
    for (size_t i = 0; c_.next_element(); ++i) fn(i);
  }

  // A text field: checked, then copied into `out`. False when not usable.
  bool text(std::string& out, TextKind kind, bool required) {
    if (!expect(JsonKind::String, "a string")) return false;
    std::string_view value;
    if (!c_.read_string(value)) return false;
    if (std::optional<Problem> problem =
            text_problem(value, kind, required, limits_.max_string_bytes, c_.string_was_escaped())) {
      problem->pointer = c_.pointer();
      problems_.add(std::move(*problem));
      return false;
    }
    out.assign(value.data(), value.size());
    return true;
  }

  // A Markdown field, parsed once, counted against what one issue may make (blocks,
  // runs, links, table cells: LoadLimits). Past a limit the field's problem is said
  // and no more Markdown is parsed, so the time spent stays bounded too.
  void markdown(MarkdownText& out) {
    if (!text(out.source, TextKind::Markdown, false) || over_budget_) return;
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
    for (const auto& check : checks) {
      if (check.made > check.limit) {
        report_here(ProblemCode::TooMuchContent, {std::to_string(check.limit), check.what});
        over_budget_ = true;
        out.doc = Document();
        break;
      }
    }
  }

  // A member the format does not have: a warning in strict mode, skipped either way.
  void unknown(std::string_view key) {
    if (strict_) report_here(ProblemCode::UnknownField, {std::string(key)});
    c_.skip();
  }

  // After an object's '}': whether its id is new to `ids` (a repeat is said).
  bool new_id(IdRegistry& ids, const std::string& id, size_t index) {
    return ids.add(problems_, c_.pointer(), id, index);
  }

  // After an object's '}': a required member it lacked.
  void missing(bool present, const char* key) {
    if (!present) report(ProblemCode::MissingField, c_.pointer(), {key});
  }

 private:
  JsonCursor& c_;
  ProblemCollector& problems_;
  bool strict_;
  const LoadLimits& limits_;
  struct {
    size_t blocks = 0, runs = 0, links = 0, cells = 0, code_lines = 0;
  } made_;
  bool over_budget_ = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Articles, references, threads
//-----------------------------------------------------------------------------

void read_reference(IssueReader& r, Reference& ref) {
  if (!r.object()) return;
  bool has_title = false;
  r.members([&](std::string_view key) {
    if (key == "title") {
      has_title = true;
      r.text(ref.title, TextKind::Plain, true);
    } else if (key == "url") {
      if (!r.text(ref.url, TextKind::Plain, false) || ref.url.empty()) return;
      LinkVerdict verdict = check_link(ref.url);
      ref.link = Link{verdict.href, verdict.live};
      if (!verdict.live) r.report_here(ProblemCode::LinkRefused, {verdict.reason});
    } else {
      r.unknown(key);
    }
  });
  r.missing(has_title, "title");
}

// One way of a thread ("earlier" or "later"): entries {issue, article, date, title}.
void read_thread_entries(IssueReader& r, std::vector<ThreadEntry>& entries) {
  if (!r.array()) return;
  const size_t max = r.limits().max_thread_entries;
  size_t count = 0;
  r.elements([&](size_t) {
    if (++count > max) return r.cursor().skip();
    if (!r.object()) return;
    ThreadEntry e;
    bool ok = true, has_issue = false, has_article = false, has_date = false, has_title = false;
    r.members([&](std::string_view key) {
      if (key == "issue") {
        has_issue = true;
        ok = r.text(e.issue, TextKind::Slug, true) && ok;
      } else if (key == "article") {
        has_article = true;
        ok = r.text(e.article, TextKind::Slug, true) && ok;
      } else if (key == "date") {
        has_date = true;
        ok = r.text(e.date, TextKind::Date, true) && ok;
      } else if (key == "title") {
        has_title = true;
        ok = r.text(e.title, TextKind::Plain, true) && ok;
      } else {
        r.unknown(key);
      }
    });
    r.missing(has_issue, "issue");
    r.missing(has_article, "article");
    r.missing(has_date, "date");
    r.missing(has_title, "title");
    if (ok && has_issue && has_article && has_date && has_title) entries.push_back(std::move(e));
  });
  if (count > max) {
    // After ']': the pointer is the list's.
    entries.clear();
    r.report_here(ProblemCode::TooManyThreadEntries, {std::to_string(count), std::to_string(max)});
  }
}

// "thread": {"earlier": [...], "later": [...]}, each oldest first.
void read_thread(IssueReader& r, Article& a) {
  if (!r.object()) return;
  r.members([&](std::string_view key) {
    if (key == "earlier")
      read_thread_entries(r, a.earlier);
    else if (key == "later")
      read_thread_entries(r, a.later);
    else
      r.unknown(key);
  });
}

void read_article(IssueReader& r, Article& a) {
  if (!r.object()) return;
  bool has_id = false, has_title = false;
  r.members([&](std::string_view key) {
    if (key == "id") {
      has_id = true;
      r.text(a.id, TextKind::Slug, true);
    } else if (key == "title") {
      has_title = true;
      r.text(a.title, TextKind::Plain, true);
    } else if (key == "category") {
      r.text(a.category, TextKind::Slug, false);
    } else if (key == "summary") {
      r.markdown(a.summary);
    } else if (key == "commentary") {
      r.markdown(a.commentary);
    } else if (key == "body") {
      r.markdown(a.body);
    } else if (key == "author") {
      r.text(a.author, TextKind::Plain, false);
    } else if (key == "references") {
      if (!r.array()) return;
      r.elements([&](size_t) {
        a.references.emplace_back();
        read_reference(r, a.references.back());
      });
    } else if (key == "thread") {
      read_thread(r, a);
    } else {
      r.unknown(key);
    }
  });
  r.missing(has_id, "id");
  r.missing(has_title, "title");
}

//-----------------------------------------------------------------------------
// [SECTION] Categories, sections, afterword
//-----------------------------------------------------------------------------

// What is checked once the whole issue is read: ids used before they are defined.
struct LaterChecks {
  IdRegistry categories{"/categories"};
  IdRegistry articles{"/articles"};
  std::vector<size_t> article_index;  // of each kept article, in the file
  struct SectionRefs {
    size_t index;                 // of the section in the file
    std::vector<size_t> written;  // of each listed id in its "articles"
  };
  std::vector<SectionRefs> sections;  // one per kept section
};

void read_categories(IssueReader& r, Issue& issue, LaterChecks& later) {
  if (!r.array()) return;
  r.elements([&](size_t i) {
    if (!r.object()) return;
    Category c;
    bool has_id = false, id_ok = false;
    r.members([&](std::string_view key) {
      if (key == "id") {
        has_id = true;
        id_ok = r.text(c.id, TextKind::Slug, true);
      } else if (key == "label") {
        r.text(c.label, TextKind::Plain, false);
      } else if (key == "emoji") {
        r.text(c.emoji, TextKind::Plain, false);
      } else {
        r.unknown(key);
      }
    });
    r.missing(has_id, "id");
    if (id_ok && !r.new_id(later.categories, c.id, i)) return;
    issue.categories.push_back(std::move(c));
  });
}

void read_articles(IssueReader& r, Issue& issue, LaterChecks& later) {
  if (!r.array()) return;
  const size_t max = r.limits().max_articles;
  size_t count = 0;
  r.elements([&](size_t i) {
    if (++count > max) return r.cursor().skip();
    Article a;
    read_article(r, a);
    if (a.id.empty() || !r.new_id(later.articles, a.id, i)) return;
    issue.articles.push_back(std::move(a));
    later.article_index.push_back(i);
  });
  if (count > max) {
    // Said once, for the array (after ']' the pointer is the array's).
    r.report_here(ProblemCode::TooManyArticles, {std::to_string(count), std::to_string(max)});
    issue.articles.clear();
    later.articles.clear();
    later.article_index.clear();
  }
}

void read_sections(IssueReader& r, Issue& issue, LaterChecks& later) {
  if (!r.array()) return;
  IdRegistry section_ids("/sections");
  r.elements([&](size_t i) {
    if (!r.object()) return;
    Section s;
    LaterChecks::SectionRefs refs{i, {}};
    bool has_id = false, id_ok = false;
    r.members([&](std::string_view key) {
      if (key == "id") {
        has_id = true;
        id_ok = r.text(s.id, TextKind::Slug, true);
      } else if (key == "title") {
        r.text(s.title, TextKind::Plain, false);
      } else if (key == "emoji") {
        r.text(s.emoji, TextKind::Plain, false);
      } else if (key == "articles") {
        if (!r.array()) return;
        r.elements([&](size_t j) {
          if (!r.expect(JsonKind::String, "a string")) return;
          std::string_view value;
          if (!r.cursor().read_string(value)) return;
          s.article_ids.emplace_back(value);
          refs.written.push_back(j);
        });
      } else {
        r.unknown(key);
      }
    });
    r.missing(has_id, "id");
    if (id_ok && !r.new_id(section_ids, s.id, i)) return;
    issue.sections.push_back(std::move(s));
    later.sections.push_back(std::move(refs));
  });
}

void read_afterword(IssueReader& r, Issue& issue) {
  if (!r.object()) return;
  Afterword a;
  r.members([&](std::string_view key) {
    if (key == "title")
      r.text(a.title, TextKind::Plain, false);
    else if (key == "emoji")
      r.text(a.emoji, TextKind::Plain, false);
    else if (key == "body")
      r.markdown(a.body);
    else if (key == "author")
      r.text(a.author, TextKind::Plain, false);
    else
      r.unknown(key);
  });
  issue.afterword = std::move(a);
}

// Articles name categories and sections name articles, wherever in the text each is.
void check_references(IssueReader& r, Issue& issue, const LaterChecks& later) {
  if (!later.categories.empty()) {
    for (size_t k = 0; k < issue.articles.size(); ++k) {
      const std::string& category = issue.articles[k].category;
      if (!category.empty() && !later.categories.contains(category))
        r.report(ProblemCode::UnknownCategory, "/articles/" + std::to_string(later.article_index[k]) + "/category",
                 {category});
    }
  }
  for (size_t k = 0; k < issue.sections.size(); ++k) {
    std::vector<std::string>& ids = issue.sections[k].article_ids;
    const LaterChecks::SectionRefs& refs = later.sections[k];
    size_t kept = 0;
    for (size_t j = 0; j < ids.size(); ++j) {
      if (!later.articles.contains(ids[j])) {
        r.report(ProblemCode::UnknownArticle,
                 "/sections/" + std::to_string(refs.index) + "/articles/" + std::to_string(refs.written[j]),
                 {describe_string(ids[j])});
        continue;
      }
      if (kept != j) ids[kept] = std::move(ids[j]);
      ++kept;
    }
    ids.resize(kept);
  }
}

//-----------------------------------------------------------------------------
// [SECTION] The document
//-----------------------------------------------------------------------------

// Reads the root object into `issue`. Returns the refusal when the text is not a
// digest issue at all (then nothing it read counts).
std::optional<Problem> read_document(IssueReader& r, Issue& issue) {
  JsonCursor& c = r.cursor();
  const JsonKind root = c.peek();
  if (root == JsonKind::End) return std::nullopt;  // a syntax error, said by the caller
  if (root != JsonKind::Object) {
    c.refuse();  // nothing more is counted or checked but the syntax
    return make_problem(ProblemCode::NotAnIssue, std::string(), {c.describe_and_skip()});
  }
  c.begin_object();
  LaterChecks later;
  std::optional<Problem> refusal;
  bool has_format = false, has_id = false, has_date = false, has_articles = false;
  r.members([&](std::string_view key) {
    if (key == "format") {
      has_format = true;
      std::string_view value;
      if (c.peek() == JsonKind::String) {
        if (!c.read_string(value) || value == kIssueFormat) return;
        c.refuse();
        refusal = make_problem(ProblemCode::UnsupportedFormat, "/format", {describe_string(value)});
      } else {
        c.refuse();
        refusal = make_problem(ProblemCode::UnsupportedFormat, "/format", {c.describe_and_skip()});
      }
    } else if (key == "id") {
      has_id = true;
      r.text(issue.id, TextKind::Slug, true);
    } else if (key == "date") {
      has_date = true;
      r.text(issue.date, TextKind::Date, true);
    } else if (key == "lang") {
      r.text(issue.lang, TextKind::Plain, false);
    } else if (key == "title") {
      r.text(issue.title, TextKind::Plain, false);
    } else if (key == "categories") {
      read_categories(r, issue, later);
    } else if (key == "articles") {
      has_articles = true;
      read_articles(r, issue, later);
    } else if (key == "sections") {
      read_sections(r, issue, later);
    } else if (key == "afterword") {
      read_afterword(r, issue);
    } else {
      r.unknown(key);
    }
  });
  if (refusal || c.refused() || c.failed()) return refusal;
  if (!has_format) return make_problem(ProblemCode::FormatMissing, std::string());
  issue.format = std::string(kIssueFormat);
  r.missing(has_id, "id");
  r.missing(has_date, "date");
  r.missing(has_articles, "articles");
  check_references(r, issue, later);
  return std::nullopt;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] load_issue
//-----------------------------------------------------------------------------

IssueLoadResult load_issue(std::string_view text, bool strict, const LoadLimits& limits) {
  IssueLoadResult result;
  // What the reading itself finds (duplicate keys, too many values, a refusal) comes
  // first, then what the fields are found to hold: the order the problems had when the
  // text was read into a DOM before it was checked.
  ProblemCollector problems{result.problems, result.more_problems, result.more_errors, limits.max_problems, strict};
  if (!check_json_bytes(text, limits, problems, false)) return result;
  std::vector<Problem> found;
  size_t found_more = 0, found_more_errors = 0;
  ProblemCollector field_problems{found, found_more, found_more_errors, limits.max_problems, strict};

  JsonCursor cursor(text, problems, limits.max_json_values, limits.max_depth);
  IssueReader reader(cursor, field_problems, strict, limits);
  std::optional<Problem> refusal = read_document(reader, result.issue);
  if (!cursor.finish()) {
    // A syntax error wins: it is the more useful message.
    result = IssueLoadResult();
    problems.add(cursor.too_deep() ? positioned_problem(text, cursor.error_offset(), ProblemCode::TooDeep,
                                                        {std::to_string(limits.max_depth)})
                                   : syntax_problem(text, cursor.error_offset(), cursor.error_message()));
    return result;
  }
  if (refusal || cursor.refused()) {
    result.issue = Issue();
    if (refusal) problems.add(std::move(*refusal));
    return result;
  }
  for (Problem& p : found) problems.add(std::move(p));
  result.more_problems += found_more;
  result.more_errors += found_more_errors;
  return result;
}

}  // namespace digest
