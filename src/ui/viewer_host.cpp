// What the viewer tells its host and answers it (Viewer's part of host_protocol.hpp):
// the offline status in, and out the text layer, the warm-start snapshot, the links,
// state() and the page's metadata. The rest of Viewer is in viewer.cpp.
//
// [SECTION] Offline
// [SECTION] Queries for the host

#include <algorithm>

#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "ui/fonts.hpp"
#include "ui/viewer.hpp"

namespace ui {

namespace {

constexpr size_t kDescriptionBytes = 300;  // the page's meta description

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Offline
//-----------------------------------------------------------------------------

host::Json Viewer::set_offline_status(std::string_view json) {
  OfflineStatus status = OfflineStatus::parse(json);
  // Only what is on screen asks for a frame: the badge, or the archive panel if open.
  if (status.online != offline_.online || archive_open_) redraw_ = true;
  const size_t open_before = Checklists::count(open_actions());
  offline_ = std::move(status);
  ++offline_revision_;
  // The 対策 count in the bar counts the saved issues' open items too.
  if (Checklists::count(open_actions()) != open_before) redraw_ = true;
  host::Json available = host::Json::array();
  for (const auto& entry : index_.issues) {
    if (!offline_.available(entry.path)) continue;
    available.push_back({{"id", entry.id},
                         {"date", entry.date},
                         {"headline", entry.headline},
                         {"saved", offline_.saved.count(entry.path) > 0}});
  }
  return host::Json{{"available", std::move(available)}};
}

//-----------------------------------------------------------------------------
// [SECTION] Queries for the host
//-----------------------------------------------------------------------------

host::Json Viewer::text_layer_pieces_json() {
  // About two screens of a desktop window a piece: few pieces for a daily issue, and
  // small steps for the host to add as the reader scrolls through a huge one.
  constexpr float kPieceHeight = 2400;
  text_pieces_ = has_issue_ ? digest::text_layer_pieces(page_, kPieceHeight) : std::vector<digest::TextLayerPiece>();
  host::Json out = host::Json::array();
  for (const auto& piece : text_pieces_) out.push_back(host::Json::array({piece.top, piece.bottom}));
  return out;
}

std::string Viewer::text_layer_piece_html(size_t index) const {
  if (!has_issue_ || index >= text_pieces_.size()) return std::string();
  return digest::text_layer_piece_html(issue_, page_, text_pieces_[index]);
}

host::Json Viewer::snapshot_json() const {
  if (!has_issue_ || layout_width_ <= 0) return nullptr;
  const float top = position_.scroll_y(), bottom = top + position_.view_height();
  // A little more than the screen, so that a slightly taller window is covered too.
  const float margin = position_.view_height() * 0.15f;
  return {{"issue", issue_.id},
          {"layoutWidth", layout_width_},
          {"fontSize", layout_font_size_},
          {"bold", bold_font_ != nullptr},
          {"left", content_left_},
          {"top", content_top_},
          {"scrollY", top},
          {"pageHeight", page_.height},
          {"html", digest::text_layer_html(issue_, page_, top - margin, bottom + margin)}};
}

host::Json Viewer::links_json() const {
  host::Json out = host::Json::array();
  for (const Hotspot& h : hotspots_) {
    const digest::PageLink& link = page_.links[static_cast<size_t>(h.link)];
    out.push_back({{"x", h.x0},
                   {"y", h.y0},
                   {"width", h.x1 - h.x0},
                   {"height", h.y1 - h.y0},
                   {"action", link.action == digest::LinkAction::Open        ? "open"
                              : link.action == digest::LinkAction::OpenIssue ? "issue"
                                                                             : "copy"},
                   {"target", link.href}});
  }
  return out;
}

host::Json Viewer::state_json(long frames_drawn) const {
  const int article = has_issue_ ? position_.current_article() : -1;
  host::Json s;
  s["issue"] = has_issue_ ? host::Json(issue_.id) : host::Json(nullptr);
  s["article"] = article >= 0 ? host::Json(issue_.articles[static_cast<size_t>(article)].id) : host::Json(nullptr);
  s["inAfterword"] = article == ReadingPosition::kAfterword;
  s["theme"] = dark() ? "dark" : "light";
  s["themeSetting"] = theme_name(theme_);
  s["fontScale"] = std::round(static_cast<double>(font_scale_) * 100.0) / 100.0;
  s["framesDrawn"] = frames_drawn;
  s["error"] = error_.empty() ? host::Json(nullptr) : host::Json(error_);
  s["missingGlyphs"] = missing_glyphs();
  s["platformGlyphs"] = platform_glyphs();
  s["boldFont"] = bold_font_ != nullptr;
  const digest::IndexEntry* newer = neighbour_issue(+1);
  const digest::IndexEntry* older = neighbour_issue(-1);
  s["newer"] = newer ? host::Json(newer->id) : host::Json(nullptr);
  s["older"] = older ? host::Json(older->id) : host::Json(nullptr);
  s["embedded"] = embed_.embedded;
  host::Json years = host::Json::array();
  for (const auto& y : index_.years) {
    const std::string* failed = archive_list_.year_failure(y.year);
    years.push_back({{"year", y.year},
                     {"issues", y.issues},
                     {"loaded", archive_list_.year_loaded_already(y.year)},
                     {"failed", failed ? host::Json(*failed) : host::Json(nullptr)}});
  }
  // The archive panel's rows on screen (issue rows by date), and the months it says.
  host::Json shown = host::Json::array();
  if (archive_open_) {
    const auto& rows = archive_list_.rows_made();
    for (auto [r, end] = archive_list_.shown(); r < end && r < rows.size(); ++r) {
      const auto& row = rows[r];
      using Kind = ArchiveBrowser::Row::Kind;
      shown.push_back({{"kind", row.kind == Kind::Issue   ? "issue"
                                : row.kind == Kind::Month ? "month"
                                                          : "year"},
                       {"label", row.label}});  // an issue row's label is its date
    }
  }
  s["archive"] = {{"issues", index_.issues.size()},
                  {"years", std::move(years)},
                  {"shown", std::move(shown)},
                  {"months", archive_open_ ? archive_list_.shown_months() : ""}};
  host::Json read_here = host::Json::array();
  for (size_t i = 0; has_issue_ && i < issue_.articles.size(); ++i) {
    if (reading_.is_read(issue_.id, issue_.articles[i].id)) read_here.push_back(issue_.articles[i].id);
  }
  size_t new_issues = 0;
  for (const auto& entry : index_.issues) new_issues += reading_.is_new(entry.date);
  const auto& unfinished = reading_.unfinished();
  s["reading"] = {{"loaded", reading_.loaded()},
                  {"read", reading_.read_count()},
                  {"readHere", std::move(read_here)},
                  {"newIssues", new_issues},
                  {"unfinished", unfinished ? host::Json{{"issue", unfinished->issue}, {"article", unfinished->article}}
                                            : host::Json(nullptr)}};
  // The action checklists: this issue's items and ticks, and the open items listed.
  host::Json checklists = checklists_.state_json();
  host::Json open_items = host::Json::array();
  for (const auto& list : open_actions())
    for (const auto& article : list.articles)
      for (const auto& item : article.items) open_items.push_back({list.issue, article.id, item.text});
  checklists["open"] = std::move(open_items);
  checklists["panel"] = actions_open_;
  s["checklists"] = std::move(checklists);
  s["follows"] = follows_.state_json(reading_);
  host::Json results = host::Json::array();
  size_t with_text = 0;
  for (const auto& r : search_.results()) {
    results.push_back({{"issue", r.issue_id}, {"article", r.article_id}});
    with_text += r.has_text;
  }
  s["search"] = {
      {"open", search_.is_open()},
      {"scope", search_.scope() == host::SearchScope::Archive ? "archive" : "issue"},
      {"query", search_.committed()},
      {"composing", search_.composing()},
      {"hits", search_.hits().size()},
      {"current", search_.current_hit()},
      {"results", std::move(results)},
      {"complete", search_.results_complete()},
      {"withText", with_text},  // results whose title and excerpt are shown
      {"indexed", search_.indexed()},
      {"indexError", search_.index_error().empty() ? host::Json(nullptr) : host::Json(search_.index_error())}};
  host::Json panels = host::Json::array();
  for (const auto& p : panels_.all) {
    panels.push_back(
        {{"name", p.name}, {"x", p.rect.x}, {"y", p.rect.y}, {"width", p.rect.width}, {"height", p.rect.height}});
  }
  s["panels"] = std::move(panels);
  host::Json available = host::Json::array(), saved = host::Json::array();
  for (const auto& entry : index_.issues) {
    if (offline_.available(entry.path)) available.push_back(entry.id);
    if (offline_.saved.count(entry.path)) saved.push_back(entry.id);
  }
  s["offline"] = {
      {"online", offline_.online},
      {"supported", offline_.supported},
      {"available", std::move(available)},
      {"saved", std::move(saved)},
      {"saving", offline_.saving ? host::Json{{"done", offline_.saving->done}, {"total", offline_.saving->total}}
                                 : host::Json(nullptr)}};
  if (has_issue_) {
    s["title"] = issue_.title;
    s["date"] = issue_.date;
    std::string description;
    const std::vector<size_t> order = issue_.reading_order();
    if (!order.empty()) description = issue_.articles[order.front()].summary.doc.plain_text();
    if (description.size() > kDescriptionBytes) {
      description = description.substr(0, digest::utf8_boundary_before(description, kDescriptionBytes)) + "…";
    }
    s["description"] = description;
    s["scrollY"] = static_cast<int>(position_.scroll_y());
    s["pageHeight"] = static_cast<int>(page_.height);
  }
  return s;
}

}  // namespace ui
