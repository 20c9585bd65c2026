#include <catch_amalgamated.hpp>

#include "core/utf8.hpp"

using namespace digest;

TEST_CASE("utf8_next decodes and replaces ill-formed sequences", "[utf8]") {
  std::string s = "a\xC3\xA9\xE3\x81\x82\xF0\x9F\x94\x90";  // a é あ 🔐
  size_t i = 0;
  CHECK(utf8_next(s, i) == U'a');
  CHECK(utf8_next(s, i) == U'é');
  CHECK(utf8_next(s, i) == U'あ');
  CHECK(utf8_next(s, i) == U'\U0001F510');
  CHECK(i == s.size());

  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE3\x81", "\xFF"}) {
    size_t j = 0;
    CHECK(utf8_next(bad, j) == kReplacementChar);
    CHECK(j == 1);
  }
}

TEST_CASE("utf8_valid reports the first bad byte", "[utf8]") {
  size_t at = 99;
  CHECK(utf8_valid("日本語 ok"));
  CHECK_FALSE(utf8_valid("ab\xE3\x81x", &at));
  CHECK(at == 2);
  CHECK_FALSE(utf8_valid("\xED\xA0\x80", &at));  // a UTF-16 surrogate encoded as UTF-8
  CHECK(at == 0);
}

TEST_CASE("utf8_append round-trips and refuses surrogates", "[utf8]") {
  std::string out;
  for (char32_t cp : {U'x', U'ß', U'脆', U'\U0001F9E0'}) utf8_append(out, cp);
  CHECK(out == "xß脆🧠");
  std::string bad;
  utf8_append(bad, 0xD800);
  CHECK(bad == "\xEF\xBF\xBD");
}

TEST_CASE("display width counts East Asian wide characters and emoji as two", "[utf8]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("脆弱性") == 6);
  CHECK(display_width("ＡＢ") == 4);
  CHECK(display_width("ｱｲ") == 2);  // half-width katakana
  CHECK(display_width("🔐") == 2);
  CHECK(display_width("✒️") == 1);     // text-default symbol + VS16 (terminals disagree; we say 1)
  CHECK(display_width("e\xCC\x81") == 1);  // combining accent
}

TEST_CASE("text_position gives 1-based line and column in code points", "[utf8]") {
  std::string t = "{\n  \"あ\": x";
  auto pos = text_position(t, t.find('x'));
  CHECK(pos.line == 2);
  CHECK(pos.column == 8);
}

TEST_CASE("printable shows controls, C1 and bidi characters instead of obeying them", "[utf8]") {
  CHECK(printable("a\x1B]0;t\x07z") == "a\\u001B]0;t\\u0007z");
  CHECK(printable("\xC2\x9B"
                  "2J") == "\\u009B2J");                                   // C1 CSI
  CHECK(printable("x\xE2\x80\xAEy\xE2\x81\xA6z") == "x\\u202Ey\\u2066z");  // RLO, LRI
  CHECK(printable("line\nnext\tcol") == "line\\u000Anext\\u0009col");
  CHECK(printable("line\nnext\tcol", true) == "line\nnext\tcol");
  CHECK(printable("日本語 ✓ 🔐") == "日本語 ✓ 🔐");
  CHECK(printable("bad\xFF") == "bad\xEF\xBF\xBD");
}
