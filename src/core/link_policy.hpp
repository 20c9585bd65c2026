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

// Applies the policy to a link target: a Markdown destination with its entities
// decoded once (by the Markdown layer, as CommonMark says), or a JSON string as it is.
// Live: http(s)://host..., mailto:, and relative URLs that cannot turn into another
// site ("//host", "\\host", "/\host" are refused, as are "https:host"). The target is
// kept as written (decoded once, never twice: "&amp;amp;" stays "&amp;"); its decoded
// form must pass as well, so entity-obfuscated, mixed-case and whitespace-split
// schemes (`&#74;avascript:`, `JAVASCRIPT:`, `java\tscript:`) are refused.
LinkVerdict check_link(std::string_view raw_href);

}  // namespace digest
