// libFuzzer targets over what the viewer reads back from the reader's browser (issue
// 22): storage is written by older builds, extensions, crashes mid-write and people,
// so it is input like a fetched file.
//   fuzz_reading_log  any bytes as the reading log IndexedDB hands over (read articles,
//                     newSince, the unfinished article) and as its action checklists
//                     (ticks, each issue's checklist), then a frame with the 対策 panel
//                     open that draws and tracks them (one width: a second would lay the
//                     page out again)
//   fuzz_settings     any bytes as the localStorage settings (theme, fontScale and the
//                     issue's resume place, split at NUL bytes) of a new viewer that
//                     opens an issue and draws it
// The warm snapshot is read by web/prepaint.js, not the core: tests/browser/stored.test.mjs
// fuzzes it in the browser. Built by the `fuzz` preset with ASan and UBSan.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "../ui/ui_harness.hpp"

namespace {

using ui_test::Browser;
using ui_test::Harness;

std::string issue_bytes() {
  static const std::string bytes = Harness::fixture("tests/fixtures/issues/2026-11-25.json");
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
#ifdef DIGEST_FUZZ_SETTINGS
  // theme \0 fontScale \0 resume place: each read by a new viewer, as by a new page view.
  std::string_view fields[3];
  std::string_view rest = bytes;
  for (auto& field : fields) {
    const size_t end = rest.find('\0');
    field = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  Browser browser;
  browser.settings["theme"] = std::string(fields[0]);
  browser.settings["fontScale"] = std::string(fields[1]);
  browser.settings["resume.2026-11-25"] = std::string(fields[2]);
  Harness h(browser, false);
  if (!h.viewer().open_issue(issue_bytes(), {})) __builtin_trap();
  h.frame();
  h.frame(360, 640);
  h.viewer().save_resume();
#else
  // One viewer for every input, as one page view gets the log once: kept, so the
  // fuzzer's speed is the log's and not ImGui's start-up.
  static Browser browser;
  static const std::unique_ptr<Harness> h = [] {
    auto harness = std::make_unique<Harness>(browser, false);
    if (!harness->load_fixture_index() || !harness->viewer().open_issue(issue_bytes(), {})) __builtin_trap();
    harness->frame();
    return harness;
  }();
  h->viewer().set_reading(bytes);
  h->viewer().set_checklists(bytes);
  h->key("x");
  h->frame();
  h->viewer().reading_tick(2.0);
  h->key("Escape");
  h->clear_events();
#endif
  return 0;
}
