// Problems found in an issue or index: where (JSON pointer, or line/column/byte for
// what is wrong before there is JSON), a stable code, and the words a reader reads.
// The codes are part of the contract (tests pin them; tools may match on them); the
// wording lives in one table (problems.cpp) and may improve without breaking either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace digest {

enum class Severity { Error, Warning };

enum class ProblemCode : uint16_t {
  // 1xx: the bytes, before there is JSON
  TooLarge = 101,
  Empty = 102,
  InvalidUtf8 = 103,
  NulByte = 104,
  TooDeep = 105,
  HtmlNotJson = 106,
  InvalidJson = 107,
  // 2xx: the document's shape
  NotAnIssue = 201,
  FormatMissing = 202,
  UnsupportedFormat = 203,
  NotAnIndex = 204,
  UnsupportedIndexFormat = 205,
  DuplicateKey = 206,
  TooManyValues = 207,
  // 3xx: one field
  MissingField = 301,
  WrongType = 302,
  TextTooLong = 303,
  NulInText = 304,
  BadId = 305,
  BadDate = 306,
  EmptyText = 307,
  TooManyArticles = 308,
  TooMuchContent = 309,
  UnsafePath = 310,
  TooManyThreadEntries = 311,
  // 4xx: how parts refer to each other
  DuplicateId = 401,
  UnknownCategory = 402,
  UnknownArticle = 403,
  // 5xx: warnings (the issue still loads)
  UnknownField = 501,
  LinkRefused = 502,
};

struct Problem {
  ProblemCode code = ProblemCode::InvalidJson;
  Severity severity = Severity::Error;
  std::string pointer;  // RFC 6901 JSON pointer; empty for the whole document
  std::string message;  // the table's wording with the details filled in
  // For problems found before there is a JSON value (syntax, encoding):
  std::optional<size_t> byte_offset;
  size_t line = 0, column = 0;

  // "/articles/3/title: expected a string, got 42" or
  // "line 2, column 7 (byte 19): invalid JSON: ..."
  std::string to_string() const;
};

// Problems as a loader collects them: warnings only in strict mode; at most `cap`
// listed, the rest counted (a million duplicate keys cost a counter, not a million
// messages).
struct ProblemCollector {
  std::vector<Problem>& list;
  size_t& more;         // not listed
  size_t& more_errors;  // of which errors
  size_t cap;
  bool strict;
  void add(Problem problem);
};

// A problem with the table's wording; `details` fill its {1}, {2}, ... in order.
Problem make_problem(ProblemCode code, std::string pointer, std::initializer_list<std::string> details = {});

// "digest.301": the code as tools and documentation name it.
std::string code_name(ProblemCode code);

}  // namespace digest
