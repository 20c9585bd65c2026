#include "core/import_text.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/utf8.hpp"

namespace digest {

namespace {

using ojson = nlohmann::ordered_json;

constexpr char32_t kWritingHand = 0x270D;  // ✍ author line
constexpr char32_t kBlackNib = 0x2712;     // ✒️ afterword line

bool is_emoji_start(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF);
}

std::string_view trim(std::string_view s) {
  auto is_space = [](std::string_view t, size_t at) {
    // ASCII white space and U+3000 IDEOGRAPHIC SPACE (E3 80 80).
    if (at < t.size() && (t[at] == ' ' || t[at] == '\t' || t[at] == '\r')) return size_t{1};
    if (t.substr(at, 3) == "\xE3\x80\x80") return size_t{3};
    return size_t{0};
  };
  while (!s.empty()) {
    size_t n = is_space(s, 0);
    if (!n) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')
      s.remove_suffix(1);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80")
      s.remove_suffix(3);
    else
      break;
  }
  return s;
}

// "🔐 Security" → emoji "🔐", rest "Security". The emoji may carry VS16 and joiners.
bool split_emoji_line(std::string_view line, std::string& emoji, std::string& rest, char32_t& first) {
  size_t i = 0;
  first = utf8_next(line, i);
  if (!is_emoji_start(first)) return false;
  while (i < line.size()) {
    size_t j = i;
    char32_t cp = utf8_next(line, j);
    if (cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) || is_emoji_start(cp))
      i = j;
    else
      break;
  }
  emoji = std::string(line.substr(0, i));
  rest = std::string(trim(line.substr(i)));
  return true;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) utf8_next(s, i);
  return n;
}

// Sub-section headings are short and do not end a sentence.
bool looks_like_heading(std::string_view line) {
  return code_points(line) <= 20 && line.find("。") == std::string_view::npos &&
         line.find("．") == std::string_view::npos;
}

std::string slugify(std::string_view label) {
  std::string slug;
  for (char c : label) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      slug += c;
    else if (c >= 'A' && c <= 'Z')
      slug += static_cast<char>(c - 'A' + 'a');
    else if (!slug.empty() && slug.back() != '-')
      slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 48) slug.resize(48);
  return slug;
}

struct Draft {
  ojson article = ojson::object();
  std::string body;
  ojson references = ojson::array();
  int stage = 0;  // 0 title, 1 summary, 2 commentary, 3 body
};

struct Line {
  size_t number;
  std::string_view text;
};

// Trimmed, numbered, non-blank lines (a UTF-8 byte order mark dropped).
std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t number = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string_view line = trim(text.substr(start, end - start));
    if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line = trim(line.substr(3));
    if (!line.empty()) lines.push_back({number, line});
    start = end + 1;
  }
  return lines;
}

// A reference line: "Title - https://..." (or just a title, or just a URL).
ojson reference_from(std::string_view t) {
  ojson ref = ojson::object();
  size_t url_at = t.find("https://");
  if (url_at == std::string_view::npos) url_at = t.find("http://");
  if (url_at == std::string_view::npos) {
    ref["title"] = std::string(t);
    return ref;
  }
  size_t url_end = t.find_first_of(" \t", url_at);
  std::string_view url = t.substr(url_at, url_end == std::string_view::npos ? std::string_view::npos : url_end - url_at);
  std::string title = std::string(trim(t.substr(0, url_at)));
  while (!title.empty() && (title.back() == '-' || title.back() == ':' || title.back() == ' ')) title.pop_back();
  ref["title"] = title.empty() ? std::string(url) : title;
  ref["url"] = std::string(url);
  return ref;
}

void add_paragraph(std::string& body, const std::string& paragraph) {
  if (!body.empty()) body += "\n\n";
  body += paragraph;
}

// The digest's plain text, line by line, into the parts of an issue.
class Importer {
 public:
  explicit Importer(std::vector<std::string>& problems) : problems_(problems) {}

  void read(const std::vector<Line>& lines) {
    for (size_t k = 0; k < lines.size(); ++k) {
      std::string emoji, rest;
      char32_t first = 0;
      if (split_emoji_line(lines[k].text, emoji, rest, first))
        emoji_line(emoji, rest, first, k + 1 < lines.size() ? &lines[k + 1] : nullptr);
      else
        text_line(lines[k]);
    }
    finish_article();
  }

  bool empty() const { return articles_.empty(); }

  ojson issue(const ImportOptions& options) {
    ojson issue = ojson::object();
    issue["format"] = "digest-issue/1";
    issue["id"] = options.id.empty() ? options.date : options.id;
    issue["date"] = options.date;
    issue["lang"] = options.lang;
    issue["title"] = options.title;
    if (!categories_.empty()) issue["categories"] = categories_;
    if (!sections_.empty()) issue["sections"] = sections_;
    issue["articles"] = articles_;
    if (afterword_.is_object()) {
      if (!afterword_body_.empty()) afterword_["body"] = afterword_body_;
      issue["afterword"] = afterword_;
    }
    return issue;
  }

 private:
  // A line that starts with an emoji: the author (✍), the afterword (✒), a section
  // heading (followed by another emoji line) or a category line, which starts an article.
  void emoji_line(const std::string& emoji, const std::string& rest, char32_t first, const Line* next) {
    if (first == kWritingHand) {
      if (in_afterword_)
        afterword_["author"] = rest;
      else if (in_article_)
        draft_.article["author"] = rest;
      return;
    }
    finish_article();
    in_afterword_ = false;
    if (first == kBlackNib) {
      in_afterword_ = true;
      afterword_ = ojson::object();
      afterword_["title"] = rest;
      afterword_["emoji"] = emoji;
      return;
    }
    std::string next_emoji, next_rest;
    char32_t next_first = 0;
    if (next && split_emoji_line(next->text, next_emoji, next_rest, next_first) && next_first != kWritingHand &&
        next_first != kBlackNib) {
      add_section(emoji, rest);
      return;
    }
    start_article(emoji, rest);
  }

  void add_section(const std::string& emoji, const std::string& title) {
    ojson section = ojson::object();
    std::string id = slugify(title);
    if (id.empty() || id == "top-stories") id = sections_.empty() ? "top" : "section-" + std::to_string(sections_.size() + 1);
    section["id"] = id;
    section["title"] = title;
    section["emoji"] = emoji;
    section["articles"] = ojson::array();
    sections_.push_back(section);
  }

  void start_article(const std::string& emoji, const std::string& label) {
    std::string category = slugify(label);
    if (category.empty()) category = "category-" + std::to_string(categories_.size() + 1);
    bool known = false;
    for (const auto& c : categories_) known = known || c["id"] == category;
    if (!known) {
      ojson c = ojson::object();
      c["id"] = category;
      c["label"] = label;
      c["emoji"] = emoji;
      categories_.push_back(c);
    }
    draft_ = Draft();
    std::string id = category + "-" + std::to_string(++per_category_count_[category]);
    draft_.article["id"] = id;
    draft_.article["category"] = category;
    if (!sections_.empty()) sections_.back()["articles"].push_back(id);
    in_article_ = true;
  }

  // Any other line: the afterword's text, references, or the article's title, summary,
  // commentary and body in that order.
  void text_line(const Line& line) {
    std::string_view t = line.text;
    if (in_article_ && (t == "参考:" || t == "参考：")) {
      in_references_ = true;
    } else if (in_afterword_) {
      add_paragraph(afterword_body_, escape_markdown(t));
    } else if (!in_article_) {
      problems_.push_back("line " + std::to_string(line.number) + ": text before the first category line was skipped");
    } else if (in_references_) {
      draft_.references.push_back(reference_from(t));
    } else {
      switch (draft_.stage) {
        case 0: draft_.article["title"] = std::string(t); break;
        case 1: draft_.article["summary"] = escape_markdown(t); break;
        case 2: draft_.article["commentary"] = escape_markdown(t); break;
        default:
          add_paragraph(draft_.body, looks_like_heading(t) ? "### " + escape_markdown(t) : escape_markdown(t));
          break;
      }
      if (draft_.stage < 3) ++draft_.stage;
    }
  }

  void finish_article() {
    if (!in_article_) return;
    in_article_ = false;
    in_references_ = false;
    if (!draft_.article.contains("title")) return;
    if (!draft_.body.empty()) draft_.article["body"] = draft_.body;
    if (!draft_.references.empty()) draft_.article["references"] = draft_.references;
    articles_.push_back(draft_.article);
  }

  std::vector<std::string>& problems_;
  ojson categories_ = ojson::array();
  ojson sections_ = ojson::array();
  ojson articles_ = ojson::array();
  ojson afterword_;
  std::string afterword_body_;
  Draft draft_;
  bool in_article_ = false, in_references_ = false, in_afterword_ = false;
  std::map<std::string, int> per_category_count_;
};

}  // namespace

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool at_start = out.empty();
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '&': out += '\\'; break;
      case '#':
      case '-':
      case '+':
      case '=':
        if (at_start) out += '\\';
        break;
      default: break;
    }
    out += c;
  }
  // "1. text" or "1) text" at the start would become a list.
  size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, "\\");
  return out;
}

ImportResult import_text(std::string_view text, const ImportOptions& options) {
  ImportResult result;
  size_t bad = 0;
  if (!utf8_valid(text, &bad)) {
    TextPosition pos = text_position(text, bad);
    result.problems.push_back("line " + std::to_string(pos.line) + ": invalid UTF-8 at byte " + std::to_string(bad) +
                              "; save the file as UTF-8");
    return result;
  }
  if (options.date.empty()) {
    result.problems.push_back("no date given; pass --date YYYY-MM-DD");
    return result;
  }
  Importer importer(result.problems);
  importer.read(split_lines(text));
  if (importer.empty()) {
    result.problems.push_back("no articles found; an article starts with a category line such as \"🔐 Security\"");
    return result;
  }
  result.json = importer.issue(options).dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
  return result;
}

}  // namespace digest
