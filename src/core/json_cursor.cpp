// JsonCursor: see json_cursor.hpp.
//
// [SECTION] Errors and white space
// [SECTION] Scalars (strings, numbers, literals)
// [SECTION] Containers and keys
// [SECTION] Skipping, describing, finishing

#include "core/json_cursor.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/json_document.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

// How a byte is shown in a syntax error: itself when printable ASCII, else U+XXXX.
std::string shown(const char* at, const char* end) {
  if (at >= end) return "the end of the text";
  const auto c = static_cast<unsigned char>(*at);
  if (c > 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  if (c == '\n' || c == '\r') return "a line break";
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  char code[16];
  if (c < 0x80) {
    std::snprintf(code, sizeof code, "U+%04X", c);
    return code;
  }
  size_t i = 0;
  const char32_t cp = utf8_next(std::string_view(at, static_cast<size_t>(end - at)), i);
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  return code;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes a string may hold as they are: not '"', '\\' or a control character.
struct PlainBytes {
  bool table[256];
  constexpr PlainBytes() : table() {
    for (int c = 0; c < 256; ++c) table[c] = c >= 0x20 && c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain;

// A key list longer than this becomes a hash set (objects of the format have at most 9).
constexpr size_t kLinearKeys = 16;

}  // namespace

JsonCursor::JsonCursor(std::string_view text, ProblemCollector& problems, size_t max_values, size_t max_depth)
    : text_(text),
      at_(text.data()),
      end_(text.data() + text.size()),
      problems_(problems),
      max_values_(max_values),
      max_depth_(max_depth) {
  // A byte order mark, as some editors save UTF-8, is not part of the JSON.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") at_ += 3;
}

//-----------------------------------------------------------------------------
// [SECTION] Errors and white space
//-----------------------------------------------------------------------------

bool JsonCursor::fail(size_t offset, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_offset_ = offset;
    error_message_ = std::move(message);
  }
  at_ = end_;
  return false;
}

void JsonCursor::skip_space() {
  while (at_ < end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
}

// Every value counts against the cap, read or skipped, until the document is refused;
// past it the document is refused (the caller unwinds, finish() checks the syntax).
void JsonCursor::count_value() {
  if (++values_ <= max_values_ || refused_) return;
  problems_.add(make_problem(ProblemCode::TooManyValues, pointer(), {std::to_string(max_values_)}));
  refused_ = true;
}

JsonKind JsonCursor::peek() {
  if (failed_) return JsonKind::End;
  skip_space();
  if (at_ == end_) {
    fail(text_.size(), "unexpected end of the text; expected a value");
    return JsonKind::End;
  }
  switch (*at_) {
    case '{': return JsonKind::Object;
    case '[': return JsonKind::Array;
    case '"': return JsonKind::String;
    case 't': return JsonKind::True;
    case 'f': return JsonKind::False;
    case 'n': return JsonKind::Null;
    default:
      if (*at_ == '-' || (*at_ >= '0' && *at_ <= '9')) return JsonKind::Number;
      fail(static_cast<size_t>(at_ - text_.data()), "expected a value, found " + shown(at_, end_));
      return JsonKind::End;
  }
}

std::string JsonCursor::pointer() const {
  std::string out;
  for (size_t d = 0; d < depth_; ++d) {
    const Frame& f = frames_[d];
    if (f.first) break;  // nothing read in it yet: the pointer is the container's
    out = f.object ? pointer_append(out, f.key) : pointer_append(out, f.index);
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Scalars (strings, numbers, literals)
//-----------------------------------------------------------------------------

// At an opening quote: the string's text, a view of the input when it holds no
// escape, else decoded into `scratch`.
bool JsonCursor::scan_string(std::string_view& out, std::string& scratch) {
  const char* start = ++at_;
  const char* p = start;
  while (p < end_ && kPlain.table[static_cast<unsigned char>(*p)]) ++p;
  if (p < end_ && *p == '"') {
    out = std::string_view(start, static_cast<size_t>(p - start));
    at_ = p + 1;
    escaped_ = false;
    return true;
  }
  escaped_ = true;
  scratch.assign(start, p);
  while (true) {
    if (p == end_) return fail(text_.size(), "unexpected end of the text inside a string; a '\"' is missing");
    const char c = *p;
    if (c == '"') break;
    if (static_cast<unsigned char>(c) < 0x20) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      return fail(static_cast<size_t>(p - text_.data()),
                  std::string("control character ") + code + " inside a string; write it as an escape such as \\n");
    }
    if (c != '\\') {
      const char* run = p;
      while (p < end_ && kPlain.table[static_cast<unsigned char>(*p)]) ++p;
      scratch.append(run, p);
      continue;
    }
    const size_t escape_at = static_cast<size_t>(p - text_.data());
    if (++p == end_) return fail(text_.size(), "unexpected end of the text inside a string");
    switch (*p) {
      case '"': scratch += '"'; break;
      case '\\': scratch += '\\'; break;
      case '/': scratch += '/'; break;
      case 'b': scratch += '\b'; break;
      case 'f': scratch += '\f'; break;
      case 'n': scratch += '\n'; break;
      case 'r': scratch += '\r'; break;
      case 't': scratch += '\t'; break;
      case 'u': {
        auto read_hex = [&](const char* from, uint32_t& cp) {
          if (end_ - from < 4) return false;
          cp = 0;
          for (int i = 0; i < 4; ++i) {
            const int v = hex_value(from[i]);
            if (v < 0) return false;
            cp = cp * 16 + static_cast<uint32_t>(v);
          }
          return true;
        };
        uint32_t cp = 0;
        if (!read_hex(p + 1, cp)) return fail(escape_at, "\\u must be followed by four hexadecimal digits");
        p += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
          return fail(escape_at, "a \\u escape of a lone low surrogate (U+DC00-U+DFFF) is not a character");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low = 0;
          if (end_ - p < 3 || p[1] != '\\' || p[2] != 'u' || !read_hex(p + 3, low) || low < 0xDC00 || low > 0xDFFF)
            return fail(escape_at, "a \\u escape of a high surrogate (U+D800-U+DBFF) must be followed by a low one");
          p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        utf8_append(scratch, static_cast<char32_t>(cp));
        break;
      }
      default:
        return fail(escape_at, "invalid escape \\" + std::string(1, *p) +
                                   " inside a string; use \\\" \\\\ \\/ \\b \\f "
                                   "\\n \\r \\t or \\uXXXX");
    }
    ++p;
  }
  out = scratch;
  at_ = p + 1;
  return true;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and not so large it overflows a double.
bool JsonCursor::scan_number() {
  const char* start = at_;
  const char* p = at_;
  auto digits = [&] {
    const char* from = p;
    while (p < end_ && *p >= '0' && *p <= '9') ++p;
    return p > from;
  };
  auto bad = [&] {
    return fail(static_cast<size_t>(p - text_.data()), "invalid number; expected a digit, found " + shown(p, end_));
  };
  if (*p == '-') ++p;
  if (p < end_ && *p == '0') {
    ++p;
  } else if (!digits()) {
    return bad();
  }
  if (p < end_ && *p == '.') {
    ++p;
    if (!digits()) return bad();
  }
  if (p < end_ && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < end_ && (*p == '+' || *p == '-')) ++p;
    if (!digits()) return bad();
  }
  at_ = p;
  const std::string token(start, p);
  if (std::isinf(std::strtod(token.c_str(), nullptr))) {
    constexpr size_t kShown = 20;
    return fail(static_cast<size_t>(start - text_.data()), "number overflow: " + token.substr(0, kShown) +
                                                               (token.size() > kShown ? "…" : "") +
                                                               " is too large for a number");
  }
  return true;
}

bool JsonCursor::scan_literal(std::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (at_ + i >= end_ || at_[i] != word[i]) {
      return fail(static_cast<size_t>(at_ + i - text_.data()),
                  "invalid literal; expected " + std::string(word) + ", found " + shown(at_ + i, end_));
    }
  }
  at_ += word.size();
  return true;
}

bool JsonCursor::read_string(std::string_view& out) {
  if (peek() != JsonKind::String) return false;
  count_value();
  return scan_string(out, scratch_);
}

//-----------------------------------------------------------------------------
// [SECTION] Containers and keys
//-----------------------------------------------------------------------------

bool JsonCursor::push(bool object) {
  if (depth_ == max_depth_) {
    too_deep_ = true;
    return fail(static_cast<size_t>(at_ - text_.data()), "nested too deep");
  }
  count_value();
  ++at_;
  if (depth_ == frames_.size()) frames_.emplace_back();
  Frame& f = frames_[depth_++];
  f.object = object;
  f.first = true;
  f.index = 0;
  f.key = {};
  if (object) {
    f.seen.clear();
    f.seen_set.reset();
    f.decoded_keys.clear();
  }
  return true;
}

bool JsonCursor::begin_object() {
  return peek() == JsonKind::Object && push(true);
}

bool JsonCursor::begin_array() {
  return peek() == JsonKind::Array && push(false);
}

// After a member or element (or at the start): the closing bracket, which pops the
// frame (more = false), or ',' before the next one (more = true).
bool JsonCursor::close_or_continue(char closing, bool& more) {
  Frame& f = frames_[depth_ - 1];
  skip_space();
  if (at_ < end_ && *at_ == closing) {
    ++at_;
    --depth_;
    more = false;
    return true;
  }
  if (f.first) {
    more = true;
    return true;
  }
  if (at_ < end_ && *at_ == ',') {
    ++at_;
    skip_space();
    if (at_ < end_ && *at_ == closing)
      return fail(static_cast<size_t>(at_ - text_.data()),
                  std::string(closing == '}' ? "expected a key after ','" : "expected a value after ','") + ", found " +
                      shown(at_, end_));
    more = true;
    return true;
  }
  if (at_ == end_)
    return fail(text_.size(), std::string("unexpected end of the text; expected ',' or '") + closing + "'");
  return fail(static_cast<size_t>(at_ - text_.data()),
              std::string("expected ',' or '") + closing + "', found " + shown(at_, end_));
}

bool JsonCursor::remember_key(Frame& f, std::string_view key, bool escaped) {
  if (refused_) return false;
  if (escaped) {
    f.decoded_keys.emplace_back(key);
    key = f.decoded_keys.back();
  }
  f.key = key;
  bool seen = false;
  if (f.seen_set) {
    seen = !f.seen_set->insert(key).second;
  } else {
    for (std::string_view k : f.seen) seen = seen || k == key;
    if (!seen) {
      f.seen.push_back(key);
      if (f.seen.size() > kLinearKeys)
        f.seen_set = std::make_unique<std::unordered_set<std::string_view>>(f.seen.begin(), f.seen.end());
    }
  }
  if (seen) problems_.add(make_problem(ProblemCode::DuplicateKey, pointer(), {std::string(key)}));
  return seen;
}

bool JsonCursor::raw_next_key(std::string_view& key) {
  if (failed_ || depth_ == 0) return false;
  bool more = false;
  if (!close_or_continue('}', more) || !more) return false;
  Frame& f = frames_[depth_ - 1];
  if (at_ == end_) return fail(text_.size(), "unexpected end of the text; expected a key in double quotes");
  if (*at_ != '"')
    return fail(static_cast<size_t>(at_ - text_.data()), "expected a key in double quotes, found " + shown(at_, end_));
  if (!scan_string(key, scratch_)) return false;
  f.first = false;
  duplicate_ = remember_key(f, key, escaped_);
  key = f.key;
  skip_space();
  if (at_ == end_) return fail(text_.size(), "unexpected end of the text; expected ':' after the key");
  if (*at_ != ':')
    return fail(static_cast<size_t>(at_ - text_.data()), "expected ':' after the key, found " + shown(at_, end_));
  ++at_;
  return true;  // the value's own reading says what is wrong with it
}

bool JsonCursor::raw_next_element() {
  if (failed_ || depth_ == 0) return false;
  bool more = false;
  if (!close_or_continue(']', more) || !more) return false;
  Frame& f = frames_[depth_ - 1];
  if (f.first)
    f.first = false;
  else
    ++f.index;
  return true;
}

bool JsonCursor::next_key(std::string_view& key) {
  return !refused_ && raw_next_key(key);
}

bool JsonCursor::next_element() {
  return !refused_ && raw_next_element();
}

//-----------------------------------------------------------------------------
// [SECTION] Skipping, describing, finishing
//-----------------------------------------------------------------------------

// One value, iteratively (skipped values may nest as deep as the text does).
void JsonCursor::skip() {
  const size_t base = depth_;
  std::string_view ignored;
  do {
    if (depth_ > base) {
      // Inside a container being skipped: its next member or element, or its end.
      const bool more = frames_[depth_ - 1].object ? raw_next_key(ignored) : raw_next_element();
      if (!more) continue;
    }
    const JsonKind kind = peek();
    if (kind != JsonKind::Object && kind != JsonKind::Array && kind != JsonKind::End) count_value();
    switch (kind) {
      case JsonKind::Object: push(true); break;
      case JsonKind::Array: push(false); break;
      case JsonKind::String: scan_string(ignored, scratch_); break;
      case JsonKind::Number: scan_number(); break;
      case JsonKind::True: scan_literal("true"); break;
      case JsonKind::False: scan_literal("false"); break;
      case JsonKind::Null: scan_literal("null"); break;
      case JsonKind::End: return;
    }
  } while (!failed_ && depth_ > base);
}

std::string JsonCursor::describe_and_skip() {
  switch (peek()) {
    case JsonKind::Object: skip(); return "an object";
    case JsonKind::Array: skip(); return "an array";
    case JsonKind::True: skip(); return "true";
    case JsonKind::False: skip(); return "false";
    case JsonKind::Null: skip(); return "null";
    case JsonKind::String: {
      std::string_view s;
      if (!read_string(s)) return std::string();
      return describe_string(s);
    }
    case JsonKind::Number: {
      const char* start = at_;
      skip();
      return std::string(start, at_);
    }
    case JsonKind::End: return std::string();
  }
  return std::string();
}

bool JsonCursor::finish() {
  std::string_view ignored;
  while (!failed_ && depth_ > 0) {
    const bool more = frames_[depth_ - 1].object ? raw_next_key(ignored) : raw_next_element();
    if (more) skip();
  }
  if (failed_) return false;
  skip_space();
  if (at_ != end_)
    return fail(static_cast<size_t>(at_ - text_.data()),
                "unexpected " + shown(at_, end_) + " after the end of the JSON value");
  return true;
}

}  // namespace digest
