#include "core/json_document.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/utf8.hpp"

namespace digest {

using nlohmann::json;

Problem positioned_problem(std::string_view text, size_t offset, ProblemCode code,
                           std::initializer_list<std::string> details) {
  Problem p = make_problem(code, std::string(), details);
  p.byte_offset = offset;
  TextPosition pos = text_position(text, offset);
  p.line = pos.line;
  p.column = pos.column;
  return p;
}

namespace {

// The first NUL byte, eight bytes at a time (memchr is a byte loop in wasm), or npos.
size_t find_nul(std::string_view text) {
  const char* p = text.data();
  size_t i = 0;
  for (uint64_t word; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, p + i, 8);
    if ((word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull) break;  // a zero byte in it
  }
  for (; i < text.size(); ++i)
    if (p[i] == '\0') return i;
  return std::string_view::npos;
}

// Finds the first place where arrays/objects nest deeper than max_depth, skipping
// strings. Runs before the parser so a nesting bomb costs one linear scan.
bool find_too_deep(std::string_view text, size_t max_depth, size_t& offset) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        offset = i;
        return true;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

// Builds the DOM like nlohmann's own SAX DOM parser, but reports duplicate keys and
// never throws.
//
// It also stops building, early, when the document cannot be what the caller expects
// (the root is not an object, "format" has another value) or holds more values than
// limits.max_json_values: the problem is then in `refusal`, and the rest is only
// checked for syntax (a syntax error is the more useful message), building nothing.
class DomBuilder {
 public:
  DomBuilder(json& root, ProblemCollector& problems, const LoadLimits& limits, const ExpectedDocument& expected)
      : root_(root), problems_(problems), limits_(limits), expected_(expected) {}

  const std::optional<Problem>& refusal() const { return refusal_; }

  bool null() { return refusal_ || add(json(nullptr)); }
  bool boolean(bool v) { return refusal_ || add(json(v)); }
  bool number_integer(json::number_integer_t v) { return refusal_ || add(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return refusal_ || add(json(v)); }
  bool number_float(json::number_float_t v, const std::string&) { return refusal_ || add(json(v)); }
  bool string(std::string& v) { return refusal_ || add(json(std::move(v))); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return refusal_ || push(json::object()); }
  bool end_object() { return refusal_ || pop(); }
  bool start_array(std::size_t) { return refusal_ || push(json::array()); }
  bool end_array() { return refusal_ || pop(); }

  bool key(std::string& k) {
    if (refusal_) return true;
    Frame& f = stack_.back();
    format_next_ = stack_.size() == 1 && k == "format";
    if (f.value->contains(k)) {
      problems_.add(make_problem(ProblemCode::DuplicateKey, pointer_append(pointer_of(stack_.size()), k), {k}));
    }
    f.key = k;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    error_position_ = position;
    error_text_ = ex.what();
    return false;
  }

  std::size_t error_position() const { return error_position_; }
  const std::string& error_text() const { return error_text_; }

 private:
  struct Frame {
    json* value;
    std::string key;  // current key, for objects
  };

  // The JSON pointer of the container at `depth` (1 = root), built only when a
  // problem needs it: most documents have none.
  std::string pointer_of(size_t depth) const {
    std::string pointer;
    for (size_t d = 1; d < depth; ++d) {
      const Frame& parent = stack_[d - 1];
      if (parent.value->is_array())
        pointer = pointer_append(pointer, parent.value->size() - 1);
      else
        pointer = pointer_append(pointer, parent.key);
    }
    return pointer;
  }

  // Where the next value goes.
  std::string pointer_of_next() const {
    if (stack_.empty()) return std::string();
    const Frame& top = stack_.back();
    const std::string container = pointer_of(stack_.size());
    return top.value->is_array() ? pointer_append(container, top.value->size()) : pointer_append(container, top.key);
  }

  json* place(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.value->is_array()) {
      f.value->push_back(std::move(v));
      return &f.value->back();
    }
    json& slot = (*f.value)[f.key];
    slot = std::move(v);
    return &slot;
  }

  // From here on nothing is built: the DOM so far is freed, the syntax still checked.
  bool discard() {
    stack_.clear();
    root_ = json();
    return true;
  }

  // Whether value `v` is to be placed (false once the document is refused).
  bool accept(const json& v) {
    if (++values_ > limits_.max_json_values) {
      refusal_ = make_problem(ProblemCode::TooManyValues, pointer_of_next(), {std::to_string(limits_.max_json_values)});
      return discard();
    }
    if (stack_.empty() && !v.is_object()) {
      refusal_ = make_problem(expected_.not_object, std::string(), {describe_value(v)});
      return discard();
    }
    if (format_next_) {
      format_next_ = false;
      if (!v.is_string() || v.get_ref<const std::string&>() != expected_.format) {
        refusal_ = make_problem(expected_.unsupported_format, "/format", {describe_value(v)});
        return discard();
      }
    }
    return true;
  }

  bool add(json&& v) {
    if (accept(v)) place(std::move(v));
    return true;
  }

  bool push(json&& container) {
    if (!accept(container)) return true;
    stack_.push_back(Frame{place(std::move(container)), std::string()});
    return true;
  }

  bool pop() {
    stack_.pop_back();
    return true;
  }

  json& root_;
  ProblemCollector& problems_;
  const LoadLimits& limits_;
  const ExpectedDocument& expected_;
  std::vector<Frame> stack_;
  size_t values_ = 0;
  bool format_next_ = false;  // the next value is the root's "format"
  std::optional<Problem> refusal_;
  std::size_t error_position_ = 0;
  std::string error_text_;
};

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1,
// column 4: "; we give the position ourselves, so keep only the explanation.
// Other errors ("[json.exception.out_of_range.406] number overflow parsing '1111…'")
// lose the tag too, and a quoted token is cut short.
std::string explain_syntax_error(const std::string& what) {
  std::string text = what;
  if (text.rfind("[json.exception", 0) == 0) {
    const size_t tag_end = text.find("] ");
    text = tag_end == std::string::npos ? std::string() : text.substr(tag_end + 2);
    const std::string_view located = "parse error at ";
    const size_t colon = text.find(": ");
    if (text.rfind(located, 0) == 0 && colon != std::string::npos) text = text.substr(colon + 2);
  }
  constexpr size_t kMaxBytes = 120;
  if (text.size() > kMaxBytes) text = text.substr(0, utf8_boundary_before(text, kMaxBytes)) + "…";
  return text.empty() ? std::string("the JSON could not be read") : text;
}

}  // namespace

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer + "/";
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_append(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::string describe_value(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return describe_string(value.get_ref<const std::string&>());
    default: return value.dump();
  }
}

std::string describe_string(std::string_view text) {
  if (text.size() <= 40) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, utf8_boundary_before(text, 40))) + "…\"";
}

Problem syntax_problem(std::string_view text, size_t offset, const std::string& explanation) {
  size_t at = std::min(offset, text.empty() ? 0 : text.size() - 1);
  while (at > 0 && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) --at;
  return positioned_problem(text, at, ProblemCode::InvalidJson, {explanation});
}

bool check_json_bytes(std::string_view text, const LoadLimits& limits, ProblemCollector& problems, bool check_depth) {
  if (text.size() > limits.max_document_bytes) {
    problems.add(make_problem(ProblemCode::TooLarge, std::string(),
                              {std::to_string(text.size()), std::to_string(limits.max_document_bytes)}));
    return false;
  }
  if (text.empty() || text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    problems.add(make_problem(ProblemCode::Empty, std::string()));
    return false;
  }
  size_t bad = 0;
  if (!utf8_valid(text, &bad)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    problems.add(positioned_problem(text, bad, ProblemCode::InvalidUtf8, {hex}));
    return false;
  }
  size_t nul = find_nul(text);
  if (nul != std::string_view::npos) {
    problems.add(positioned_problem(text, nul, ProblemCode::NulByte));
    return false;
  }
  size_t deep = 0;
  if (check_depth && find_too_deep(text, limits.max_depth, deep)) {
    problems.add(positioned_problem(text, deep, ProblemCode::TooDeep, {std::to_string(limits.max_depth)}));
    return false;
  }
  // HTML where JSON was expected is a common mistake (a login page, a 404 page).
  size_t first = text.find_first_not_of(" \t\r\n");
  if (text[first] == '<') {
    problems.add(positioned_problem(text, first, ProblemCode::HtmlNotJson));
    return false;
  }
  return true;
}

bool read_json(std::string_view text, const LoadLimits& limits, const ExpectedDocument& expected, json& out,
               ProblemCollector& problems) {
  if (!check_json_bytes(text, limits, problems)) return false;
  const size_t problems_before = problems.list.size();
  DomBuilder builder(out, problems, limits, expected);
  bool parsed = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, false);
  if (parsed && builder.refusal()) {
    out = json();
    problems.add(*builder.refusal());
    return false;
  }
  if (!parsed) {
    // nlohmann reports the offset after the last byte it read.
    const size_t at = std::min(builder.error_position(), text.size());
    problems.list.resize(problems_before);
    problems.more = problems.more_errors = 0;
    problems.add(syntax_problem(text, at > 0 ? at - 1 : 0, explain_syntax_error(builder.error_text())));
    return false;
  }
  return true;
}

std::string string_member(const nlohmann::json& object, std::string_view key, std::string_view fallback) {
  if (!object.is_object()) return std::string(fallback);
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get_ref<const std::string&>() : std::string(fallback);
}

bool bool_member(const nlohmann::json& object, std::string_view key, bool fallback) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(key);
  return found != object.end() && found->is_boolean() ? found->get<bool>() : fallback;
}

}  // namespace digest
