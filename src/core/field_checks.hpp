// The checks on a text field's value, and on ids, that the issue and index loaders share.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/problems.hpp"

namespace digest {

enum class TextKind { Plain, Slug, Date, Markdown };

// 1 to 64 characters from a-z, 0-9 and '-'.
bool is_slug(std::string_view s);
// YYYY-MM-DD, a day that exists.
bool is_date(std::string_view s);

// What is wrong with `value` as a field of this kind, as a problem without its pointer
// (the caller knows where): too long, a NUL, not a slug or date, empty when required.
// A NUL can only come from a \u0000 escape: a reader that knows there was none skips
// that search (`may_hold_nul`).
std::optional<Problem> text_problem(std::string_view value, TextKind kind, bool required, size_t max_bytes,
                                    bool may_hold_nul = true);

// Where each id was first seen (the index of its object in `array`, e.g. "/articles"),
// to say a repeat with both places.
class IdRegistry {
 public:
  explicit IdRegistry(const char* array) : array_(array) {}
  // False, and the duplicate said at `pointer` + "/id" with the first place, when `id`
  // was seen before; else remembers it for the object at `index`.
  bool add(ProblemCollector& problems, const std::string& pointer, const std::string& id, size_t index);
  bool contains(const std::string& id) const { return first_.count(id) != 0; }
  bool empty() const { return first_.empty(); }
  void clear() { first_.clear(); }

 private:
  const char* array_;
  std::unordered_map<std::string, size_t> first_;
};

}  // namespace digest
