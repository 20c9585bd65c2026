#include "core/problems.hpp"

#include <vector>

namespace digest {

namespace {

struct Wording {
  Severity severity;
  const char* text;  // {1}, {2}, ...: the details, in order
};

// Every problem's words: where the reader can see it, and what to do. A switch, so
// that a code without words does not compile (-Werror=switch in CMakeLists.txt).
Wording wording(ProblemCode code) {
  switch (code) {
    case ProblemCode::TooLarge:
      return {Severity::Error, "the file is {1} bytes; the limit is {2} bytes. Split it into smaller issues"};
    case ProblemCode::Empty: return {Severity::Error, "the file is empty; a digest issue is a JSON object"};
    case ProblemCode::InvalidUtf8: return {Severity::Error, "invalid UTF-8 (byte {1}); save the file as UTF-8"};
    case ProblemCode::NulByte: return {Severity::Error, "NUL byte in the file; a digest issue is plain UTF-8 text"};
    case ProblemCode::TooDeep:
      return {Severity::Error, "nesting deeper than {1} levels; a digest issue nests at most 5 levels"};
    case ProblemCode::HtmlNotJson:
      return {Severity::Error, "this is HTML, not JSON; check the address of the issue file"};
    case ProblemCode::InvalidJson: return {Severity::Error, "invalid JSON: {1}"};
    case ProblemCode::NotAnIssue:
      return {Severity::Error,
              "not a digest issue: expected a JSON object with \"format\": \"digest-issue/1\", got {1}"};
    case ProblemCode::FormatMissing:
      return {Severity::Error, "not a digest issue: the field \"format\": \"digest-issue/1\" is missing"};
    case ProblemCode::UnsupportedFormat:
      return {Severity::Error, "unsupported format {1}; this viewer reads \"digest-issue/1\""};
    case ProblemCode::NotAnIndex:
      return {Severity::Error, "not a digest index: expected a JSON object with \"format\": \"digest-index/1\""};
    case ProblemCode::UnsupportedIndexFormat:
      return {Severity::Error, "unsupported format {1}; this viewer reads \"digest-index/1\""};
    case ProblemCode::DuplicateKey:
      return {Severity::Error, "the key \"{1}\" appears twice in the same object; keep one"};
    case ProblemCode::TooManyValues:
      return {Severity::Error,
              "more than {1} JSON values; an issue of 5,000 articles needs far fewer. Split it into smaller issues"};
    case ProblemCode::TooMuchContent:
      return {Severity::Error,
              "with this field the issue makes more than {1} {2}, the most one issue may make so that it stays "
              "quick to read. Split it into smaller issues"};
    case ProblemCode::MissingField: return {Severity::Error, "missing required field \"{1}\""};
    case ProblemCode::WrongType: return {Severity::Error, "expected {1}, got {2}"};
    case ProblemCode::TextTooLong: return {Severity::Error, "text is {1} bytes long; the limit is {2} bytes"};
    case ProblemCode::NulInText: return {Severity::Error, "contains a NUL character (\\u0000); remove it"};
    case ProblemCode::BadId:
      return {Severity::Error, "{1} is not a valid id; use 1 to 64 characters from a-z, 0-9 and \"-\""};
    case ProblemCode::BadDate: return {Severity::Error, "{1} is not a date; write it as YYYY-MM-DD"};
    case ProblemCode::EmptyText: return {Severity::Error, "must not be empty"};
    case ProblemCode::UnsafePath:
      return {Severity::Error,
              "{1} is not a path inside the archive's folder; write it like 2026-11-25.json (no \"..\", no "
              "leading \"/\", no \"\\\" or \":\")"};
    case ProblemCode::TooManyArticles:
      return {Severity::Error, "{1} articles; the limit is {2} per issue. Split the issue"};
    case ProblemCode::TooManyThreadEntries:
      return {Severity::Error,
              "{1} articles in this story thread; the limit is {2} each way. Run `digest threads` again, which "
              "writes the nearest ones"};
    case ProblemCode::DuplicateId: return {Severity::Error, "duplicate id \"{1}\"; it is already used by {2}"};
    case ProblemCode::UnknownCategory:
      return {Severity::Error, "no category has the id \"{1}\"; add it to \"categories\" or fix the id"};
    case ProblemCode::UnknownArticle:
      return {Severity::Error, "no article has the id {1}; fix the id or remove it from the section"};
    case ProblemCode::UnknownField: return {Severity::Warning, "unknown field \"{1}\" (ignored)"};
    case ProblemCode::LinkRefused: return {Severity::Warning, "{1}; the reference is shown as plain text"};
  }
  return {Severity::Error, "invalid input"};
}

std::string fill(const char* text, std::initializer_list<std::string> details) {
  const std::vector<std::string> values(details);
  std::string out;
  for (const char* p = text; *p; ++p) {
    if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
      const size_t index = static_cast<size_t>(p[1] - '1');
      if (index < values.size()) out += values[index];
      p += 2;
    } else {
      out += *p;
    }
  }
  return out;
}

}  // namespace

Problem make_problem(ProblemCode code, std::string pointer, std::initializer_list<std::string> details) {
  const Wording& w = wording(code);
  Problem p;
  p.code = code;
  p.severity = w.severity;
  p.pointer = std::move(pointer);
  p.message = fill(w.text, details);
  return p;
}

std::string code_name(ProblemCode code) {
  return "digest." + std::to_string(static_cast<unsigned>(code));
}

std::string Problem::to_string() const {
  std::string where;
  if (byte_offset) {
    where = "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
            std::to_string(*byte_offset) + ")";
  } else {
    where = pointer.empty() ? "(top level)" : pointer;
  }
  return where + ": " + (severity == Severity::Warning ? "warning: " : "") + message;
}

void ProblemCollector::add(Problem problem) {
  if (problem.severity == Severity::Warning && !strict) return;
  if (list.size() < cap) {
    list.push_back(std::move(problem));
    return;
  }
  ++more;
  if (problem.severity == Severity::Error) ++more_errors;
}

}  // namespace digest
