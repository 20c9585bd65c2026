// The viewer's logic, natively (Dear ImGui without a renderer).
// The archive: the index, failed loads, the archive panel's list and its year files.
#include <catch_amalgamated.hpp>

#include <string>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;
using ui_test::has_panel;

TEST_CASE("the index resolves latest and ids; a rejected index is not kept", "[ui][index]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  std::string error;
  const digest::IndexEntry* latest = h.viewer().resolve_issue("latest", error);
  REQUIRE(latest);
  CHECK(latest->id == "2026-11-25");
  CHECK(h.viewer().resolve_issue("", error) == latest);
  REQUIRE(h.viewer().resolve_issue("2026-11-23", error));
  CHECK(h.viewer().resolve_issue("1999-01-01", error) == nullptr);
  CHECK(error.find("1999-01-01") != std::string::npos);
  CHECK_FALSE(h.viewer().set_index(R"({"format": "digest-index/1", "issues": [{"id": 7}]})", error));
  CHECK(error.find("/issues/0") != std::string::npos);
  CHECK(h.viewer().resolve_issue("latest", error) == nullptr);
}

TEST_CASE("a failed load keeps the issue on screen and says why; Retry and close", "[ui][errors]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.open_fixture("2026-11-25"));
  h.frame();
  CHECK_FALSE(h.viewer().open_issue(R"({"format": "digest-issue/1", "id": )"));
  CHECK(h.viewer().issue()->id == "2026-11-25");
  CHECK(h.viewer().error().find("invalid JSON") != std::string::npos);
  h.frame();
  CHECK(has_panel(h, "error"));
  h.viewer().apply(ui::Action{ui::Action::Kind::Retry, {}, 0});
  CHECK(h.events_of("retry").size() == 1);
  h.viewer().apply(ui::Action{ui::Action::Kind::DismissError, {}, 0});
  h.frame();
  CHECK_FALSE(has_panel(h, "error"));
}

TEST_CASE("the archive list: months newest first, a category filter, year files as rows until loaded",
          "[ui][archive]") {
  // An index.json of a big archive: two recent issues, and three years in files.
  digest::ArchiveIndex index;
  index.issues = {{"2026-02-02", "2026-02-02", "T", "H2", "2026-02-02.json", {"ai"}},
                  {"2026-01-30", "2026-01-30", "T", "H1", "2026-01-30.json", {"security"}}};
  index.years = {{"2026", "index-2026.json", 30}, {"2025", "index-2025.json", 365}, {"2024", "index-2024.json", 366}};
  ui::ArchiveBrowser list;
  using Kind = ui::ArchiveBrowser::Row::Kind;
  auto kinds = [&] {
    std::string out;
    for (const auto& row : list.rows(index)) out += row.kind == Kind::Month ? 'M' : row.kind == Kind::Issue ? 'I' : 'Y';
    return out;
  };
  CHECK(kinds() == "MIMIYYY");  // 2026-02, its issue, 2026-01, its issue; 2026 (the rest), 2025, 2024
  CHECK(list.rows(index)[0].label == "2026年2月");
  CHECK(list.rows(index)[4].label == "2026年 · 30号");
  CHECK(list.categories() == std::vector<std::string>{"ai", "security"});
  list.set_category("security");
  CHECK(kinds() == "MIYYY");
  list.set_category("");

  // A year row in view asks for its file, once; an issue id asks for its year's.
  list.want_year(index, 1);
  list.want_year(index, 1);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  CHECK(list.years_for_id(index, "2024-06-01") == std::vector<std::string>{"index-2024.json"});
  CHECK(list.years_for_id(index, "some-slug").size() == 3);

  // 2025 merged in: its months take its row's place, between 2026's row and 2024's.
  index.issues.push_back({"2025-12-31", "2025-12-31", "T", "H", "2025-12-31.json", {"ai"}});
  index.issues.push_back({"2025-03-01", "2025-03-01", "T", "H", "2025-03-01.json", {"ai"}});
  list.year_loaded("2025");
  CHECK(kinds() == "MIMIYMIMIY");
  CHECK(list.years_for_id(index, "2025-03-01").size() == 2);  // not in a file any more: every other year

  // Jumping to a year scrolls to its placeholder, then to its first month once loaded,
  // and keeps it there while a year above loads (rows 10 px high, a 40 px list).
  const float row_h = 10;
  float scroll = 0, pending = -1;  // ImGui applies a scroll set in one frame at the next
  auto frame = [&](bool reader_scrolled = false) {
    if (pending >= 0) scroll = pending;
    pending = list.take_scroll(index, row_h);
    list.note_scroll(scroll, 40, row_h, reader_scrolled);
    return pending;
  };
  list.jump_to_year(index, 2);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2024.json"});
  CHECK(frame() == 90);  // 2024's placeholder
  index.issues.push_back({"2024-05-05", "2024-05-05", "T", "H", "2024-05-05.json", {}});
  list.year_loaded("2024");
  CHECK(kinds() == "MIMIYMIMIMI");
  CHECK(frame() == 90);  // the month row of 2024-05
  CHECK(frame() == -1);
  CHECK(list.shown_months() == "2024年5月");
  // The rest of 2026 arrives above: 2024-05 stays at the top (what the reader saw move
  // to other years' issues before).
  index.issues.insert(index.issues.begin() + 2, {"2026-01-10", "2026-01-10", "T", "H", "2026-01-10.json", {}});
  index.issues.insert(index.issues.begin() + 3, {"2026-01-05", "2026-01-05", "T", "H", "2026-01-05.json", {}});
  list.year_loaded("2026");
  CHECK(kinds() == "MIMIIIMIMIMI");
  CHECK(frame() == 100);
  CHECK(frame() == -1);
  CHECK(list.rows(index)[list.shown().first].label == "2024年5月");
  // Once the reader scrolls, rows that load above keep what is at the top in place.
  scroll = 33;  // 2026-01-30's row, 3 px scrolled by
  CHECK(frame(true) == -1);
  CHECK(list.shown().first == 3);
  index.issues.insert(index.issues.begin(), {"2026-02-03", "2026-02-03", "T", "H", "2026-02-03.json", {}});
  list.index_changed();
  CHECK(frame() == 43);
  CHECK(frame() == -1);
}

TEST_CASE("a year file that fails says which and why, is not asked for again by itself, and 再試行 asks again",
          "[ui][archive]") {
  digest::ArchiveIndex index;
  index.issues = {{"2026-02-02", "2026-02-02", "T", "H", "2026-02-02.json", {}}};
  index.years = {{"2025", "index-2025.json", 365}, {"2024", "index-2024.json", 366}};
  ui::ArchiveBrowser list;
  list.want_year(index, 0);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  list.year_failed("2025", "この年の一覧は保存されていません");
  REQUIRE(list.year_failure("2025") != nullptr);
  CHECK(*list.year_failure("2025") == "この年の一覧は保存されていません");
  CHECK(list.year_failure("2024") == nullptr);
  // Its row stays in view: it is not fetched again at every frame.
  list.want_year(index, 0);
  CHECK(list.take_wanted_years().empty());
  // 再試行 on the row, or the reader choosing the year: asked for again.
  list.retry_year(index, 0);
  CHECK(list.year_failure("2025") == nullptr);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  list.year_failed("2025", "サーバーの応答 404");
  list.jump_to_year(index, 0);
  CHECK(list.take_wanted_years() == std::vector<std::string>{"index-2025.json"});
  // Loaded at last: no failure is kept.
  list.year_failed("2025", "応答がありません");
  list.year_loaded("2025");
  CHECK(list.year_failure("2025") == nullptr);
  list.year_failed("2025", "late");  // a late failure of a file already merged changes nothing
  CHECK(list.year_failure("2025") == nullptr);
}
