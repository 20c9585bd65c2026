// libFuzzer targets over the whole core path a reader's issue takes (issue 10):
//   fuzz_issue     any bytes -> loader -> outline -> page layout -> text layer, its
//                  pieces, 読み上げ's script, `digest html`, `digest render`, share pages, a preview's
//                  screen (prepaint.wasm's window_prepaint_json)
//   fuzz_markdown  any bytes as the Markdown body of a valid issue (random bytes rarely
//                  make a valid issue, so this one reaches the layout every time)
// Built by the `fuzz` preset (clang, -fsanitize=fuzzer,address,undefined); `make fuzz`
// runs each for longer, `make test` runs each briefly and replays tests/fuzz/regressions.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/export.hpp"
#include "core/issue.hpp"
#include "core/line_layout.hpp"
#include "core/outline.hpp"
#include "core/page_layout.hpp"
#include "core/prepaint.hpp"
#include "core/search.hpp"
#include "core/share.hpp"
#include "core/spoken.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"

namespace {

// Advances like a proportional font: narrow Latin, wide CJK, zero for marks.
class FuzzMeasure final : public digest::TextMeasure {
 public:
  float advance(char32_t cp) const override { return static_cast<float>(digest::cell_width(cp)) * 0.55f; }
};

void exercise(const digest::Issue& issue, uint8_t knobs) {
  const digest::Outline outline = digest::make_outline(issue);
  digest::PageStyle style;
  style.width = (knobs & 1) ? 320.0f : 900.0f;
  const digest::PageLayout page = digest::layout_page(outline, FuzzMeasure(), style);
  (void)digest::text_layer_html(issue, page, 0, 2000);
  for (const auto& piece : digest::text_layer_pieces(page, (knobs & 2) ? 50.0f : 2400.0f))
    (void)digest::text_layer_piece_html(issue, page, piece);
  // 読み上げ's script, whole and from a block in the middle, checked against the page.
  for (const auto& s : digest::spoken_script(page, (knobs & 4) ? page.blocks.size() / 2 : 0))
    if (s.begin >= s.end || s.end > page.text.size() || s.speech.empty()) __builtin_trap();
  (void)digest::export_html(issue);
  (void)digest::render_text(issue, (knobs & 4) ? 20 : 80, 1u << 20);
  const digest::ShareSite site{"https://digest.example", "issues/x.html"};
  for (const auto& entry : outline.articles) (void)digest::export_share_page(issue, outline, entry, site);
  (void)digest::export_oembed(issue, outline, nullptr, site);
  (void)digest::printable(issue.title);
  const std::string place = (knobs & 8) && !issue.articles.empty() ? issue.articles.back().id : std::string();
  (void)digest::window_prepaint_json(issue, FuzzMeasure(), FuzzMeasure(), [](char32_t) { return true; },
                                     (knobs & 1) ? 360 : 1280, place);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
#ifdef DIGEST_FUZZ_MARKDOWN
  if (size < 1 || !digest::utf8_valid(bytes.substr(1))) return 0;
  nlohmann::json issue = {{"format", "digest-issue/1"},
                          {"id", "f"},
                          {"date", "2026-11-25"},
                          {"articles", {{{"id", "a"}, {"title", "t"}, {"body", std::string(bytes.substr(1))}}}}};
  const digest::IssueLoadResult loaded = digest::load_issue(issue.dump());
  const uint8_t knobs = static_cast<uint8_t>(bytes[0]);
#else
  const digest::IssueLoadResult loaded = digest::load_issue(bytes, size > 0 && (data[0] & 1));
  const uint8_t knobs = size > 1 ? data[1] : 0;
#endif
  if (loaded.ok()) exercise(loaded.issue, knobs);
  return 0;
}
