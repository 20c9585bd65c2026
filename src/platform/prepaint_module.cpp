// prepaint.wasm: a preview's first screen made in the reader's page before the viewer
// runs (docs/prepaint.md, "A preview's screen"). A `?src=` issue has no file laid out
// at publishing, and the viewer's own wasm (its download, compile, WebGL and fonts) comes
// too late for a first text near a static page's; this module is only the core's loader,
// Markdown and layout with the font's first slice measured by stb_truetype, as
// `digest prepaint` measures. web/prepaint.js instantiates it with no runtime of
// Emscripten's (STANDALONE_WASM) and paints the screen as it paints a published one.
//
// The calls: prepaint_buffer(size) gives heap room for bytes (freed with free());
// prepaint_font(weight, bytes, size) takes slice 0 of the regular (0) or bold (1)
// weight; prepaint_screen(issue, size, width, height, place, headings) answers a
// digest-prepaint/2 file with one entry for a window `width` px wide, laid out down to
// `height` px below the place (core/prepaint.hpp, window_prepaint_json), or "" when the
// issue does not load or has no such place (the viewer then says why). `headings`: the site's checklist
// headings, one per line ("" for the default), as the viewer sets them.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "card/face.hpp"
#include "core/issue.hpp"
#include "core/prepaint.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define PREPAINT_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#else
#define PREPAINT_EXPORT extern "C"
#endif

namespace {

card::ViewerMeasure& measure(int weight) {
  static card::ViewerMeasure regular, bold;
  return weight == 1 ? bold : regular;
}

std::string& answer() {
  static std::string text;
  return text;
}

}  // namespace

PREPAINT_EXPORT void* prepaint_buffer(int size) {
  return size > 0 ? std::malloc(static_cast<size_t>(size)) : nullptr;
}

// Takes the bytes (from prepaint_buffer) whether or not they are a font.
PREPAINT_EXPORT int prepaint_font(int weight, uint8_t* bytes, int size) {
  std::vector<uint8_t> ttf(bytes, bytes + (size > 0 ? size : 0));
  std::free(bytes);
  return measure(weight).add(std::move(ttf)) ? 1 : 0;
}

PREPAINT_EXPORT const char* prepaint_screen(const char* issue_json, int size, int width, int height, const char* place,
                                            const char* headings) {
  answer().clear();
  digest::PrepaintOptions options;
  options.height = static_cast<float>(std::max(height, 1));
  std::vector<std::string> listed;
  for (std::string_view rest = headings ? headings : ""; !rest.empty();) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    if (end > 0) listed.emplace_back(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  if (!listed.empty()) options.checklist.headings = std::move(listed);
  const digest::IssueLoadResult loaded = digest::load_issue(std::string_view(issue_json, size > 0 ? size : 0));
  if (!loaded.ok() || width < 1) return answer().c_str();
  const card::ViewerMeasure& regular = measure(0);
  const card::ViewerMeasure& bold = measure(1);
  const auto known = [&](char32_t cp) { return regular.known(cp) && bold.known(cp); };
  answer() = digest::window_prepaint_json(loaded.issue, regular, bold, known, width, place ? place : "", options);
  return answer().c_str();
}
