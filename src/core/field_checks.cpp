#include "core/field_checks.hpp"

#include <algorithm>
#include <string>

#include "core/json_document.hpp"

namespace digest {

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  auto number = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

std::optional<Problem> text_problem(std::string_view value, TextKind kind, bool required, size_t max_bytes,
                                    bool may_hold_nul) {
  if (value.size() > max_bytes)
    return make_problem(ProblemCode::TextTooLong, std::string(),
                        {std::to_string(value.size()), std::to_string(max_bytes)});
  if (may_hold_nul && value.find('\0') != std::string_view::npos)
    return make_problem(ProblemCode::NulInText, std::string());
  switch (kind) {
    case TextKind::Slug:
      if (!is_slug(value)) return make_problem(ProblemCode::BadId, std::string(), {describe_string(value)});
      break;
    case TextKind::Date:
      if (!is_date(value)) return make_problem(ProblemCode::BadDate, std::string(), {describe_string(value)});
      break;
    case TextKind::Plain:
      if (required && value.empty()) return make_problem(ProblemCode::EmptyText, std::string());
      break;
    case TextKind::Markdown: break;
  }
  return std::nullopt;
}

bool IdRegistry::add(ProblemCollector& problems, const std::string& pointer, const std::string& id, size_t index) {
  auto [it, inserted] = first_.emplace(id, index);
  if (!inserted)
    problems.add(make_problem(ProblemCode::DuplicateId, pointer + "/id",
                              {id, std::string(array_) + "/" + std::to_string(it->second)}));
  return inserted;
}

}  // namespace digest
