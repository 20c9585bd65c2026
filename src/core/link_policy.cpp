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

namespace {

// The scheme of `href` in lower case, "" for a relative URL, or "!" when what stands
// before the first ':' cannot be a scheme (then no browser should be handed it).
std::string scheme_of(std::string_view href) {
  // A scheme is letters, digits, '+', '-', '.' before the first ':' that comes ahead
  // of any '/', '?' or '#'. Without one the URL is relative.
  const size_t colon = href.find_first_of(":/?#");
  if (colon == std::string_view::npos || href[colon] != ':') return "";
  if (colon == 0 || !is_ascii_alpha(href[0])) return "!";
  std::string scheme;
  for (size_t k = 0; k < colon; ++k) {
    const char c = href[k];
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.')) return "!";
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return scheme;
}

bool is_slash(char c) {
  return c == '/' || c == '\\';  // browsers read '\\' as '/' in http(s) URLs
}

// Why `href` may not be opened, or "" when it may.
std::string refusal(std::string_view href) {
  const std::string scheme = scheme_of(href);
  if (scheme == "!") return "the link's scheme is not valid";
  if (scheme.empty()) {
    // "//host", "\\host", "/\\host": relative in looks, another site in a browser.
    if (href.size() >= 2 && is_slash(href[0]) && is_slash(href[1]))
      return "a link to another site needs its scheme: write https://host/...";
    return "";
  }
  if (scheme == "http" || scheme == "https") {
    // "https:host" and "https:\\\\host" are read differently by different parsers.
    const std::string_view rest = href.substr(scheme.size() + 1);
    if (rest.size() < 3 || rest[0] != '/' || rest[1] != '/' || is_slash(rest[2]))
      return "write web links as " + scheme + "://host/...";
    return "";
  }
  if (scheme == "mailto") return "";
  return "links with the scheme \"" + scheme + ":\" are not opened; only http, https and mailto are";
}

}  // namespace

LinkVerdict check_link(std::string_view raw_href) {
  LinkVerdict verdict;
  // As the URL parser does: drop tabs and newlines anywhere, and leading and trailing
  // C0 controls and spaces.
  std::string href;
  for (char c : raw_href) {
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
  // The target is used as it is (its entities were decoded once, by the Markdown
  // layer). Its decoded form must pass too, so that a consumer that decodes again
  // (`&#74;avascript:`) cannot be tricked.
  std::string why = refusal(href);
  if (why.empty() && href.find('&') != std::string::npos) why = refusal(decode_entities(href));
  if (!why.empty()) {
    verdict.reason = why;
    return verdict;
  }
  const std::string scheme = scheme_of(href);
  verdict.live = true;
  verdict.href = scheme.empty() ? href : scheme + href.substr(scheme.size());
  return verdict;
}

}  // namespace digest
