// The viewer's logic, natively (Dear ImGui without a renderer).
// Where the reader is: the place saved and resumed, glyphs prepared ahead of it.
#include <catch_amalgamated.hpp>

#include <cmath>
#include <string>

#include "core/utf8.hpp"
#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;
using ui_test::article_now;

TEST_CASE("the place is saved and resumed by the next page view, at another width", "[ui][resume]") {
  Browser browser;
  std::string place;
  float left_at = 0;
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));
    h.frame();
    h.viewer().set_scroll(1500);
    h.frame();
    left_at = h.viewer().position().scroll_y();
    h.viewer().save_resume();
    place = browser.settings["resume.2026-11-25"];
  }
  REQUIRE(place.find('@') != std::string::npos);
  const std::string article = place.substr(0, place.find('@'));
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));  // no #article: where the reader left off
    h.frame();
    CHECK(std::abs(h.viewer().position().scroll_y() - left_at) < 1);
    CHECK(article_now(h) == article);
  }
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25"));
    h.frame(390, 800);  // a phone: the same article, though the page is longer
    CHECK(article_now(h) == article);
  }
  {
    Harness h(browser);
    REQUIRE(h.open_fixture("2026-11-25", "ci-secret-leak"));  // an #article wins over the place
    h.frame();
    CHECK(article_now(h) == "ci-secret-leak");
  }
}

TEST_CASE("at the very top nothing is saved to resume (the issue opens there anyway)", "[ui][resume]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().save_resume();
  CHECK(browser.settings.count("resume.2026-11-25") == 1);
  CHECK(browser.settings["resume.2026-11-25"].empty());
}

TEST_CASE("glyphs of the text below the view are rasterised in idle time, without drawing", "[ui][glyphs]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  // A character of the body text first seen two screens down, and its size there.
  const digest::PageLayout& page = h.viewer().page();
  auto body_chars = [&](float top, float bottom, float* size) {
    std::u32string out;
    const auto [first, last] = page.visible_lines(top, bottom);
    for (size_t i = first; i < last; ++i) {
      const digest::PageLine& line = page.lines[i];
      if (line.role != digest::TextRole::Body) continue;
      if (size) *size = line.size;
      for (uint32_t k = 0; k < line.span_count; ++k) {
        const digest::PageSpan& span = page.spans[line.first_span + k];
        const std::string_view text = std::string_view(page.text).substr(span.begin, span.end - span.begin);
        for (size_t at = 0; at < text.size();) out += digest::utf8_next(text, at);
      }
    }
    return out;
  };
  float body = 0;
  const std::u32string seen = body_chars(-1000, 1000, nullptr), below = body_chars(1600, 2400, &body);
  char32_t later = 0;
  for (char32_t c : below)
    if (c >= 0x4E00 && seen.find(c) == std::u32string::npos) later = c;
  REQUIRE(later != 0);
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  CHECK_FALSE(font->GetFontBaked(body)->IsGlyphLoaded(static_cast<ImWchar>(later)));
  int calls = 0;
  while (h.viewer().prepare_glyphs(8)) ++calls;
  CHECK(calls > 1);  // a few lines a call
  CHECK(font->GetFontBaked(body)->IsGlyphLoaded(static_cast<ImWchar>(later)));
  CHECK_FALSE(h.viewer().prepare_glyphs(8));  // nothing left until the reader moves
  h.viewer().set_scroll(3000);
  CHECK(h.viewer().prepare_glyphs(1));
}

namespace {

// An issue of `count` articles, each a few paragraphs (a big but valid issue).
std::string big_issue(int count) {
  std::string json = R"({"format":"digest-issue/1","id":"big","date":"2026-11-25","title":"Big","articles":[)";
  for (int i = 0; i < count; ++i) {
    if (i) json += ',';
    json += R"({"id":"a)" + std::to_string(i) + R"(","title":"記事 )" + std::to_string(i) +
            R"( の見出し","summary":"要約の文です。","body":"本文の段落です。本文の段落です。\n\n二つ目の段落です。"})";
  }
  return json + "]}";
}

}  // namespace

TEST_CASE("a big issue shows its first screen at once and lays out the rest in the frames after", "[ui][layout]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.app().open_issue(big_issue(5000), ""));
  h.frame();
  const digest::PageLayout& page = h.viewer().page();
  // The first screens are there, the last article is not yet.
  CHECK(page.height >= 2 * 800);
  CHECK(page.anchors.size() < 5000);
  const auto [first, last] = page.visible_lines(0, 800);
  CHECK(last - first > 10);
  int frames = 1;
  while (page.anchors.size() < 5000 && frames < 100000) {
    h.frame();
    ++frames;
  }
  CHECK(page.anchors.size() == 5000);
  const float height = page.height;
  h.frame();  // complete: nothing more is laid out
  CHECK(page.height == height);
  CHECK(h.viewer().position().scroll_y() == 0);  // the reader stayed at the top
}

TEST_CASE("a jump asked for while a big issue is being laid out lands on its article", "[ui][layout]") {
  Browser browser;
  {
    Harness h(browser);
    REQUIRE(h.app().open_issue(big_issue(5000), ""));
    h.frame();
    REQUIRE(h.viewer().page().anchors.size() < 5000);
    h.viewer().go_to_article("a4500");
    h.frame();
    CHECK(article_now(h) == "a4500");
  }
  {
    Harness h(browser);
    REQUIRE(h.app().open_issue(big_issue(5000), "a4900"));  // a link to an article: laid out whole at once
    h.frame();
    CHECK(h.viewer().page().anchors.size() == 5000);
    CHECK(article_now(h) == "a4900");
  }
}
