// A pull reader of JSON text. The issue loader asks for what the format expects next
// (an object's keys, an array's elements, a string) and builds the model as it reads:
// no DOM, no allocation per value, strings handed out as views of the text unless
// they hold escapes.
//
// Strict RFC 8259 (JSONTestSuite's y_ accepted, n_ refused); a \u escape of a lone
// surrogate is refused too, so every string handed out is valid UTF-8. A leading byte
// order mark is skipped, as nlohmann_json (and editors that write one) do. The text must
// already be valid UTF-8 without NUL bytes (check_json_bytes in json_document.hpp).
//
// Also, while reading: duplicate keys are reported (with their JSON pointer) and the
// values counted against a cap. Errors stop the reading: every call then returns
// false or JsonKind::End, and failed() says where and why.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/problems.hpp"

namespace digest {

enum class JsonKind : uint8_t { Object, Array, String, Number, True, False, Null, End };

class JsonCursor {
 public:
  // Duplicate keys and a value past `max_values` go to `problems`. Arrays and objects
  // nested deeper than `max_depth` stop the reading (too_deep()).
  JsonCursor(std::string_view text, ProblemCollector& problems, size_t max_values, size_t max_depth);

  // The kind of the next value (white space skipped). End when no value starts there
  // (then failed()), or after an error.
  JsonKind peek();

  // Objects: begin_object(), then `while (next_key(key)) { read or skip the value }`.
  // next_key returns false once '}' is read (or reading stopped).
  bool begin_object();
  bool next_key(std::string_view& key);
  // The key just returned by next_key was already in its object (reported).
  bool duplicate_key() const { return duplicate_; }
  // Arrays: begin_array(), then `while (next_element()) { read or skip the value }`.
  bool begin_array();
  bool next_element();

  // The next value, which must be a string (peek() == String): escapes decoded. The
  // view lasts until the next call.
  bool read_string(std::string_view& out);
  // The last string read held escapes (only then can it hold a NUL or a control).
  bool string_was_escaped() const { return escaped_; }
  // The next value, whatever it is (syntax checked, nothing kept).
  void skip();
  // "42", "\"text\"", "an object", ... for "expected a string, got 42"; then skipped.
  std::string describe_and_skip();

  // The JSON pointer of the value being read ("/articles/3/title"), built on demand.
  std::string pointer() const;

  // From now on nothing more is handed out: next_key and next_element return false, so
  // the caller unwinds; finish() still checks the rest for syntax.
  void refuse() { refused_ = true; }
  bool refused() const { return refused_; }
  // Reads to the end: the rest of every open container, then only white space may
  // follow. False when the text is not JSON.
  bool finish();

  bool failed() const { return failed_; }
  bool too_deep() const { return too_deep_; }
  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }

 private:
  struct Frame {
    bool object = false;
    bool first = true;
    size_t index = 0;  // arrays: the element being read
    std::string_view key;
    // Keys seen in this object: a list while short, then a set.
    std::vector<std::string_view> seen;
    std::unique_ptr<std::unordered_set<std::string_view>> seen_set;
    std::deque<std::string> decoded_keys;  // keys that held escapes (views point here)
  };

  void skip_space();
  bool fail(size_t offset, std::string message);
  void count_value();
  bool scan_string(std::string_view& out, std::string& scratch);
  bool scan_number();
  bool scan_literal(std::string_view word);
  bool push(bool object);
  bool close_or_continue(char closing, bool& more);
  bool remember_key(Frame& frame, std::string_view key, bool escaped);
  bool raw_next_key(std::string_view& key);
  bool raw_next_element();

  std::string_view text_;
  const char* at_;
  const char* end_;
  ProblemCollector& problems_;
  size_t max_values_;
  size_t max_depth_;
  size_t values_ = 0;
  std::vector<Frame> frames_;  // reused: frames_[0, depth_) are open
  size_t depth_ = 0;
  std::string scratch_;  // a string value with escapes, decoded
  bool duplicate_ = false;
  bool escaped_ = false;
  bool refused_ = false;
  bool failed_ = false;
  bool too_deep_ = false;  // the error is the nesting, not the syntax
  size_t error_offset_ = 0;
  std::string error_message_;
};

}  // namespace digest
