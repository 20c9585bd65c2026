// The viewer's logic, natively (Dear ImGui without a renderer).
// Embedded in another site: no top bar; the host's theme, text size and accent.
#include <catch_amalgamated.hpp>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;
using ui_test::has_panel;

TEST_CASE("embedded: no top bar or contents column; the page starts at the canvas top", "[ui][embed]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));
  h.frame();
  CHECK(has_panel(h, "contents"));
  const auto before = h.events_of("layout");
  REQUIRE(!before.empty());
  CHECK(before.back()["top"] > 0);
  h.viewer().set_embed(ui::EmbedOptions{true, std::nullopt});
  h.frame();
  CHECK_FALSE(has_panel(h, "contents"));
  CHECK(h.events_of("layout").back()["top"] == 0);
  CHECK(h.events_of("layout").back()["left"] == 0);
  const host::Json s = h.viewer().state_json(0);
  CHECK(s["embedded"] == true);
  CHECK(s["newer"] == "2026-11-25");
  CHECK(s["older"] == "2026-11-23");
}

TEST_CASE("a host's theme and text size apply to this page and are not remembered", "[ui][embed][settings]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  h.viewer().set_theme_for_page(ui::ThemeSetting::Dark);
  h.viewer().set_font_scale_for_page(1.75f);
  h.frame();
  CHECK(h.viewer().dark());
  CHECK(h.viewer().font_scale() == Catch::Approx(1.75f));
  CHECK(browser.settings.count("theme") == 0);
  CHECK(browser.settings.count("fontScale") == 0);
  h.viewer().set_font_scale_for_page(9.0f);  // clamped to the range
  CHECK(h.viewer().font_scale() == Catch::Approx(2.0f));
}

TEST_CASE("a host's accent is made readable on both themes; colours and themes parse strictly", "[ui][embed]") {
  uint32_t rgb = 0;
  CHECK(host::parse_hex_colour("#0a7cff", rgb));
  CHECK(rgb == 0x0a7cffu);
  CHECK(host::parse_hex_colour("#ABC", rgb));
  CHECK(rgb == 0xaabbccu);
  for (const char* bad : {"", "#", "0a7cff", "#0a7cf", "#0a7cffz", "#ggg", "red", "#0a7cff00"}) {
    CHECK_FALSE(host::parse_hex_colour(bad, rgb));
  }
  CHECK(host::hex_colour(0x0a7cff) == "#0a7cff");
  host::ThemeChoice choice;
  CHECK(host::parse_theme_choice("auto", choice));
  CHECK(choice == host::ThemeChoice::Auto);
  CHECK_FALSE(host::parse_theme_choice("Dark", choice));
  for (bool dark : {false, true}) {
    const ui::Palette& p = ui::palette(dark);
    for (ImU32 accent : {IM_COL32(255, 255, 0, 255), IM_COL32(20, 20, 30, 255), IM_COL32(192, 57, 43, 255)}) {
      CHECK(ui::contrast_ratio(ui::readable_on(accent, p.background, p.text), p.background) >= 4.5f);
    }
  }
  // A readable accent is kept as it is.
  const ui::Palette& light = ui::palette(false);
  CHECK(ui::readable_on(IM_COL32(0, 60, 140, 255), light.background, light.text) == IM_COL32(0, 60, 140, 255));
}
