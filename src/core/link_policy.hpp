// Which link targets may be opened: http, https, mailto and relative URLs only.
#pragma once

#include <string>
#include <string_view>

namespace digest {

struct LinkVerdict {
  bool live = false;
  std::string href;    // normalised target (entities decoded, tabs/newlines removed)
  std::string reason;  // why it was refused, for tooltips and validation
};

// Decodes HTML character references (&#74; &#x4A; &colon; &amp; ...) as a browser would
// before it looks at the scheme.
std::string decode_entities(std::string_view text);

// Applies the policy to a raw href as written in Markdown or JSON. Catches
// entity-obfuscated, mixed-case and whitespace-split schemes (`&#74;avascript:`,
// `JAVASCRIPT:`, `java\tscript:`).
LinkVerdict check_link(std::string_view raw_href);

}  // namespace digest
