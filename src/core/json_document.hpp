// Reads JSON text into nlohmann::json without exceptions, with the checks every
// loader shares: size cap, UTF-8, NUL bytes, nesting depth, duplicate keys.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

namespace digest {

// What the document must be, checked while it is read so that the wrong kind of JSON
// is refused before a whole DOM is built from it.
struct ExpectedDocument {
  std::string_view format;         // the value "format" must have ("digest-issue/1")
  ProblemCode not_object;          // the root is not an object
  ProblemCode unsupported_format;  // "format" has another value
};

// The checks on the bytes before any JSON is read: size cap, not empty, UTF-8, no NUL
// byte, nesting depth (unless the reader checks it as it goes), not HTML. False (and a
// problem appended) when one fails.
bool check_json_bytes(std::string_view text, const LoadLimits& limits, ProblemCollector& problems,
                      bool check_depth = true);
// A problem found in the bytes at `offset`, with line and column (the byte checks', the
// cursor's nesting bound).
Problem positioned_problem(std::string_view text, size_t offset, ProblemCode code,
                           std::initializer_list<std::string> details = {});

// A syntax error at `offset` (moved back over white space to the last byte read, as a
// reader counts), with line and column.
Problem syntax_problem(std::string_view text, size_t offset, const std::string& explanation);

// Returns false (and appends problems) when the text is not usable JSON or, as soon as
// it shows, not the expected document. At most limits.max_json_values values are
// built, so the DOM costs at most ~100 bytes a value whatever the text holds.
bool read_json(std::string_view text, const LoadLimits& limits, const ExpectedDocument& expected, nlohmann::json& out,
               ProblemCollector& problems);

// "~" and "/" escaped as RFC 6901 asks.
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, size_t index);

// "42", "\"text\"", "an object", ... for messages like "expected a string, got 42".
std::string describe_value(const nlohmann::json& value);
std::string describe_string(std::string_view text);  // quoted, cut after 40 bytes

// Checked members: `object`'s `key` when it holds that type, else `fallback` (also when
// `object` is not an object). nlohmann's value() and get<>() on another type throw,
// which a build without exceptions turns into abort(): stored and fetched JSON is read
// through these, never through those.
std::string string_member(const nlohmann::json& object, std::string_view key, std::string_view fallback = {});
bool bool_member(const nlohmann::json& object, std::string_view key, bool fallback);

}  // namespace digest
