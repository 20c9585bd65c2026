// The boundary between the page's script (web/app.js) and the wasm viewer: every call
// and every event that crosses it, with the shape of its payload. docs/host-protocol.md
// says the same for readers of the JavaScript side; keep the two in step.
//
// Calls (JavaScript -> C++) are the exported `digest_*` functions declared at the end
// of this file, each marked DIGEST_EXPORT where it is defined (no hand-kept export
// list). Strings are UTF-8, NUL-terminated; issue and font bytes are passed as a
// pointer into the wasm heap and a length. Functions that answer with JSON return a
// pointer to a string owned by the viewer, valid until the next such call.
//
// Events (C++ -> JavaScript) are JSON objects {"type": "<name>", ...fields} handed to
// Module.onViewerEvent(text). They are built only by the functions below, with
// nlohmann_json, so each event's shape is written down exactly once.
//
// This header is portable (no Emscripten include): the UI tests use it natively.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define DIGEST_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#else
#define DIGEST_EXPORT extern "C"
#endif

namespace host {

using Json = nlohmann::json;

// JSON text for JavaScript. Invalid UTF-8 (which validated issues never contain) is
// replaced rather than aborting: the viewer is built without exceptions.
std::string to_text(const Json& value);

//-----------------------------------------------------------------------------
// Events: C++ -> JavaScript
//-----------------------------------------------------------------------------

struct Rect {
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels of the canvas
};

enum class ScrollBehavior { Instant, Smooth };
enum class History { Push, Replace };  // a new history entry, or update the current one

// {"type":"layout","left":L,"top":T,"height":H}: the page's column starts at (L, T)
// of the canvas and is H tall; the host sizes its scroller and text layer to match.
Json layout_event(float left, float top, float height);
// {"type":"scroll","y":Y,"behavior":"instant"|"smooth"}: move the scroller to Y.
Json scroll_event(float y, ScrollBehavior behavior);
// {"type":"article","id":ID,"history":"push"|"replace"}: the reader is now at article
// ID ("" above the first); the host updates the URL's #fragment.
Json article_event(std::string_view id, History history);
// {"type":"articleMissing","id":ID}: the issue has no article or section ID (a link's
// #fragment): the reader is told, and stays at the issue's top.
Json article_missing_event(std::string_view id);
// {"type":"openIssue","issue":ID,"article":A}: the reader asked for another issue (A
// may be ""); the host fetches it and calls digest_open_issue, adding a history entry.
Json open_issue_event(std::string_view issue, std::string_view article);
// {"type":"overlays","rects":[{x,y,width,height}...]}: panels drawn over the page,
// where the pointer must reach the canvas rather than the text layer.
Json overlays_event(const std::vector<Rect>& rects);
// {"type":"semantics","nodes":[...]}: what the reader can act on changed (a panel
// opened, a state or a place changed): ui/semantics.hpp describes each node. The page
// mirrors them in real elements (web/mirror.js) and runs a node's action with
// digest_activate(key).
Json semantics_event(Json nodes);
// {"type":"listen","action":"toggle"|"stop"}: the reader pressed 読み上げ (its button,
// the l key or the mirror): the host starts or stops reading aloud; "stop": a new
// issue or filter ended the reading (web/listen.js).
Json listen_event(std::string_view action);
// {"type":"searchOpen","box":{x,y,width,height}}: place and focus the search input.
Json search_open_event(const Rect& box);
// {"type":"searchClose"}: hide and clear the search input.
Json search_close_event();
// {"type":"need","request":N,"kind":K,"paths":[...]}: the one way the viewer asks for
// files. K names what they are and so where they live: "issue" (an issue of the archive)
// and "indexYear" (a year file of the index) are relative to the index (issues/);
// "searchManifest" and "searchFile" to the search index (issues/search/). The host
// answers every path once, in any order: digest_provide(N, path, bytes) or
// digest_provide_failed(N, path, reason). What the viewer does with them is its own
// affair (an archive without a search index is searched issue by issue, say).
enum class ResourceKind { Issue, IndexYear, SearchManifest, SearchFile };
const char* to_string(ResourceKind kind);
Json need_event(unsigned request, ResourceKind kind, const std::vector<std::string>& paths);
// {"type":"searchDone","query":Q,"results":N,"error":E|null}: the archive's results for
// the query Q are complete.
Json search_done_event(std::string_view query, size_t results, std::string_view error);
// {"type":"read","issue":I,"article":A}: the reader read this article (reading log,
// kept by the host on this device).
Json read_event(std::string_view issue, std::string_view article);
// {"type":"unfinished","place":{"issue","article","title"}|null}: the article to offer
// as 続きから読む, or none.
Json unfinished_event(Json place);
// {"type":"clearReading"}: the reader cleared the reading log; forget it.
Json clear_reading_event();
// {"type":"follow","follow":{"topic","checked","found":[{"issue","article","date",
// "title"}]}}: a followed topic as it now is (followed, or checked); the host keeps it.
Json follow_event(Json topic);
// {"type":"unfollow","topic":T}: the reader stopped following T; forget it.
Json unfollow_event(std::string_view topic);
// {"type":"actions","list":{"issue","date","title","articles":[{"id","title","items":
// [{"key","text"}]}]}}: an issue's checklist (core/checklist.hpp) as the viewer found
// it; the host keeps it on the device (replacing the one it kept; no articles: forget
// it), so the 対策 panel lists it when the issue is not on screen.
Json actions_event(Json list);
// {"type":"check","issue","article","key","text","checked":bool,"replaces":K|null}: the
// reader ticked (or unticked) a checklist item; keep (or forget) it on the device. With
// `replaces`, the tick kept under key K moved to this item (its text was corrected).
Json check_event(std::string_view issue, std::string_view article, std::string_view key, std::string_view text,
                 bool checked, std::string_view replaces);
// {"type":"checks","issue":I,"ticked":["article/key", ...]}: the ticked items of the
// issue on screen, for the text layer's checkboxes (data-check="article/key").
Json checks_event(std::string_view issue, const std::vector<std::string>& ticked);
// {"type":"export","format":"markdown"|"csv","to":"copy"|"download","name":N,"mime":M,
// "text":T}: the reader asked for the open actions as a file: copy T to the clipboard,
// or save it as N.
Json export_event(std::string_view format, std::string_view to, std::string_view name, std::string_view mime,
                  std::string_view text);
// {"type":"retry"}: the reader pressed Retry on an error; repeat the last request.
Json retry_event();
// {"type":"glyphs","regular":C,"bold":C}: characters (UTF-8) a frame needs whose font
// slices are not loaded, by weight; the host fetches the slices that hold them
// (it knows the slice files: fonts/slices.json) and adds them with digest_add_font_slice.
Json glyphs_event(std::string_view regular, std::string_view bold);
// {"type":"theme","theme":"light"|"dark"}: the colours in use changed (system
// scheme or the reader's choice); the page's own colours follow.
Json theme_event(bool dark);
// {"type":"saveOffline","paths":[...]}: keep these issues (paths relative to the
// index) for reading offline; the host reports progress with digest_set_offline_status.
Json save_offline_event(const std::vector<std::string>& paths);
// {"type":"removeOffline","paths":[...]} or {"type":"removeOffline","all":true}:
// forget saved and kept issues.
Json remove_offline_event(const std::vector<std::string>& paths, bool all);

//-----------------------------------------------------------------------------
// Call arguments: JavaScript -> C++
//-----------------------------------------------------------------------------

// digest_search_key(key): "next" (Enter), "previous" (Shift+Enter), "down" and "up"
// (arrows in the archive's results).
enum class SearchKey { Next, Previous, Down, Up };
bool parse_search_key(std::string_view text, SearchKey& out);

// digest_search_scope(scope): "issue" or "archive".
enum class SearchScope { Issue, Archive };
bool parse_search_scope(std::string_view text, SearchScope& out);

// digest_set_theme(theme): "light", "dark" or "auto" (the system's scheme).
enum class ThemeChoice { Auto, Light, Dark };
bool parse_theme_choice(std::string_view text, ThemeChoice& out);

// A colour as hosts write it: "#rrggbb" or "#rgb" (case-insensitive). Out: 0xRRGGBB.
bool parse_hex_colour(std::string_view text, uint32_t& rgb);
// 0xRRGGBB -> "#rrggbb".
std::string hex_colour(uint32_t rgb);

// digest_startup() reason, when the viewer cannot draw.
enum class StartFailure { None, NoWebGL2, ShadersFailed };
const char* to_string(StartFailure failure);

}  // namespace host

//-----------------------------------------------------------------------------
// The exported calls (defined in src/main.cpp; browser.cpp's own listeners last)
//-----------------------------------------------------------------------------

// {"ok":true} or {"ok":false,"reason":"webgl2"|"shaders","message":M}. When not ok
// the viewer cannot draw, but the index calls below still answer.
DIGEST_EXPORT const char* digest_startup();
// The regular font (TrueType bytes, malloc'ed; the viewer takes ownership). 1 or 0.
DIGEST_EXPORT int digest_set_font(void* data, int size);
// The bold weight, fetched after the first text (same ownership). 1 or 0.
DIGEST_EXPORT int digest_set_bold_font(void* data, int size);
// Font slices (fonts/slice.py, docs/fonts.md). Another slice of weight 0 (regular)
// or 1 (bold), same ownership; the text is laid out again with it. 1 or 0.
DIGEST_EXPORT int digest_add_font_slice(int weight, void* data, int size);
// Every character the slices hold (UTF-8): these are never drawn in the platform's
// font; a frame that needs one whose slice is not loaded is not shown, and a
// {"type":"glyphs","regular":C,"bold":C} event asks for it (by weight).
DIGEST_EXPORT void digest_set_sliced_characters(const char* utf8);
// Characters whose slice could not be fetched: the platform's font draws them.
DIGEST_EXPORT void digest_release_sliced_characters(const char* utf8);
// The open issue's characters that a slice holds and the regular font lacks:
// {"chars": C}, to fetch before its first frame.
DIGEST_EXPORT const char* digest_lacking_characters();
// 1: draw no frame (the slices an issue needs are on their way); 0: draw again.
DIGEST_EXPORT void digest_hold_frames(int hold);
// The archive index (digest-index/1). {"ok":true,"issues":N} or {"ok":false,"error":M}.
// A rejected index is not kept: nothing is then resolved through it.
DIGEST_EXPORT const char* digest_set_index(const char* json, int size);
// Resolves "latest" (or "") or an issue id through the index:
// {"id":ID,"path":P} (P relative to the index) or {"error":M}.
DIGEST_EXPORT const char* digest_resolve_issue(const char* wanted);
// Opens an issue (its JSON bytes) at `article` ("" = where the reader left off).
// 1 when shown; 0 when it failed (the current issue stays; state().error says why).
DIGEST_EXPORT int digest_open_issue(const char* json, int size, const char* article);
// Moves to an article or sub-section id of the issue on screen (Back/Forward).
DIGEST_EXPORT void digest_go_article(const char* id);
// A failure the host met (network, archive), shown over the current issue.
DIGEST_EXPORT void digest_set_error(const char* message);
// The host's scroller moved (the reader scrolled, or the browser's find jumped).
DIGEST_EXPORT void digest_set_scroll(float y);
// The page is being hidden or left: remember the reading position.
DIGEST_EXPORT void digest_save_state();
// The text layer of the current layout in pieces (core/text_layer.hpp), the host adding
// those near the view: [[top, bottom], ...] in page px, then each piece's HTML.
DIGEST_EXPORT const char* digest_text_layer_pieces();
DIGEST_EXPORT const char* digest_text_layer_piece(int index);
// For the next warm start: {"issue","layoutWidth","fontSize","bold","left","top",
// "scrollY","pageHeight","html"} -- the text layer of the screen the reader is on (the
// host paints it at once next time, before the canvas is ready) -- or null.
DIGEST_EXPORT const char* digest_snapshot();
// Search, driven by the host's input (which receives IME composition): `committed`
// is searched; `composing` is shown underlined at byte `at` of committed.
DIGEST_EXPORT void digest_open_search();
DIGEST_EXPORT void digest_close_search();
DIGEST_EXPORT void digest_search_text(const char* committed, const char* composing, int at);
DIGEST_EXPORT void digest_search_key(const char* key);      // host::SearchKey names
DIGEST_EXPORT void digest_search_scope(const char* scope);  // host::SearchScope names
// The answer to one path of a need event: its bytes, or why there are none ("offline"
// when the network did not answer and no copy was kept, else the failure in words,
// e.g. 「サーバーの応答 404」). {"ok":true} or {"ok":false,"error":M} (the file was
// refused, or the request is not waiting for it: answered already, or unknown).
DIGEST_EXPORT const char* digest_provide(int request, const char* path, const char* bytes, int size);
DIGEST_EXPORT const char* digest_provide_failed(int request, const char* path, const char* reason);
// The reading log at start (ui/reading_log.hpp: {"read","newSince","unfinished"}):
// {"ok":true} or {"ok":false}. Then, while the page is visible, a tick about every
// second (`seconds` from any steady clock): time spent in the article on screen counts
// towards reading it.
DIGEST_EXPORT const char* digest_set_reading(const char* json);
DIGEST_EXPORT void digest_reading_tick(double seconds);
// Forgets the reading log, as the archive panel's 記録を消す does (then clearReading).
DIGEST_EXPORT void digest_clear_reading();
// A year file of the archive index that digest_resolve_issue named: the host loads
// those itself, before the first issue opens (the archive panel's own asks are need
// events). {"ok":true} or {"ok":false,"error":M}.
DIGEST_EXPORT const char* digest_add_index_year(const char* path, const char* json, int size);
// The host could not get that year file (`why`, in the reader's words: 「この年の一覧は
// 保存されていません」 offline, the server's status, …): the archive panel's row for the
// year says so and offers 再試行.
DIGEST_EXPORT void digest_index_year_failed(const char* path, const char* why);
// What is readable offline and how much space it takes, from the host (its service
// worker and navigator.storage): {"online", "supported", "kept": [paths], "saved":
// [paths], "saving": {"done","total"} | null, "usage", "quota", "persisted"}; paths
// relative to the index. Answers {"available": [{"id","date","headline","saved"}]}:
// the index's issues that open offline, newest first.
DIGEST_EXPORT const char* digest_set_offline_status(const char* json);
// Embedding (docs/embed.md): {"embedded": bool, "accent": "#rrggbb" | null}. Embedded,
// the canvas has no top bar and no contents column (the page draws a compact header).
// Answers {"ok":true,"accent":{"light":"#..","dark":"#.."}} -- the accent as drawn on
// each theme's background (made readable if the host's is too pale), for the page's
// own colours -- or {"ok":false,"error":M}.
DIGEST_EXPORT const char* digest_set_embed(const char* json);
// For this page only (the URL or a host asked; not the reader's remembered choice):
// the theme (host::ThemeChoice names; 1, or 0 if unknown) and the text size (0.75-2,
// clamped).
DIGEST_EXPORT int digest_set_theme(const char* theme);
DIGEST_EXPORT void digest_set_font_scale(float scale);
// Runs the action of a node of the last semantics event (as a click on the drawn
// control would): {"ok":true} or {"ok":false,"error":M}.
DIGEST_EXPORT const char* digest_activate(const char* key);
// The page's arrows went past the rows in view of a virtualised list of the semantics
// ("archive.issues", "search.results", "contents.articles"): it scrolls by `rows`. 1, or
// 0 for another key.
DIGEST_EXPORT int digest_scroll_list(const char* key, int rows);
// Action checklists at start (ui/checklists.hpp: {"headings","site","checks","lists"},
// from the reading log's database): {"ok":true} or {"ok":false}.
DIGEST_EXPORT const char* digest_set_checklists(const char* json);
// The reader ticked or unticked a checklist item in the text layer (its data-check
// "article/key" of the issue on screen) or a mirrored panel: 1, or 0 for no such item.
DIGEST_EXPORT int digest_set_check(const char* issue, const char* article, const char* key, int checked);
// Followed topics at start (ui/follows.hpp: {"follows":[{"topic","checked","found":
// [{"issue","article","date","title"}]}]}, from the reading log's database): {"ok":bool}.
// The check of new issues starts once the index is in too (need events).
DIGEST_EXPORT const char* digest_set_follows(const char* json);
// The reader follows (on 1) or stops following (0) `topic` (a selected term in the text
// layer, or the page's API): {"ok":true,"topic":T} or {"ok":false,"error":M}.
DIGEST_EXPORT const char* digest_follow(const char* topic, int on);
// 読み上げ (web/listen.js speaks, the viewer lights and follows): a reading from a kept
// place (part: an article id, "" the masthead, "afterword"; ordinal < 0: from the
// screen's top): {"ok","issue","issueTitle","date","sentences":[{"n","text","pauseMs",
// "part","ordinal","heading","title"}],"end"}; the next `count` sentences
// ({"sentences","end"}: an empty list before the end means ask again later); sentence
// n started (-1: the reading ended): {"ok","following","marks":[{"box","from","to"}]}
// (the text layer's element by data-box, UTF-16 offsets in its text); 読み上げ位置へ戻る.
DIGEST_EXPORT const char* digest_listen_start(const char* part, int ordinal);
DIGEST_EXPORT const char* digest_listen_more(int count);
DIGEST_EXPORT const char* digest_listen_at(int n);
DIGEST_EXPORT void digest_listen_follow();
// Queries: state() of window.digestViewer; the visible links; frame CPU statistics.
DIGEST_EXPORT const char* digest_state_json();
DIGEST_EXPORT const char* digest_links_json();
// Idle time: rasterises glyphs of the text near the view until budget_ms is spent;
// 1 when more are left. Draws nothing.
DIGEST_EXPORT int digest_prepare_glyphs(float budget_ms);
DIGEST_EXPORT const char* digest_frame_stats_json();
// browser.cpp's own listeners: the system colour scheme changed (dark: 1 or 0), the
// canvas size or devicePixelRatio changed.
DIGEST_EXPORT void digest_color_scheme_changed(int dark);
DIGEST_EXPORT void digest_viewport_changed();
