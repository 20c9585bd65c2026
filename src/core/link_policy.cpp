#include "core/link_policy.hpp"

#include <cctype>

#include "core/utf8.hpp"

extern "C" {
#include <entity.h>  // md4c's table of HTML named character references
}

namespace digest {

namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// Parses one character reference at text[i] ('&'); returns its length or 0.
size_t decode_reference(std::string_view text, size_t i, std::string& out) {
  size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    ++j;
    bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    size_t digits_start = j;
    uint32_t value = 0;
    while (j < text.size() &&
           (hex ? std::isxdigit(static_cast<unsigned char>(text[j])) != 0 : is_ascii_digit(text[j]))) {
      char c = text[j];
      uint32_t d = is_ascii_digit(c) ? static_cast<uint32_t>(c - '0')
                                     : static_cast<uint32_t>(std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
      value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + d;
      ++j;
    }
    if (j == digits_start) return 0;
    // Browsers accept a missing ';' on numeric references; so do we (stricter is safer).
    if (j < text.size() && text[j] == ';') ++j;
    if (value == 0 || value > 0x10FFFF) value = kReplacementChar;
    utf8_append(out, static_cast<char32_t>(value));
    return j - i;
  }
  while (j < text.size() && (is_ascii_alpha(text[j]) || is_ascii_digit(text[j]))) ++j;
  if (j == i + 1 || j >= text.size() || text[j] != ';') return 0;
  ++j;
  const ENTITY* entity = entity_lookup(text.data() + i, j - i);
  if (!entity) return 0;
  utf8_append(out, entity->codepoints[0]);
  if (entity->codepoints[1]) utf8_append(out, entity->codepoints[1]);
  return j - i;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      size_t n = decode_reference(text, i, out);
      if (n) {
        i += n;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

LinkVerdict check_link(std::string_view raw_href) {
  LinkVerdict verdict;
  // Decode until stable so that double-encoded references cannot hide a scheme.
  std::string decoded(raw_href);
  for (int round = 0; round < 4; ++round) {
    std::string next = decode_entities(decoded);
    if (next == decoded) break;
    decoded = std::move(next);
  }
  // As the URL parser does: drop tabs and newlines anywhere, and leading and trailing
  // C0 controls and spaces.
  std::string href;
  for (char c : decoded) {
    if (c != '\t' && c != '\n' && c != '\r') href += c;
  }
  size_t start = 0, end = href.size();
  while (start < end && static_cast<unsigned char>(href[start]) <= 0x20) ++start;
  while (end > start && static_cast<unsigned char>(href[end - 1]) <= 0x20) --end;
  href = href.substr(start, end - start);

  if (href.empty()) {
    verdict.reason = "the link has no target";
    return verdict;
  }
  for (unsigned char c : href) {
    if (c < 0x20 || c == 0x7F) {
      verdict.reason = "the link contains control characters";
      return verdict;
    }
  }
  // A scheme is letters, digits, '+', '-', '.' before the first ':' that comes ahead
  // of any '/', '?' or '#'. Without one the URL is relative.
  size_t colon = href.find_first_of(":/?#");
  bool has_scheme = colon != std::string::npos && href[colon] == ':' && colon > 0 && is_ascii_alpha(href[0]);
  if (has_scheme) {
    for (size_t k = 0; k < colon; ++k) {
      char c = href[k];
      if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.')) {
        has_scheme = false;
        break;
      }
    }
  }
  if (!has_scheme) {
    if (colon != std::string::npos && href[colon] == ':') {
      // Something like "java script:" or "1x:" — not a valid scheme, and not safe to
      // hand to a browser that might read it differently.
      verdict.reason = "the link's scheme is not valid";
      return verdict;
    }
    verdict.live = true;
    verdict.href = href;
    return verdict;
  }
  std::string scheme;
  for (size_t k = 0; k < colon; ++k) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(href[k])));
  if (scheme == "http" || scheme == "https" || scheme == "mailto") {
    verdict.live = true;
    verdict.href = scheme + href.substr(colon);
    return verdict;
  }
  verdict.reason = "links with the scheme \"" + scheme + ":\" are not opened; only http, https and mailto are";
  return verdict;
}

}  // namespace digest
