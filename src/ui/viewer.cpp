// The reader's screens.
//
// [SECTION] Measuring with the ImGui font
// [SECTION] Loading and settings
// [SECTION] Navigation and scrolling
// [SECTION] Keyboard
// [SECTION] Drawing: top bar, contents, page, overlays
// [SECTION] Queries for the host (actions, state)

#include "ui/viewer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/export.hpp"
#include "core/search.hpp"
#include "core/text_layer.hpp"
#include "core/utf8.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

namespace ui {

namespace {

constexpr float kTopBarHeight = 48.0f;
constexpr float kSidebarWidth = 300.0f;
constexpr float kSidebarMinWindow = 1100.0f;  // narrower windows get a contents button

//-----------------------------------------------------------------------------
// [SECTION] Measuring with the ImGui font
//-----------------------------------------------------------------------------

// Advances of a 1-pixel font, read at a size where ImGui loads advances without
// rasterising glyphs (>= 128 px), then scaled by the page layout.
class UnitMeasure final : public digest::TextMeasure {
 public:
  explicit UnitMeasure(ImFont* font) : baked_(font->GetFontBaked(kReference)) {}
  float advance(char32_t cp) const override { return baked_->GetCharAdvance(static_cast<ImWchar>(cp)) / kReference; }

 private:
  static constexpr float kReference = 256.0f;
  ImFontBaked* baked_;
};

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

ImU32 with_alpha(ImU32 color, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  c.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Loading and settings
//-----------------------------------------------------------------------------

Viewer::Viewer(ViewerHost host) : host_(std::move(host)) {
  std::string theme = host_.load_setting("theme");
  theme_ = theme == "light" ? ThemeSetting::Light : theme == "dark" ? ThemeSetting::Dark : ThemeSetting::System;
  std::string scale = host_.load_setting("fontScale");
  if (!scale.empty()) {
    float value = std::strtof(scale.c_str(), nullptr);
    if (value >= 0.7f && value <= 2.0f) font_scale_ = value;
  }
}

bool Viewer::open_issue(std::string_view json, std::string_view article) {
  digest::IssueLoadResult result = digest::load_issue(json);
  if (!result.ok()) {
    for (const auto& p : result.problems) {
      if (p.severity != digest::Severity::Error) continue;
      error_ = "この号を読み込めませんでした: " + p.to_string();
      break;
    }
    return false;
  }
  if (has_issue_) save_resume();
  issue_ = std::move(result.issue);
  has_issue_ = true;
  error_.clear();
  order_ = issue_.reading_order();
  filter_.categories.clear();
  layout_dirty_ = true;
  layout_width_ = -1;  // a new page: start at its top (or the requested article)
  scroll_to(0, false);
  reported_article_ = -2;
  pending_article_ = std::string(article);
  resume_pending_ = article.empty();
  contents_open_ = archive_open_ = false;
  return true;
}

bool Viewer::set_index(std::string_view json) {
  digest::IndexLoadResult result = digest::load_index(json);
  if (!result.ok()) return false;
  index_ = std::move(result.index);
  return true;
}

bool Viewer::dark() const {
  if (theme_ == ThemeSetting::System) return host_.prefers_dark && host_.prefers_dark();
  return theme_ == ThemeSetting::Dark;
}

void Viewer::set_theme(ThemeSetting theme) {
  theme_ = theme;
  style_dirty_ = true;
  host_.save_setting("theme", theme == ThemeSetting::Light ? "light" : theme == ThemeSetting::Dark ? "dark" : "system");
}

void Viewer::set_font_scale(float scale) {
  scale = std::round(std::clamp(scale, 0.8f, 1.6f) * 10.0f) / 10.0f;
  if (scale == font_scale_) return;
  font_scale_ = scale;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f", scale);
  host_.save_setting("fontScale", buffer);
  layout_dirty_ = true;  // ensure_layout keeps the reader's place
}

void Viewer::toggle_category(const std::string& id) {
  auto& cats = filter_.categories;
  auto it = std::find(cats.begin(), cats.end(), id);
  if (it == cats.end())
    cats.push_back(id);
  else
    cats.erase(it);
  filter_changed();
}

// A different set of articles: a new page, read from its top.
void Viewer::filter_changed() {
  layout_dirty_ = true;
  layout_width_ = -1;
  scroll_to(0, false);
}

// Resume position per issue: "<article id>@<fraction into the article>", robust to
// width and font-size changes.
void Viewer::save_resume() {
  if (has_issue_) host_.save_setting("resume." + issue_.id, place());
}

void Viewer::restore_resume() {
  std::string saved = host_.load_setting("resume." + issue_.id);
  if (!saved.empty()) pending_article_ = saved;
}

//-----------------------------------------------------------------------------
// [SECTION] Navigation and scrolling
//-----------------------------------------------------------------------------

// Where the reader is: "<article id>@<fraction into the article>", or "" above the
// first article. It survives relayout at another width, font size or weight.
std::string Viewer::place() const {
  int article = current_article();
  for (const auto& a : page_.anchors) {
    if (static_cast<int>(a.article) != article || a.bottom <= a.top) continue;
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, "@%.4f", std::clamp((scroll_y_ - a.top) / (a.bottom - a.top), 0.0f, 1.0f));
    return issue_.articles[a.article].id + fraction;
  }
  return std::string();
}

void Viewer::ensure_layout(float width) {
  float size = kBaseFontSize * font_scale_ * (width < 480 ? 0.95f : 1.0f);
  if (!layout_dirty_ && width == layout_width_ && size == layout_font_size_) return;
  // A new issue or filter starts at its top (layout_width_ < 0); anything else keeps
  // the reader's place.
  std::string keep = layout_width_ > 0 && pending_article_.empty() ? place() : std::string();
  digest::PageStyle style;
  style.width = width;
  style.font_size = size;
  style.margin = width < 480 ? 14 : 24;
  UnitMeasure regular(font_);
  std::optional<UnitMeasure> bold;
  if (bold_font_) bold.emplace(bold_font_);
  page_ = digest::layout_page(issue_, regular, style, filter_, bold ? &*bold : nullptr);
  ++layout_generation_;
  layout_width_ = width;
  layout_font_size_ = size;
  layout_dirty_ = false;
  if (!keep.empty()) pending_article_ = keep;
}

void Viewer::clamp_scroll() {
  float max_scroll = std::max(0.0f, page_.height - view_height_);
  scroll_y_ = std::clamp(scroll_y_, 0.0f, max_scroll);
}

void Viewer::scroll_to(float y, bool smooth) {
  float max_scroll = std::max(0.0f, page_.height - view_height_);
  y = std::clamp(y, 0.0f, max_scroll);
  if (!smooth) scroll_y_ = y;  // draw this frame at the new place already
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", y);
  host_.notify("scroll", buffer, smooth);
}

void Viewer::set_scroll(float y) {
  scroll_y_ = y;
  clamp_scroll();
}

void Viewer::scroll_by(float dy) {
  scroll_to(scroll_y_ + dy, false);
}

int Viewer::current_article() const {
  if (!has_issue_ || page_.anchors.empty()) return -1;
  // The article whose top has passed a point a little below the top of the view.
  return page_.article_at(scroll_y_ + 0.3f * std::min(view_height_, 400.0f));
}

void Viewer::go_to_article(std::string_view id) {
  if (!has_issue_) return;
  pending_article_ = std::string(id);
}

void Viewer::move_article(int step) {
  if (page_.anchors.empty()) return;
  int current = current_article();
  size_t k = 0;
  bool found = false;
  for (size_t i = 0; i < page_.anchors.size(); ++i) {
    if (static_cast<int>(page_.anchors[i].article) == current) {
      k = i;
      found = true;
    }
  }
  long next = found ? static_cast<long>(k) + step : (step > 0 ? 0 : -1);
  if (next < 0) {
    scroll_to(0, true);
    return;
  }
  if (next >= static_cast<long>(page_.anchors.size())) return;
  const auto& anchor = page_.anchors[static_cast<size_t>(next)];
  scroll_to(anchor.top - 8, true);
  reported_article_ = gliding_to_ = static_cast<int>(anchor.article);
  glide_started_ = last_time_;
  host_.notify("article", issue_.articles[anchor.article].id, true);
}

void Viewer::move_issue(int step) {
  // The index is newest first: "next" (n) is newer, "previous" (p) is older.
  for (size_t i = 0; i < index_.issues.size(); ++i) {
    if (index_.issues[i].id != issue_.id) continue;
    long target = static_cast<long>(i) - step;
    if (target >= 0 && target < static_cast<long>(index_.issues.size())) {
      host_.notify("open-issue", index_.issues[static_cast<size_t>(target)].id, true);
    }
    return;
  }
}

void Viewer::track_current_article() {
  int article = current_article();
  if (gliding_to_ >= 0) {
    if (article != gliding_to_ && last_time_ - glide_started_ < 1.5) return;
    gliding_to_ = -1;
  }
  if (article == reported_article_) return;
  reported_article_ = article;
  host_.notify("article", article >= 0 ? issue_.articles[static_cast<size_t>(article)].id : std::string(), false);
}

//-----------------------------------------------------------------------------
// [SECTION] Keyboard
//-----------------------------------------------------------------------------

bool Viewer::key(const platform::KeyEvent& e) {
  if (e.key == "Escape") {
    if (search_.open) {
      close_search();
      return true;
    }
    bool any = contents_open_ || help_open_ || archive_open_ || (!error_.empty() && has_issue_);
    contents_open_ = help_open_ = archive_open_ = false;
    if (has_issue_) error_.clear();
    return any;
  }
  if (e.key == "?") {
    help_open_ = !help_open_;
    return true;
  }
  if (e.key == "/") {
    open_search();
    return true;
  }
  if (!has_issue_) return false;
  const float line = kBaseFontSize * font_scale_ * 1.8f;
  if (e.key == "j")
    move_article(1);
  else if (e.key == "k")
    move_article(-1);
  else if (e.key == "n")
    move_issue(1);
  else if (e.key == "p")
    move_issue(-1);
  else if (e.key == "+" || e.key == "=")
    set_font_scale(font_scale_ + 0.1f);
  else if (e.key == "-")
    set_font_scale(font_scale_ - 0.1f);
  else if (e.key == "t")
    set_theme(dark() ? ThemeSetting::Light : ThemeSetting::Dark);
  else if (e.key == "ArrowDown")
    scroll_to(scroll_y_ + 3 * line, true);
  else if (e.key == "ArrowUp")
    scroll_to(scroll_y_ - 3 * line, true);
  else if (e.key == "PageDown" || (e.key == " " && !e.shift))
    scroll_to(scroll_y_ + view_height_ * 0.9f, true);
  else if (e.key == "PageUp" || (e.key == " " && e.shift))
    scroll_to(scroll_y_ - view_height_ * 0.9f, true);
  else if (e.key == "Home")
    scroll_to(0, true);
  else if (e.key == "End")
    scroll_to(page_.height, true);
  else
    return false;
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing: top bar, contents, page, overlays
//-----------------------------------------------------------------------------

void Viewer::draw(float width, float height, double time) {
  last_time_ = time;
  hotspots_.clear();
  overlays_.clear();
  panels_.clear();
  bool wide = width >= kSidebarMinWindow;
  float sidebar = wide && has_issue_ ? kSidebarWidth : 0;
  float content_x = sidebar, content_y = kTopBarHeight;
  float content_w = width - sidebar, content_h = height - kTopBarHeight;
  view_height_ = content_h;

  if (has_issue_) {
    ensure_layout(content_w);
    if (content_left_ != content_x || content_top_ != content_y || layout_notified_ != layout_generation_) {
      content_left_ = content_x;
      content_top_ = content_y;
      layout_notified_ = layout_generation_;
      char geometry[96];
      std::snprintf(geometry, sizeof geometry, "{\"left\":%.0f,\"top\":%.0f,\"height\":%.0f}", content_x, content_y,
                    page_.height);
      host_.notify("layout", geometry, false);
    }
    if (resume_pending_) {
      resume_pending_ = false;
      restore_resume();
    }
    if (!pending_article_.empty()) {
      // "<id>" or "<id>@<fraction>".
      std::string id = pending_article_;
      float fraction = 0;
      size_t at = id.find('@');
      if (at != std::string::npos) {
        fraction = std::strtof(id.c_str() + at + 1, nullptr);
        id.resize(at);
      }
      pending_article_.clear();
      float top = page_.target_top(id, issue_);
      if (top >= 0) {
        float height = 0;
        for (const auto& a : page_.anchors)
          if (issue_.articles[a.article].id == id) height = a.bottom - a.top;
        scroll_to(top - 8 + fraction * height, false);
        reported_article_ = page_.article_at(top + 1);
      }
    }
    clamp_scroll();
    track_current_article();
  }

  ImDrawList* bg = ImGui::GetBackgroundDrawList();
  const Palette& pal = palette(dark());
  bg->AddRectFilled(ImVec2(0, 0), ImVec2(width, height), pal.background);
  if (has_issue_) draw_page(content_x, content_y, content_w, content_h);
  draw_top_bar(width);
  if (wide && has_issue_) {
    ImGui::SetNextWindowPos(ImVec2(0, kTopBarHeight));
    ImGui::SetNextWindowSize(ImVec2(sidebar, content_h));
    ImGui::Begin("contents", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_contents_list(sidebar, false);
    panels_.push_back(Panel{"contents", 0, kTopBarHeight, sidebar, content_h});
    ImGui::End();
    bg->AddLine(ImVec2(sidebar, kTopBarHeight), ImVec2(sidebar, height), pal.rule);
  }
  if (search_.open) draw_search_bar(content_x, content_y, content_w);
  draw_overlays(width, height);
  report_overlays();
}

// Panels drawn over the page: the host stops the text layer from taking the pointer
// there, so clicks, drags and the wheel reach the panel and not the text beneath.
void Viewer::note_overlay(const char* name) {
  ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  overlays_.push_back({pos.x, pos.y, size.x, size.y});
  panels_.push_back(Panel{name, pos.x, pos.y, size.x, size.y});
}

void Viewer::report_overlays() {
  std::string json = "[";
  char rect[80];
  for (const auto& r : overlays_) {
    std::snprintf(rect, sizeof rect, "%s[%.0f,%.0f,%.0f,%.0f]", json.size() > 1 ? "," : "", r[0], r[1], r[2], r[3]);
    json += rect;
  }
  json += "]";
  if (json == reported_overlays_) return;
  reported_overlays_ = json;
  host_.notify("overlays", json, false);
}

void Viewer::draw_top_bar(float width) {
  const Palette& pal = palette(dark());
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, kTopBarHeight));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, pal.surface);
  ImGui::Begin("topbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  ImGui::SetCursorPosY((kTopBarHeight - ImGui::GetFrameHeight()) * 0.5f);
  bool narrow = width < 640;
  if (width < kSidebarMinWindow && has_issue_) {
    if (ImGui::Button("目次")) contents_open_ = !contents_open_;
    ImGui::SameLine();
  }
  if (has_issue_) {
    bool has_newer = false, has_older = false;
    for (size_t i = 0; i < index_.issues.size(); ++i) {
      if (index_.issues[i].id != issue_.id) continue;
      has_newer = i > 0;
      has_older = i + 1 < index_.issues.size();
    }
    ImGui::BeginDisabled(!has_older);
    if (ImGui::Button(narrow ? "<" : "< 前の号")) move_issue(-1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (!narrow) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(issue_.date.c_str());
      ImGui::SameLine();
    }
    ImGui::BeginDisabled(!has_newer);
    if (ImGui::Button(narrow ? ">" : "次の号 >")) move_issue(1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(narrow ? "号" : "アーカイブ")) archive_open_ = !archive_open_;
  }
  // Right-aligned settings; on narrow screens they fold into a "表示" menu.
  const char* theme_label = dark() ? "ライト" : "ダーク";
  const ImGuiStyle& style = ImGui::GetStyle();
  auto button_width = [&](const char* label) { return ImGui::CalcTextSize(label).x + 2 * style.FramePadding.x; };
  float right = narrow ? button_width("表示") + button_width("?") + style.ItemSpacing.x
                       : button_width("A-") + button_width("A+") + button_width(theme_label) + button_width("?") +
                             3 * style.ItemSpacing.x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), width - right - style.WindowPadding.x));
  if (narrow) {
    if (ImGui::Button("表示")) ImGui::OpenPopup("display");
    if (ImGui::BeginPopup("display")) {
      if (ImGui::Button("A-")) set_font_scale(font_scale_ - 0.1f);
      ImGui::SameLine();
      if (ImGui::Button("A+")) set_font_scale(font_scale_ + 0.1f);
      ImGui::SameLine();
      if (ImGui::Button(theme_label)) set_theme(dark() ? ThemeSetting::Light : ThemeSetting::Dark);
      note_overlay("display");
      ImGui::EndPopup();
    }
  } else {
    if (ImGui::Button("A-")) set_font_scale(font_scale_ - 0.1f);
    ImGui::SameLine();
    if (ImGui::Button("A+")) set_font_scale(font_scale_ + 0.1f);
    ImGui::SameLine();
    if (ImGui::Button(theme_label)) set_theme(dark() ? ThemeSetting::Light : ThemeSetting::Dark);
  }
  ImGui::SameLine();
  if (ImGui::Button("?")) help_open_ = !help_open_;
  ImGui::End();
}

void Viewer::draw_contents_list(float width, bool in_popup) {
  const Palette& pal = palette(dark());
  ImGui::TextDisabled("カテゴリ");
  if (ImGui::Selectable(filter_.categories.empty() ? "● すべて" : "○ すべて", filter_.categories.empty())) {
    filter_.categories.clear();
    filter_changed();
  }
  for (const auto& c : issue_.categories) {
    size_t count = 0;
    for (const auto& a : issue_.articles) count += a.category == c.id;
    bool on = std::find(filter_.categories.begin(), filter_.categories.end(), c.id) != filter_.categories.end();
    std::string label = std::string(on ? "● " : "○ ") + c.emoji + " " + c.label + " (" + std::to_string(count) + ")";
    if (ImGui::Selectable((label + "##cat-" + c.id).c_str(), on)) toggle_category(c.id);
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  if (!issue_.sections.empty())
    ImGui::TextDisabled("%s %s", issue_.sections[0].emoji.c_str(), issue_.sections[0].title.c_str());
  int current = current_article();
  const float size = ImGui::GetFontSize();
  const float text_width = width - 2 * ImGui::GetStyle().WindowPadding.x - 8;
  if (contents_width_ != text_width || contents_size_ != size || contents_generation_ != layout_generation_) {
    // Titles wrap with the core line breaker (ImGui's wrapping is for English).
    contents_width_ = text_width;
    contents_size_ = size;
    contents_generation_ = layout_generation_;
    contents_.clear();
    UnitMeasure measure(font_);
    for (const auto& anchor : page_.anchors) {
      const digest::Article& a = issue_.articles[anchor.article];
      ContentsEntry entry;
      entry.title = a.title;
      if (const digest::Category* c = issue_.find_category(a.category)) entry.title = c->emoji + " " + entry.title;
      entry.lines = digest::break_lines(entry.title, digest::ScaledMeasure(measure, size), text_width);
      contents_.push_back(std::move(entry));
    }
  }
  for (size_t k = 0; k < page_.anchors.size() && k < contents_.size(); ++k) {
    const auto& anchor = page_.anchors[k];
    const digest::Article& a = issue_.articles[anchor.article];
    const std::string& title = contents_[k].title;
    const auto& lines = contents_[k].lines;
    float h = static_cast<float>(lines.size()) * size * 1.45f + 6;
    // Entries outside the panel's view only take their space (1,000-article issues).
    float item_top = ImGui::GetCursorScreenPos().y;
    float view_top = ImGui::GetWindowPos().y, view_bottom = view_top + ImGui::GetWindowHeight();
    if (item_top + h < view_top || item_top > view_bottom) {
      ImGui::Dummy(ImVec2(text_width + 8, h));
      continue;
    }
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(anchor.article));
    bool clicked = ImGui::InvisibleButton("article", ImVec2(text_width + 8, h));
    ImGui::PopID();
    bool selected = static_cast<int>(anchor.article) == current;
    if (selected || ImGui::IsItemHovered()) {
      ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + text_width + 8, pos.y + h),
                                                selected ? with_alpha(pal.accent, 0.14f) : pal.surface, 6);
    }
    float y = pos.y + 3;
    for (const auto& l : lines) {
      ImGui::GetWindowDrawList()->AddText(font_, size, ImVec2(pos.x + 4, y + size * 0.2f),
                                          selected ? pal.title : pal.text, title.data() + l.begin,
                                          title.data() + l.end);
      y += size * 1.45f;
    }
    if (clicked) {
      scroll_to(anchor.top - 8, true);
      reported_article_ = gliding_to_ = static_cast<int>(anchor.article);
      glide_started_ = last_time_;
      host_.notify("article", a.id, true);
      if (in_popup) contents_open_ = false;
    }
  }
  if (issue_.afterword) {
    ImGui::Spacing();
    if (ImGui::Selectable(((issue_.afterword->emoji.empty() ? "" : issue_.afterword->emoji + " ") +
                           (issue_.afterword->title.empty() ? std::string("編集後記") : issue_.afterword->title))
                              .c_str())) {
      scroll_to(page_.height, true);
      if (in_popup) contents_open_ = false;
    }
  }
}

void Viewer::draw_page(float x, float y, float width, float height) {
  const Palette& pal = palette(dark());
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  page_x_ = x;
  page_y_ = y - scroll_y_;
  dl->PushClipRect(ImVec2(x, y), ImVec2(x + width, y + height), true);
  const float top = scroll_y_, bottom = scroll_y_ + height;

  auto [box_first, box_last] = page_.visible_boxes(top, bottom);
  for (size_t i = box_first; i < box_last; ++i) {
    const digest::PageBox& b = page_.boxes[i];
    ImVec2 p0(page_x_ + b.x, page_y_ + b.y), p1(page_x_ + b.x + b.w, page_y_ + b.y + b.h);
    switch (b.kind) {
      case digest::BoxKind::Rule:
      case digest::BoxKind::TableRule: dl->AddRectFilled(p0, ImVec2(p1.x, p0.y + 1), pal.rule); break;
      case digest::BoxKind::QuoteBar: dl->AddRectFilled(p0, p1, pal.quote_bar); break;
      case digest::BoxKind::CodeBackground: dl->AddRectFilled(p0, p1, pal.code_background); break;
      case digest::BoxKind::CommentaryBackground: dl->AddRectFilled(p0, p1, pal.commentary_background); break;
    }
  }

  if (search_.open && search_.hits_generation != layout_generation_) find_page_hits();
  const auto [first, last] = page_.visible_lines(top, bottom);
  for (size_t i = first; i < last && !search_.hits.empty(); ++i) {
    // Search hits: a marker behind the text of each line that shows part of one.
    const digest::PageLine& line = page_.lines[i];
    ImFont* font = font_for(line);
    float cx = page_x_ + line.x;
    const float ty = page_y_ + line.y + (line.height - line.size) * 0.5f;
    for (uint32_t s = 0; s < line.span_count; ++s) {
      const digest::PageSpan& span = page_.spans[line.first_span + s];
      const char* base = page_.text.data();
      auto it = std::lower_bound(search_.hits.begin(), search_.hits.end(), span.begin,
                                 [](const PageHit& h, uint32_t v) { return h.end <= v; });
      for (; it != search_.hits.end() && it->begin < span.end; ++it) {
        uint32_t b = std::max(it->begin, span.begin), e = std::min(it->end, span.end);
        float x0 = cx + font->CalcTextSizeA(line.size, FLT_MAX, 0, base + span.begin, base + b).x;
        float x1 = cx + font->CalcTextSizeA(line.size, FLT_MAX, 0, base + span.begin, base + e).x;
        bool current = search_.current >= 0 && &*it == &search_.hits[static_cast<size_t>(search_.current)];
        dl->AddRectFilled(ImVec2(x0 - 1, ty - 2), ImVec2(x1 + 1, ty + line.size + 3),
                          current ? IM_COL32(255, 150, 0, 200) : IM_COL32(255, 220, 0, dark() ? 110 : 150), 3);
      }
      cx += font->CalcTextSizeA(line.size, FLT_MAX, 0, base + span.begin, base + span.end).x;
    }
  }

  ImVec2 mouse = ImGui::GetIO().MousePos;
  bool mouse_in_page = !ImGui::GetIO().WantCaptureMouse && mouse.x >= x && mouse.y >= y;
  bool hand = false;
  for (size_t i = first; i < last; ++i) {
    const digest::PageLine& line = page_.lines[i];
    if (line.y + line.height < top) continue;
    ImFont* font = font_for(line);
    ImU32 base = pal.text;
    switch (line.role) {
      case digest::TextRole::IssueTitle:
      case digest::TextRole::Title:
      case digest::TextRole::Heading:
      case digest::TextRole::Section: base = pal.title; break;
      case digest::TextRole::Meta: base = pal.muted; break;
      case digest::TextRole::Action: base = pal.accent; break;
      default: break;
    }
    float cx = page_x_ + line.x;
    const float ty = page_y_ + line.y + (line.height - line.size) * 0.5f;
    for (uint32_t s = 0; s < line.span_count; ++s) {
      const digest::PageSpan& span = page_.spans[line.first_span + s];
      const char* b = page_.text.data() + span.begin;
      const char* e = page_.text.data() + span.end;
      float w = font->CalcTextSizeA(line.size, FLT_MAX, 0, b, e).x;
      ImU32 color = base;
      bool hovered = false;
      if (span.link >= 0) {
        color = pal.accent;
        ImVec2 p0(cx, page_y_ + line.y), p1(cx + w, page_y_ + line.y + line.height);
        hotspots_.push_back(Hotspot{p0.x, std::max(p0.y, y), p1.x, p1.y, span.link});
        hovered = mouse_in_page && mouse.x >= p0.x && mouse.x < p1.x && mouse.y >= p0.y && mouse.y < p1.y;
        if (hovered) {
          hand = true;
          color = pal.link_hover;
          const digest::PageLink& link = page_.links[static_cast<size_t>(span.link)];
          ImGui::BeginTooltip();
          if (link.action == digest::LinkAction::Open)
            ImGui::TextUnformatted(link.href.c_str());
          else
            ImGui::TextUnformatted("この記事へのリンクをコピー");
          ImGui::EndTooltip();
        }
      }
      if (span.style & digest::kStyleCode && line.role != digest::TextRole::Code) {
        dl->AddRectFilled(ImVec2(cx - 2, ty - 1), ImVec2(cx + w + 2, ty + line.size + 2), pal.code_background, 3);
      }
      dl->AddText(font, line.size, ImVec2(cx, ty), color, b, e);
      if ((span.style & digest::kStyleStrong) && font == font_) {
        // Faux bold: the same glyphs again, a fraction of a pixel to the right.
        dl->AddText(font, line.size, ImVec2(cx + std::max(0.5f, line.size * 0.035f), ty), color, b, e);
      }
      if ((span.link >= 0 && line.role != digest::TextRole::Action) || hovered) {
        float uy = ty + line.size * 1.08f;
        dl->AddLine(ImVec2(cx, uy), ImVec2(cx + w, uy), with_alpha(color, hovered ? 1.0f : 0.5f));
      }
      if (span.style & digest::kStyleStrike) {
        float sy = ty + line.size * 0.55f;
        dl->AddLine(ImVec2(cx, sy), ImVec2(cx + w, sy), color);
      }
      cx += w;
    }
  }
  dl->PopClipRect();
  if (host_.set_hand_cursor) host_.set_hand_cursor(hand);
}

void Viewer::draw_overlays(float width, float height) {
  const Palette& pal = palette(dark());
  const ImGuiWindowFlags panel =
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse;
  float panel_w = std::min(width - 24, 420.0f);
  if (contents_open_ && has_issue_) {
    ImGui::SetNextWindowPos(ImVec2(8, kTopBarHeight + 4));
    ImGui::SetNextWindowSize(ImVec2(panel_w, height - kTopBarHeight - 16));
    ImGui::Begin("目次", &contents_open_, panel);
    draw_contents_list(panel_w, true);
    note_overlay("contents");
    ImGui::End();
  }
  if (archive_open_) {
    ImGui::SetNextWindowPos(ImVec2(width * 0.5f, kTopBarHeight + 4), ImGuiCond_Always, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(panel_w, 0));
    ImGui::Begin("アーカイブ", &archive_open_, panel | ImGuiWindowFlags_AlwaysAutoResize);
    for (const auto& entry : index_.issues) {
      bool current = has_issue_ && entry.id == issue_.id;
      std::string label = entry.date + "  " + entry.headline;
      // Long headlines are cut to the panel width (the full text is in the issue).
      float room = panel_w - 40;
      size_t cut = label.size();
      while (cut > 0 && ImGui::CalcTextSize(label.c_str(), label.c_str() + cut).x > room) {
        --cut;
        while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      }
      if (cut < label.size()) label = label.substr(0, cut) + "…";
      if (ImGui::Selectable((label + "##" + entry.id).c_str(), current)) {
        archive_open_ = false;
        if (!current) host_.notify("open-issue", entry.id, true);
      }
    }
    note_overlay("archive");
    ImGui::End();
  }
  if (help_open_) {
    ImGui::SetNextWindowPos(ImVec2(width * 0.5f, height * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("キーボード操作", &help_open_, panel | ImGuiWindowFlags_AlwaysAutoResize);
    static const char* kKeys[][2] = {{"j / k", "次の記事 / 前の記事"},
                                     {"n / p", "次の号 / 前の号"},
                                     {"+ / -", "文字を大きく / 小さく"},
                                     {"t", "ライト / ダーク切り替え"},
                                     {"Space / Shift+Space", "1画面進む / 戻る"},
                                     {"Home / End", "先頭 / 末尾"},
                                     {"?", "このヘルプ"},
                                     {"Esc", "閉じる"}};
    for (const auto& k : kKeys) {
      ImGui::TextUnformatted(k[0]);
      ImGui::SameLine(190);
      ImGui::TextUnformatted(k[1]);
    }
    note_overlay("help");
    ImGui::End();
  }
  if (!error_.empty() && has_issue_) {
    // A failed load keeps the issue on screen and says why above it.
    ImGui::SetNextWindowPos(ImVec2(width * 0.5f, kTopBarHeight + 8), ImGuiCond_Always, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(std::min(width - 24, 560.0f), 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, dark() ? IM_COL32(70, 30, 30, 250) : IM_COL32(255, 235, 235, 250));
    ImGui::Begin("error", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(error_.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("再試行")) host_.notify("retry", "", false);
    ImGui::SameLine();
    if (ImGui::Button("閉じる")) error_.clear();
    note_overlay("error");
    ImGui::End();
    ImGui::PopStyleColor();
  }
  (void)pal;
}

//-----------------------------------------------------------------------------
// [SECTION] Search
//-----------------------------------------------------------------------------

void Viewer::open_search() {
  search_.open = true;
  search_.box_w = 0;  // re-announce the box so the host focuses its input
}

void Viewer::close_search() {
  search_ = SearchState();
  host_.notify("search-close", "", false);
}

void Viewer::set_search_text(std::string committed, std::string composing, size_t at) {
  search_.committed = std::move(committed);
  search_.composing = std::move(composing);
  search_.composing_at = std::min(at, search_.committed.size());
  std::string folded = digest::fold_query(search_.committed);
  if (folded == search_.folded) return;
  search_.folded = folded;
  search_.hits_generation = 0;
  archive_dirty_ = true;
}

void Viewer::find_page_hits() {
  search_.hits.clear();
  search_.current = -1;
  search_.hits_generation = layout_generation_;
  if (search_.folded.empty()) return;
  // Blocks are contiguous in the page text: search each, so no match spans two.
  for (const digest::PageBlock& block : page_.blocks) {
    if (block.decorative || block.line_count == 0) continue;
    const digest::PageBlockLine& first = page_.block_lines[block.first_line];
    const digest::PageBlockLine& last = page_.block_lines[block.first_line + block.line_count - 1];
    if (first.span_count == 0 || last.span_count == 0) continue;
    uint32_t begin = page_.spans[first.first_span].begin;
    uint32_t end = page_.spans[last.first_span + last.span_count - 1].end;
    digest::FoldedText folded = digest::fold_for_search(std::string_view(page_.text).substr(begin, end - begin));
    for (const auto& m : digest::find_matches(folded, search_.folded)) {
      search_.hits.push_back(PageHit{static_cast<uint32_t>(begin + m.begin), static_cast<uint32_t>(begin + m.end), 0});
    }
  }
  std::sort(search_.hits.begin(), search_.hits.end(),
            [](const PageHit& a, const PageHit& b) { return a.begin < b.begin; });
  // The line of each hit, for scrolling to it.
  for (size_t i = 0; i < page_.lines.size(); ++i) {
    const digest::PageLine& line = page_.lines[i];
    if (line.span_count == 0) continue;
    uint32_t b = page_.spans[line.first_span].begin, e = page_.spans[line.first_span + line.span_count - 1].end;
    for (PageHit& hit : search_.hits)
      if (hit.begin >= b && hit.begin < e) hit.line = i;
  }
  // Start from the first hit below the top of the view.
  for (size_t i = 0; i < search_.hits.size(); ++i) {
    if (page_.lines[search_.hits[i].line].y >= scroll_y_) {
      search_.current = static_cast<int>(i);
      break;
    }
  }
  if (search_.current < 0 && !search_.hits.empty()) search_.current = 0;
}

void Viewer::set_search_scope(bool archive) {
  search_.archive = archive;
  archive_dirty_ = true;
}

// Opens an archive result: its issue (or this one) at its article, hits shown there.
void Viewer::open_result(size_t index) {
  if (index >= search_.results.size()) return;
  const ArchiveResult& r = search_.results[index];
  if (has_issue_ && r.issue_id == issue_.id) {
    go_to_article(r.article_id);
    host_.notify("article", r.article_id, true);
  } else {
    host_.notify("open-article", r.issue_id + "#" + r.article_id, true);
  }
  search_.archive = false;
  search_.hits_generation = 0;
}

void Viewer::search_key(int key) {
  if (!search_.archive) {
    if (key == 1 || key == -1) step_search(key);
    return;
  }
  // The archive's results: arrows choose, Enter opens.
  int n = static_cast<int>(search_.results.size());
  if (n == 0) return;
  if (key == 2 || key == -2) {
    search_.selected_result = std::clamp(search_.selected_result + key / 2, 0, n - 1);
    search_.scroll_to_selected = true;
  } else if (key == 1) {
    open_result(static_cast<size_t>(std::max(0, search_.selected_result)));
  }
}

void Viewer::step_search(int direction) {
  if (search_.hits.empty()) return;
  int n = static_cast<int>(search_.hits.size());
  search_.current = ((search_.current < 0 ? 0 : search_.current + direction) % n + n) % n;
  const digest::PageLine& line = page_.lines[search_.hits[static_cast<size_t>(search_.current)].line];
  scroll_to(line.y - view_height_ * 0.35f, true);
}

void Viewer::add_archive_issue(std::string_view json) {
  digest::IssueLoadResult result = digest::load_issue(json);
  if (!result.ok()) return;
  // Only the plain text is kept; newest first, whatever order the downloads finished in.
  digest::ArchiveIssue entry = digest::make_archive_issue(result.issue);
  auto newer = [](const digest::ArchiveIssue& a, const digest::ArchiveIssue& b) {
    return a.date != b.date ? a.date > b.date : a.id > b.id;
  };
  archive_.insert(std::upper_bound(archive_.begin(), archive_.end(), entry, newer), std::move(entry));
}

void Viewer::search_archive() {
  archive_dirty_ = false;
  search_.results.clear();
  search_.selected_result = 0;
  for (auto& hit : digest::search_archive(archive_, search_.folded)) {
    const digest::ArchiveIssue& issue = archive_[hit.issue];
    const digest::ArchiveArticle& article = issue.articles[hit.article];
    search_.results.push_back(ArchiveResult{issue.id, issue.date, article.id, article.title, std::move(hit.excerpt)});
  }
}

void Viewer::draw_search_bar(float x, float y, float width) {
  const Palette& pal = palette(dark());
  const float bar_w = std::min(width - 16, 640.0f);
  ImGui::SetNextWindowPos(ImVec2(x + (width - bar_w) * 0.5f, y + 6));
  ImGui::SetNextWindowSize(ImVec2(bar_w, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, pal.surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::Begin("search", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  // The box: the host's hidden input lies over it, so the IME window opens here.
  const float box_w = std::max(120.0f, bar_w - 300);
  const float box_h = ImGui::GetFrameHeight();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(box_w, box_h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + box_w, p.y + box_h), pal.background, 6);
  dl->AddRect(p, ImVec2(p.x + box_w, p.y + box_h), pal.accent, 6);
  const float size = ImGui::GetFontSize();
  const float tx = p.x + 8, ty = p.y + (box_h - size) * 0.5f;
  const std::string& c = search_.committed;
  std::string before = c.substr(0, search_.composing_at), after = c.substr(search_.composing_at);
  float cx = tx;
  if (c.empty() && search_.composing.empty()) {
    dl->AddText(font_, size, ImVec2(tx, ty), pal.muted, "この号を検索(かな・カナ・全角半角を区別しません)");
  }
  dl->AddText(font_, size, ImVec2(cx, ty), pal.text, before.c_str());
  cx += font_->CalcTextSizeA(size, FLT_MAX, 0, before.c_str()).x;
  if (!search_.composing.empty()) {
    float w = font_->CalcTextSizeA(size, FLT_MAX, 0, search_.composing.c_str()).x;
    dl->AddText(font_, size, ImVec2(cx, ty), pal.text, search_.composing.c_str());
    dl->AddLine(ImVec2(cx, ty + size + 2), ImVec2(cx + w, ty + size + 2), pal.text, 1.5f);  // IME underline
    cx += w;
  }
  dl->AddLine(ImVec2(cx + 1, ty), ImVec2(cx + 1, ty + size), pal.accent);  // caret
  dl->AddText(font_, size, ImVec2(cx + 3, ty), pal.text, after.c_str());
  if (p.x != search_.box_x || p.y != search_.box_y || box_w != search_.box_w) {
    search_.box_x = p.x;
    search_.box_y = p.y;
    search_.box_w = box_w;
    search_.box_h = box_h;
    char rect[96];
    std::snprintf(rect, sizeof rect, "{\"x\":%.0f,\"y\":%.0f,\"width\":%.0f,\"height\":%.0f}", p.x, p.y, box_w, box_h);
    host_.notify("search-open", rect, false);
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (!search_.archive) {
    if (search_.folded.empty())
      ImGui::TextDisabled("     ");
    else if (search_.hits.empty())
      ImGui::TextUnformatted("0件");
    else
      ImGui::Text("%d/%d件", search_.current + 1, static_cast<int>(search_.hits.size()));
    ImGui::SameLine();
    if (ImGui::ArrowButton("prev", ImGuiDir_Up)) step_search(-1);
    ImGui::SameLine();
    if (ImGui::ArrowButton("next", ImGuiDir_Down)) step_search(1);
  } else {
    ImGui::Text("%d件", static_cast<int>(search_.results.size()));
  }
  ImGui::SameLine();
  if (ImGui::Button(search_.archive ? "アーカイブ" : "この号")) set_search_scope(!search_.archive);
  ImGui::SameLine();
  if (ImGui::Button("×")) close_search();
  if (search_.archive) {
    if (!archive_requested_) {
      archive_requested_ = true;
      host_.notify("archive-needed", "", false);
    }
    if (archive_dirty_ && archive_complete_) search_archive();
    if (!archive_complete_) ImGui::TextDisabled("アーカイブを読み込み中…");
    ImGui::BeginChild(
        "results", ImVec2(bar_w - 16, std::min(360.0f, 12 + 3.2f * size * static_cast<float>(search_.results.size()))));
    for (size_t i = 0; i < search_.results.size(); ++i) {
      const ArchiveResult& r = search_.results[i];
      ImGui::PushID(static_cast<int>(i));
      bool selected = static_cast<int>(i) == search_.selected_result;
      if (ImGui::Selectable((r.date + "  " + r.title).c_str(), selected)) open_result(i);
      if (selected && search_.scroll_to_selected) {
        ImGui::SetScrollHereY(0.5f);
        search_.scroll_to_selected = false;
      }
      ImGui::TextDisabled("%s", r.excerpt.c_str());
      ImGui::PopID();
    }
    ImGui::EndChild();
  }
  note_overlay("search");
  ImGui::End();
}

//-----------------------------------------------------------------------------
// [SECTION] Queries for the host (actions, state)
//-----------------------------------------------------------------------------

ImFont* Viewer::font_for(const digest::PageLine& line) const { return line.bold && bold_font_ ? bold_font_ : font_; }

void Viewer::set_bold_font(ImFont* font) {
  bold_font_ = font;
  layout_dirty_ = true;
}

std::string Viewer::text_layer_html() const {
  return has_issue_ ? digest::text_layer_html(issue_, page_) : std::string();
}

std::string Viewer::links_json() const {
  std::string out = "[";
  char box[96];
  for (const Hotspot& h : hotspots_) {
    const digest::PageLink& link = page_.links[static_cast<size_t>(h.link)];
    std::snprintf(box, sizeof box, "{\"x\":%.1f,\"y\":%.1f,\"width\":%.1f,\"height\":%.1f,", h.x0, h.y0, h.x1 - h.x0,
                  h.y1 - h.y0);
    if (out.size() > 1) out += ",";
    out += box;
    out += "\"action\":" + json_quote(link.action == digest::LinkAction::Open ? "open" : "copy");
    out += ",\"target\":" + json_quote(link.href) + "}";
  }
  return out + "]";
}

std::string Viewer::state_json(long frames_drawn) const {
  int article = current_article();
  std::string out = "{\"issue\":" + (has_issue_ ? json_quote(issue_.id) : std::string("null"));
  out += ",\"article\":" + (has_issue_ && article >= 0 ? json_quote(issue_.articles[static_cast<size_t>(article)].id)
                                                       : std::string("null"));
  out += ",\"theme\":" + json_quote(dark() ? "dark" : "light");
  out += ",\"themeSetting\":" + json_quote(theme_ == ThemeSetting::System  ? "system"
                                           : theme_ == ThemeSetting::Light ? "light"
                                                                           : "dark");
  char scale[16];
  std::snprintf(scale, sizeof scale, "%.1f", font_scale_);
  out += ",\"fontScale\":" + std::string(scale);
  out += ",\"framesDrawn\":" + std::to_string(frames_drawn);
  out += ",\"error\":" + (error_.empty() ? std::string("null") : json_quote(error_));
  out += ",\"missingGlyphs\":" + json_quote(missing_glyphs());
  out += ",\"boldFont\":" + std::string(bold_font_ ? "true" : "false");
  out += ",\"search\":{\"open\":" + std::string(search_.open ? "true" : "false");
  out += ",\"scope\":" + json_quote(search_.archive ? "archive" : "issue");
  out += ",\"query\":" + json_quote(search_.committed) + ",\"composing\":" + json_quote(search_.composing);
  out += ",\"hits\":" + std::to_string(search_.hits.size()) + ",\"current\":" + std::to_string(search_.current);
  out += ",\"results\":[";
  for (size_t i = 0; i < search_.results.size(); ++i) {
    if (i) out += ",";
    out += "{\"issue\":" + json_quote(search_.results[i].issue_id) +
           ",\"article\":" + json_quote(search_.results[i].article_id) + "}";
  }
  out += "]}";
  out += ",\"panels\":[";
  for (size_t i = 0; i < panels_.size(); ++i) {
    char rect[96];
    std::snprintf(rect, sizeof rect, ",\"x\":%.0f,\"y\":%.0f,\"width\":%.0f,\"height\":%.0f}", panels_[i].x,
                  panels_[i].y, panels_[i].w, panels_[i].h);
    out += (i ? ",{\"name\":" : "{\"name\":") + json_quote(panels_[i].name) + rect;
  }
  out += "]";
  if (has_issue_) {
    out += ",\"title\":" + json_quote(issue_.title);
    out += ",\"date\":" + json_quote(issue_.date);
    std::string description;
    if (!order_.empty()) description = issue_.articles[order_.front()].summary.doc.plain_text();
    if (description.size() > 300) {
      size_t cut = 300;
      while (cut > 0 && (static_cast<unsigned char>(description[cut]) & 0xC0) == 0x80) --cut;
      description = description.substr(0, cut) + "…";
    }
    out += ",\"description\":" + json_quote(description);
    out += ",\"scrollY\":" + std::to_string(static_cast<int>(scroll_y_));
    out += ",\"pageHeight\":" + std::to_string(static_cast<int>(page_.height));
  }
  return out + "}";
}

}  // namespace ui
