#include <catch_amalgamated.hpp>

#include "core/link_policy.hpp"

using namespace digest;

TEST_CASE("allowed schemes stay live, normalised", "[links]") {
  CHECK(check_link("https://example.com/a").href == "https://example.com/a");
  CHECK(check_link("HTTP://Example.com").href == "http://Example.com");
  CHECK(check_link("mailto:editor@example.com").live);
  CHECK(check_link("  https://example.com  ").href == "https://example.com");
  CHECK(check_link("h\nttps://example.com").href == "https://example.com");
}

TEST_CASE("relative URLs stay live", "[links]") {
  // "&amp;#74;..." is a harmless relative URL once decoded (#74;...): kept as it is.
  for (const char* href :
       {"?issue=2026-11-24", "#article", "issues/x.json", "/digest/", "./a:b", "a//b", "&amp;#74;avascript:x"}) {
    INFO(href);
    LinkVerdict v = check_link(href);
    CHECK(v.live);
    CHECK(v.href == href);
  }
}

TEST_CASE("script, data and other schemes are refused however they are spelled", "[links]") {
  for (const char* href :
       {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "JaVaScRiPt:x", "java\tscript:x", "java\nscript:x",
        " javascript:x", "\x01javascript:x", "&#74;avascript:x", "&#x6A;avascript:x", "&#106avascript:x",
        "javascript&colon;x", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "file:///etc/passwd",
        "blob:https://example.com/x", "java script:x"}) {
    INFO(href);
    CHECK_FALSE(check_link(href).live);
  }
}

TEST_CASE("refusals say why", "[links]") {
  CHECK(check_link("data:x").reason ==
        "links with the scheme \"data:\" are not opened; only http, https and mailto are");
  CHECK(check_link("   ").reason == "the link has no target");
  CHECK(check_link("java script:x").reason == "the link's scheme is not valid");
}

TEST_CASE("decode_entities handles named, decimal and hex references", "[links]") {
  CHECK(decode_entities("&lt;&#65;&#x42;&unknown;&amp") == "<AB&unknown;&amp");
  CHECK(decode_entities("&#0;") == "\xEF\xBF\xBD");
}

TEST_CASE("links that look relative but leave the site are refused", "[links]") {
  for (const char* href : {"//evil.example/x", "\\\\evil.example\\x", "/\\evil.example", "\\/evil.example",
                           " //evil.example", "/\t/evil.example", "https:evil.example", "https:\\\\evil.example",
                           "http:/evil.example", "https:///evil.example", "HTTPS:evil.example", "&#47;/evil.example"}) {
    INFO(href);
    CHECK_FALSE(check_link(href).live);
  }
  CHECK(check_link("//evil.example").reason == "a link to another site needs its scheme: write https://host/...");
  CHECK(check_link("https:evil.example").reason == "write web links as https://host/...");
}

TEST_CASE("targets are used as given: entities are not decoded a second time", "[links]") {
  CHECK(check_link("https://example.com/?a=1&amp;b=2").href == "https://example.com/?a=1&amp;b=2");
  CHECK(check_link("https://example.com/?q=&lt;x&gt;").href == "https://example.com/?q=&lt;x&gt;");
}
