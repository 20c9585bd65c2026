// Event payloads and call arguments of the JavaScript <-> wasm boundary
// (host_protocol.hpp lists them all).
#include "platform/host_protocol.hpp"

#include <cstdio>

namespace host {

namespace {

Json rect_json(const Rect& r) {
  return Json{{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}

Json event(const char* type) {
  return Json{{"type", type}};
}

}  // namespace

std::string to_text(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json layout_event(float left, float top, float height) {
  Json e = event("layout");
  e["left"] = left;
  e["top"] = top;
  e["height"] = height;
  return e;
}

Json scroll_event(float y, ScrollBehavior behavior) {
  Json e = event("scroll");
  e["y"] = y;
  e["behavior"] = behavior == ScrollBehavior::Smooth ? "smooth" : "instant";
  return e;
}

Json article_event(std::string_view id, History history) {
  Json e = event("article");
  e["id"] = id;
  e["history"] = history == History::Push ? "push" : "replace";
  return e;
}

Json article_missing_event(std::string_view id) {
  Json e = event("articleMissing");
  e["id"] = id;
  return e;
}

Json open_issue_event(std::string_view issue, std::string_view article) {
  Json e = event("openIssue");
  e["issue"] = issue;
  e["article"] = article;
  return e;
}

Json overlays_event(const std::vector<Rect>& rects) {
  Json e = event("overlays");
  e["rects"] = Json::array();
  for (const Rect& r : rects) e["rects"].push_back(rect_json(r));
  return e;
}

Json semantics_event(Json nodes) {
  return {{"type", "semantics"}, {"nodes", std::move(nodes)}};
}

Json search_open_event(const Rect& box) {
  Json e = event("searchOpen");
  e["box"] = rect_json(box);
  return e;
}

Json search_close_event() {
  return event("searchClose");
}

const char* to_string(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::Issue: return "issue";
    case ResourceKind::IndexYear: return "indexYear";
    case ResourceKind::SearchManifest: return "searchManifest";
    case ResourceKind::SearchFile: return "searchFile";
  }
  return "issue";
}

Json need_event(unsigned request, ResourceKind kind, const std::vector<std::string>& paths) {
  Json e = event("need");
  e["request"] = request;
  e["kind"] = to_string(kind);
  e["paths"] = paths;
  return e;
}

Json search_done_event(std::string_view query, size_t results, std::string_view error) {
  Json e = event("searchDone");
  e["query"] = query;
  e["results"] = results;
  e["error"] = error.empty() ? Json(nullptr) : Json(error);
  return e;
}

Json actions_event(Json list) {
  Json e = event("actions");
  e["list"] = std::move(list);
  return e;
}

Json check_event(std::string_view issue, std::string_view article, std::string_view key, std::string_view text,
                 bool checked, std::string_view replaces) {
  Json e = event("check");
  e["issue"] = issue;
  e["article"] = article;
  e["key"] = key;
  e["text"] = text;
  e["checked"] = checked;
  e["replaces"] = replaces.empty() ? Json() : Json(replaces);
  return e;
}

Json checks_event(std::string_view issue, const std::vector<std::string>& ticked) {
  Json e = event("checks");
  e["issue"] = issue;
  e["ticked"] = ticked;
  return e;
}

Json export_event(std::string_view format, std::string_view to, std::string_view name, std::string_view mime,
                  std::string_view text) {
  Json e = event("export");
  e["format"] = format;
  e["to"] = to;
  e["name"] = name;
  e["mime"] = mime;
  e["text"] = text;
  return e;
}

Json read_event(std::string_view issue, std::string_view article) {
  Json e = event("read");
  e["issue"] = issue;
  e["article"] = article;
  return e;
}

Json unfinished_event(Json place) {
  Json e = event("unfinished");
  e["place"] = std::move(place);
  return e;
}

Json clear_reading_event() {
  return event("clearReading");
}

Json follow_event(Json topic) {
  Json e = event("follow");
  e["follow"] = std::move(topic);
  return e;
}

Json unfollow_event(std::string_view topic) {
  Json e = event("unfollow");
  e["topic"] = topic;
  return e;
}

Json retry_event() {
  return event("retry");
}

Json glyphs_event(std::string_view regular, std::string_view bold) {
  Json e = event("glyphs");
  e["regular"] = regular;
  e["bold"] = bold;
  return e;
}

Json listen_event(std::string_view action) {
  Json e = event("listen");
  e["action"] = action;
  return e;
}

Json theme_event(bool dark) {
  Json e = event("theme");
  e["theme"] = dark ? "dark" : "light";
  return e;
}

Json save_offline_event(const std::vector<std::string>& paths) {
  Json e = event("saveOffline");
  e["paths"] = paths;
  return e;
}

Json remove_offline_event(const std::vector<std::string>& paths, bool all) {
  Json e = event("removeOffline");
  if (all)
    e["all"] = true;
  else
    e["paths"] = paths;
  return e;
}

bool parse_search_key(std::string_view text, SearchKey& out) {
  static constexpr std::pair<std::string_view, SearchKey> kNames[] = {
      {"next", SearchKey::Next}, {"previous", SearchKey::Previous}, {"down", SearchKey::Down}, {"up", SearchKey::Up}};
  for (const auto& [name, key] : kNames) {
    if (text == name) {
      out = key;
      return true;
    }
  }
  return false;
}

bool parse_search_scope(std::string_view text, SearchScope& out) {
  if (text == "issue") {
    out = SearchScope::Issue;
    return true;
  }
  if (text == "archive") {
    out = SearchScope::Archive;
    return true;
  }
  return false;
}

bool parse_theme_choice(std::string_view text, ThemeChoice& out) {
  if (text == "auto")
    out = ThemeChoice::Auto;
  else if (text == "light")
    out = ThemeChoice::Light;
  else if (text == "dark")
    out = ThemeChoice::Dark;
  else
    return false;
  return true;
}

bool parse_hex_colour(std::string_view text, uint32_t& rgb) {
  if (text.size() != 4 && text.size() != 7) return false;
  if (text[0] != '#') return false;
  uint32_t value = 0;
  for (char c : text.substr(1)) {
    uint32_t digit;
    if (c >= '0' && c <= '9')
      digit = static_cast<uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<uint32_t>(c - 'A' + 10);
    else
      return false;
    value = value << 4 | digit;
    if (text.size() == 4) value = value << 4 | digit;  // #abc = #aabbcc
  }
  rgb = value;
  return true;
}

std::string hex_colour(uint32_t rgb) {
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(rgb & 0xffffff));
  return text;
}

const char* to_string(StartFailure failure) {
  switch (failure) {
    case StartFailure::None: return "none";
    case StartFailure::NoWebGL2: return "webgl2";
    case StartFailure::ShadersFailed: return "shaders";
  }
  return "none";
}

}  // namespace host
