// Reads JSON text into nlohmann::json without exceptions, with the checks every
// loader shares: size cap, UTF-8, NUL bytes, nesting depth, duplicate keys.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

namespace digest {

// Returns false (and appends problems) when the text is not usable JSON.
bool read_json(std::string_view text, const LoadLimits& limits, nlohmann::json& out, std::vector<Problem>& problems);

// "~" and "/" escaped as RFC 6901 asks.
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, size_t index);

// "42", "\"text\"", "an object", ... for messages like "expected a string, got 42".
std::string describe_value(const nlohmann::json& value);

}  // namespace digest
