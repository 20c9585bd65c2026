// The contents list: category filters with counts, then the articles of the page (the
// current one highlighted), then the afterword. Drawn into the current ImGui window,
// the sidebar on wide windows or a panel on narrow ones.
#include <algorithm>
#include <utility>

#include "core/outline.hpp"
#include "ui/painters.hpp"
#include "ui/reading_position.hpp"

namespace ui {

void ContentsList::paint(const PaintContext& ctx, float width) {
  const digest::Issue& issue = *ctx.issue;
  const digest::PageLayout& page = ctx.page;
  const Palette& pal = ctx.palette;
  const auto& chosen = ctx.filter.categories;
  auto pressed = [](bool on) { return on ? Flag::On : Flag::Off; };
  ImGui::TextDisabled("カテゴリ");
  ctx.semantics.open(Role::List, "contents.categories", "カテゴリ", PaintContext::item_rect());
  if (ImGui::Selectable(chosen.empty() ? "● すべて" : "○ すべて", chosen.empty())) {
    ctx.act(Action::Kind::ShowAllCategories);
  }
  ctx.describe(Role::Item, "contents.category.", "すべて", Action{Action::Kind::ShowAllCategories, {}, 0}).pressed =
      pressed(chosen.empty());
  for (const auto& c : issue.categories) {
    size_t count = 0;
    for (const auto& a : issue.articles) count += a.category == c.id;
    const bool on = std::find(chosen.begin(), chosen.end(), c.id) != chosen.end();
    std::string label = std::string(on ? "● " : "○ ") + digest::with_emoji(c.emoji, c.label) + " (" +
                        std::to_string(count) + ")##cat-" + c.id;
    if (ImGui::Selectable(label.c_str(), on)) ctx.act(Action::Kind::ToggleCategory, c.id);
    ctx.describe(Role::Item, "contents.category." + c.id, c.label + " " + std::to_string(count) + "件",
                 Action{Action::Kind::ToggleCategory, c.id, 0})
        .pressed = pressed(on);
  }
  ctx.semantics.close();
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  if (!ctx.outline.section_heading.empty()) ImGui::TextDisabled("%s", ctx.outline.section_heading.c_str());

  const float size = ImGui::GetFontSize();
  const float line_height = size * 1.45f;
  const float text_width = width - 2 * ImGui::GetStyle().WindowPadding.x - 8;
  if (width_ != text_width || size_ != size || generation_ != ctx.layout_generation) {
    // Titles wrap with the core line breaker (ImGui's wrapping is for English).
    width_ = text_width;
    size_ = size;
    generation_ = ctx.layout_generation;
    entries_.clear();
    UnitMeasure measure(ctx.font);
    for (const auto& anchor : page.anchors) {
      const digest::Article& a = issue.articles[anchor.article];
      Entry entry;
      const digest::Category* c = issue.find_category(a.category);
      entry.title = c ? digest::with_emoji(c->emoji, a.title) : a.title;
      digest::LineBreakOptions title;
      title.phrases = digest::PhraseBreaks::Heading;
      entry.lines = digest::break_lines(entry.title, digest::ScaledMeasure(measure, size), text_width, title);
      entries_.push_back(std::move(entry));
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.semantics.open(Role::List, "contents.articles", "記事", PaintContext::window_rect());
  // The entries in view are described, as the archive's rows are (a 1,000-article issue
  // would otherwise rebuild a thousand nodes, and the page a thousand elements, each
  // time the current article changes); each says where it is in the list. The whole
  // issue is in the text layer, article by article, for a screen reader.
  auto describe_entry = [&](size_t k, bool selected, const std::vector<std::string>* topics) {
    const digest::Article& article = issue.articles[page.anchors[k].article];
    std::string name = article.title;
    if (topics) name += "、新着" + Follows::spoken_topics(*topics);
    SemanticNode& node = ctx.describe(Role::Item, "contents.article." + article.id, std::move(name),
                                      Action{Action::Kind::GlideToAnchor, {}, static_cast<long>(k)});
    node.current = selected;
    node.position = static_cast<long>(k) + 1;
    node.set_size = static_cast<long>(page.anchors.size()) + (ctx.outline.afterword ? 1 : 0);
  };
  // The entry the page's arrows asked for (scroll_by), brought to the edge they left by.
  const long count = static_cast<long>(std::min(page.anchors.size(), entries_.size()));
  const int step = std::exchange(step_, 0);
  const long reveal =
      step == 0 ? -1 : std::clamp(step > 0 ? last_shown_ + step : first_shown_ + step, 0L, std::max(0L, count - 1));
  long first_shown = count, last_shown = -1;
  // Articles that mention a followed topic, unread: 新着 with the topic, under the title.
  const std::map<std::string, std::vector<std::string>> followed = ctx.follows.new_articles(issue.id, ctx.reading);
  for (size_t k = 0; k < page.anchors.size() && k < entries_.size(); ++k) {
    const digest::ArticleAnchor& anchor = page.anchors[k];
    const Entry& entry = entries_[k];
    const auto topics = followed.find(issue.articles[anchor.article].id);
    const std::string mark = topics == followed.end() ? "" : Follows::new_mark(topics->second);
    const float h = static_cast<float>(entry.lines.size() + (mark.empty() ? 0 : 1)) * line_height + 6;
    // Entries outside the panel's view only take their space (1,000-article issues).
    const float item_top = ImGui::GetCursorScreenPos().y;
    const float view_top = ImGui::GetWindowPos().y, view_bottom = view_top + ImGui::GetWindowHeight();
    const bool selected = static_cast<int>(anchor.article) == ctx.current_article;
    if (static_cast<long>(k) == reveal) {
      // Its bottom to the view's bottom going down, its top to the top going up.
      ImGui::SetScrollFromPosY(item_top - view_top + (step > 0 ? h : 0.0f), step > 0 ? 1.0f : 0.0f);
    }
    if (item_top + h < view_top || item_top > view_bottom) {
      ImGui::Dummy(ImVec2(text_width + 8, h));
      continue;
    }
    first_shown = std::min(first_shown, static_cast<long>(k));  // drawn, and described
    last_shown = std::max(last_shown, static_cast<long>(k));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(anchor.article));
    const bool clicked = ImGui::InvisibleButton("article", ImVec2(text_width + 8, h));
    ImGui::PopID();
    describe_entry(k, selected, topics == followed.end() ? nullptr : &topics->second);
    if (selected || ImGui::IsItemHovered()) {
      dl->AddRectFilled(pos, ImVec2(pos.x + text_width + 8, pos.y + h),
                        selected ? with_alpha(pal.accent, 0.14f) : pal.surface, 6);
    }
    // Read articles are muted; unread ones of an issue new since the last visit have
    // an accent bar (新着).
    const std::string& article_id = issue.articles[anchor.article].id;
    const bool read = ctx.reading.is_read(issue.id, article_id);
    if (!read && (ctx.reading.is_new(issue.date) || !mark.empty())) {
      dl->AddRectFilled(ImVec2(pos.x, pos.y + 4), ImVec2(pos.x + 2.5f, pos.y + h - 4), pal.accent, 1);
    }
    float y = pos.y + 3;
    for (const auto& l : entry.lines) {
      dl->AddText(ctx.font, size, ImVec2(pos.x + 4, y + size * 0.2f),
                  selected ? pal.title
                  : read   ? pal.muted
                           : pal.text,
                  entry.title.data() + l.begin, entry.title.data() + l.end);
      y += line_height;
    }
    if (!mark.empty()) {
      dl->AddText(ctx.font, size * 0.85f, ImVec2(pos.x + 4, y + size * 0.3f), pal.accent,
                  fit_text(mark, text_width).c_str());
    }
    if (clicked) ctx.act(Action::Kind::GlideToAnchor, {}, static_cast<long>(k));
  }
  first_shown_ = first_shown <= last_shown ? first_shown : 0;
  last_shown_ = std::max(0L, last_shown);
  if (ctx.outline.afterword) {
    ImGui::Spacing();
    // Marked while the reader is in it (j reaches it after the last article).
    const bool here = ctx.current_article == ReadingPosition::kAfterword;
    if (ImGui::Selectable(ctx.outline.afterword->heading.c_str(), here)) ctx.act(Action::Kind::GoToEnd);
    SemanticNode& node = ctx.describe(Role::Item, "contents.afterword", ctx.outline.afterword->heading,
                                      Action{Action::Kind::GoToEnd, {}, 0});
    node.current = here;
    node.position = node.set_size = static_cast<long>(page.anchors.size()) + 1;
  }
  ctx.semantics.close();
}

}  // namespace ui
