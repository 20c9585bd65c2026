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
  for (const char* href : {"?issue=2026-11-24", "#article", "issues/x.json", "/digest/", "./a:b", "//example.com/x"}) {
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
        "javascript&colon;x", "&amp;#74;avascript:x", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x",
        "file:///etc/passwd", "blob:https://example.com/x", "java script:x"}) {
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
