// The first screen laid out at publishing (prepaint_json), the window geometry the
// viewer and it share, and the fixed advances of characters the platform draws.
#include <catch_amalgamated.hpp>
#include <nlohmann/json.hpp>

#include "core/prepaint.hpp"
#include "core/utf8.hpp"
#include "core/view_geometry.hpp"
#include "test_support.hpp"

using namespace digest;

namespace {

class EmMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 2 ? 1.0f : 0.5f; }
};

Issue sample_issue() {
  auto loaded = load_issue(digest_test::read_file(digest_test::source_path("tests/fixtures/issues/2026-11-25.json")));
  REQUIRE(loaded.ok());
  return std::move(loaded.issue);
}

}  // namespace

TEST_CASE("characters the platform draws have fixed advances where the platform's own may vary", "[prepaint]") {
  CHECK(platform_advance_em(U'😀') == 1.25f);
  CHECK(platform_advance_em(U'🔐') == 1.25f);
  CHECK(platform_advance_em(U'𠮷') == 1.0f);  // a wide ideograph outside the fonts, not an emoji
  CHECK_FALSE(is_emoji(U'𠮷'));
  CHECK(platform_advance_em(0xFE0F) == 0.0f);  // variation selector
  CHECK(platform_advance_em(U'ő') < 0);        // narrow: only the platform knows
}

TEST_CASE("the window geometry: phones, a capped column, the contents column", "[prepaint]") {
  const ViewGeometry phone = view_geometry(390, 844, 1.0f, false, true);
  CHECK(phone.content_x == 0);
  CHECK(phone.content_y == kTopBarHeight);
  CHECK(phone.style.font_size == kBaseFontSize * 0.95f);
  CHECK(phone.style.margin == 14);
  const ViewGeometry wide = view_geometry(1280, 800, 1.0f, false, true);
  CHECK(wide.sidebar);
  CHECK(wide.content_x == kSidebarWidth);
  CHECK(wide.style.width == 1280 - kSidebarWidth);
  CHECK_FALSE(view_geometry(1280, 800, 1.0f, false, false).sidebar);  // no issue, no contents
  const ViewGeometry embedded = view_geometry(1280, 800, 1.0f, true, true);
  CHECK_FALSE(embedded.sidebar);
  CHECK(embedded.content_y == 0);
}

TEST_CASE("prepaint: ranges of widths share a screen, phones get theirs, the widest range is open-ended",
          "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  PrepaintOptions options;
  options.max_width = 1600;
  const auto json = nlohmann::json::parse(prepaint_json(
      issue, measure, measure, [](char32_t) { return true; }, options));
  CHECK(json["format"] == "digest-prepaint/1");
  CHECK(json["issue"] == issue.id);
  const auto& entries = json["entries"];
  REQUIRE(entries.size() >= options.exact_widths.size() + 2);
  int previous_to = 0;
  for (const auto& e : entries) {
    const int from = e["from"];
    CHECK(from > previous_to);  // sorted, not overlapping
    previous_to = e["to"].is_null() ? 1 << 30 : static_cast<int>(e["to"]);
    CHECK(e["html"].get<std::string>().find("Tech Digest") != std::string::npos);
    CHECK(e["top"] == kTopBarHeight);
  }
  for (int w : options.exact_widths) {
    const bool covered = std::any_of(entries.begin(), entries.end(), [&](const auto& e) {
      return e["from"] <= w && (e["to"].is_null() || w <= e["to"].template get<int>());
    });
    CHECK(covered);
  }
  // Past the contents column's threshold the page starts after it and only moves.
  const auto& last = entries.back();
  CHECK(last["to"].is_null());
  CHECK(last["left"] == kSidebarWidth);
  CHECK(last["shift"] == 0.5f);
  // A width between two phone sizes where every pixel breaks lines differently: none.
  const bool odd_width = std::any_of(entries.begin(), entries.end(), [](const auto& e) {
    return e["from"] <= 401 && !e["to"].is_null() && 401 <= e["to"].template get<int>();
  });
  CHECK_FALSE(odd_width);
}

TEST_CASE("prepaint leaves out screens whose characters only the platform can measure", "[prepaint]") {
  const Issue issue = sample_issue();
  EmMeasure measure;
  PrepaintOptions options;
  options.max_width = 800;
  // "T" (in the masthead, on every first screen) has an advance only the platform knows.
  const auto json = nlohmann::json::parse(prepaint_json(
      issue, measure, measure, [](char32_t cp) { return cp != U'T'; }, options));
  CHECK(json["entries"].empty());
}
