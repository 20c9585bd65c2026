// The search bar over the top of the page: the box the host's input lies over, the
// count and stepping of hits, the scope, 「フォロー」 for what is searched, and the
// archive's results (virtualised).
#include <algorithm>
#include <cfloat>

#include "ui/painters.hpp"
#include "ui/search_controller.hpp"

namespace ui {

namespace {

// The box itself: the host's hidden input lies over it and receives the typing; this
// draws what it holds, the IME composition underlined, and the caret.
host::Rect paint_search_box(const PaintContext& ctx, const SearchController& search, float box_w) {
  const Palette& pal = ctx.palette;
  const float box_h = ImGui::GetFrameHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(box_w, box_h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + box_w, p.y + box_h), pal.background, 6);
  dl->AddRect(p, ImVec2(p.x + box_w, p.y + box_h), pal.accent, 6);
  const float size = ImGui::GetFontSize();
  const float tx = p.x + 8, ty = p.y + (box_h - size) * 0.5f;
  const std::string& c = search.committed();
  const std::string before = c.substr(0, search.composing_at()), after = c.substr(search.composing_at());
  dl->PushClipRect(p, ImVec2(p.x + box_w - 4, p.y + box_h), true);
  if (c.empty() && search.composing().empty()) {
    dl->AddText(ctx.font, size, ImVec2(tx, ty), pal.muted,
                search.scope() == host::SearchScope::Archive ? "アーカイブを検索" : "この号を検索");
  }
  float cx = tx;
  dl->AddText(ctx.font, size, ImVec2(cx, ty), pal.text, before.c_str());
  cx += ctx.font->CalcTextSizeA(size, FLT_MAX, 0, before.c_str()).x;
  if (!search.composing().empty()) {
    const float w = ctx.font->CalcTextSizeA(size, FLT_MAX, 0, search.composing().c_str()).x;
    dl->AddText(ctx.font, size, ImVec2(cx, ty), pal.text, search.composing().c_str());
    dl->AddLine(ImVec2(cx, ty + size + 2), ImVec2(cx + w, ty + size + 2), pal.text, 1.5f);  // IME underline
    cx += w;
  }
  dl->AddLine(ImVec2(cx + 1, ty), ImVec2(cx + 1, ty + size), pal.accent);  // caret
  dl->AddText(ctx.font, size, ImVec2(cx + 3, ty), pal.text, after.c_str());
  dl->PopClipRect();
  return host::Rect{p.x, p.y, box_w, box_h};
}

// Virtualised: only the rows in view are laid out, so 25,000 results cost what 10 do;
// the rows in view ask for their issues' titles and excerpts.
void paint_results(const PaintContext& ctx, SearchController& search, float width) {
  if (!search.archive_loaded()) ImGui::TextDisabled("アーカイブを読み込み中…");
  if (!search.index_error().empty()) wrapped_text("検索索引を読めません: " + search.index_error(), false);
  const auto& results = search.results();
  const float row = ImGui::GetTextLineHeightWithSpacing() * 2;
  ImGui::BeginChild("results", ImVec2(width, std::min(360.0f, 12 + row * static_cast<float>(results.size()))));
  ctx.semantics.open(Role::List, "search.results", "検索結果", PaintContext::window_rect());
  if (search.take_scroll_to_selected()) {
    const float y = row * static_cast<float>(search.selected_result());
    if (y < ImGui::GetScrollY() || y + row > ImGui::GetScrollY() + ImGui::GetWindowHeight()) {
      ImGui::SetScrollY(y - ImGui::GetWindowHeight() * 0.5f);
    }
  }
  // Rows of other issues, drawn at once: a character no loaded slice has is drawn by
  // the platform rather than fetching a slice for it (a search costs its index).
  ImGui::PushFont(ctx.glimpse_font, 0.0f);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(results.size()), row);
  while (clipper.Step()) {
    search.note_visible_results(static_cast<size_t>(clipper.DisplayStart), static_cast<size_t>(clipper.DisplayEnd));
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const SearchController::Result& r = results[static_cast<size_t>(i)];
      ImGui::PushID(i);
      const bool selected = i == search.selected_result();
      // Cut to the list's width with 「…」 (the whole text is in the issue, and in the
      // row's name for a screen reader).
      const float room = ImGui::GetContentRegionAvail().x - 4;
      const std::string label = fit_text(r.date + "  " + (r.has_text ? r.title : r.article_id), room);
      if (ImGui::Selectable(label.c_str(), selected)) ctx.act(Action::Kind::OpenResult, {}, static_cast<long>(i));
      const host::Rect title = PaintContext::item_rect();
      ImGui::TextDisabled("%s", r.has_text ? fit_text(r.excerpt, room).c_str() : "…");
      ImGui::PopID();
      // The row (title and excerpt) as one item: date, title, then the excerpt.
      const float bottom = ImGui::GetItemRectMax().y;
      std::string name = spoken_date(r.date) + " " + (r.has_text ? r.title : r.article_id);
      if (r.has_text && !r.excerpt.empty()) name += "、" + r.excerpt;
      SemanticNode& node =
          ctx.semantics.add(Role::Item, "search.result." + std::to_string(i), std::move(name),
                            host::Rect{title.x, title.y, title.width, bottom - title.y},
                            Action{Action::Kind::OpenResult, {}, static_cast<long>(i)});
      node.current = selected;
      node.position = i + 1;
      node.set_size = static_cast<long>(results.size());
    }
  }
  ImGui::PopFont();
  ctx.semantics.close();
  ImGui::EndChild();
}

}  // namespace

float paint_search_bar(const PaintContext& ctx, SearchController& search, float x, float y, float width,
                       const std::function<void(const host::Json&)>& notify) {
  const bool archive = search.scope() == host::SearchScope::Archive;
  const float bar_w = std::min(width - 16, 640.0f);
  // On a phone the controls go under the box, so the close button stays on screen.
  const bool two_rows = bar_w < 520;
  ImGui::SetNextWindowPos(ImVec2(x + (width - bar_w) * 0.5f, y + 6));
  ImGui::SetNextWindowSize(ImVec2(bar_w, 0));
  begin_panel(ctx, "search", nullptr, kFixedWindow | ImGuiWindowFlags_AlwaysAutoResize);
  ctx.semantics.open(Role::Dialog, "search", "検索", PaintContext::window_rect());
  const float inner_w = bar_w - 2 * ImGui::GetStyle().WindowPadding.x;
  const host::Rect box = paint_search_box(ctx, search, two_rows ? inner_w : std::max(120.0f, bar_w - 380));
  if (search.set_box(box) && notify) notify(host::search_open_event(box));
  ctx.semantics.add(Role::Searchbox, "search.box", archive ? "アーカイブを検索" : "この号を検索", box);
  if (!two_rows) ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  // What the count says, in words for the status a screen reader announces.
  std::string status;
  if (!archive) {
    const auto& hits = search.hits();
    if (!search.has_query()) {
      ImGui::TextDisabled("     ");
    } else if (hits.empty()) {
      ImGui::TextUnformatted("0件");
      status = "見つかりません";
    } else {
      ImGui::Text("%d/%d件", search.current_hit() + 1, static_cast<int>(hits.size()));
      status = std::to_string(hits.size()) + "件中" + std::to_string(search.current_hit() + 1) + "件目";
    }
    ctx.semantics.add(Role::Status, "search.status", status, PaintContext::item_rect());
    ImGui::SameLine();
    if (ImGui::ArrowButton("prev", ImGuiDir_Up)) ctx.act(Action::Kind::StepSearch, {}, -1);
    ctx.describe(Role::Button, "search.previous", "前の一致", Action{Action::Kind::StepSearch, {}, -1}).disabled =
        search.hits().empty();
    ImGui::SameLine();
    if (ImGui::ArrowButton("next", ImGuiDir_Down)) ctx.act(Action::Kind::StepSearch, {}, 1);
    ctx.describe(Role::Button, "search.next", "次の一致", Action{Action::Kind::StepSearch, {}, 1}).disabled =
        search.hits().empty();
  } else {
    if (search.has_query() && search.archive_loaded() && !search.results_complete()) {
      ImGui::TextDisabled("検索中…");
      status = "検索中…";
    } else {
      ImGui::Text("%d件", static_cast<int>(search.results().size()));
      // The result the arrows chose is said with the count: the focus stays in the box.
      const auto& results = search.results();
      const int chosen = search.selected_result();
      if (search.has_query() && results.empty()) status = "見つかりません";
      if (!results.empty() && chosen >= 0 && static_cast<size_t>(chosen) < results.size()) {
        const SearchController::Result& r = results[static_cast<size_t>(chosen)];
        status = std::to_string(results.size()) + "件中" + std::to_string(chosen + 1) + "件目: " + spoken_date(r.date) +
                 " " + (r.has_text ? r.title : r.article_id);
      }
    }
    ctx.semantics.add(Role::Status, "search.status", status, PaintContext::item_rect());
  }
  ImGui::SameLine();
  if (ImGui::Button(archive ? "アーカイブ" : "この号")) ctx.act(Action::Kind::ToggleSearchScope);
  ctx.describe(Role::Button, "search.scope", archive ? "検索範囲: アーカイブ" : "検索範囲: この号",
               Action{Action::Kind::ToggleSearchScope, {}, 0});
  auto close_button = [&] {
    ImGui::SameLine();
    if (ImGui::Button("×")) ctx.act(Action::Kind::CloseSearch);
    ctx.describe(Role::Button, "search.close", "検索を閉じる", Action{Action::Kind::CloseSearch, {}, 0});
  };
  // What is searched can be followed: new issues that mention it are marked 新着.
  const std::string topic = Follows::topic_of(search.committed());
  if (ctx.follows.enabled() && !topic.empty()) {
    const bool followed = ctx.follows.find(topic) != nullptr;
    const char* label = followed ? "✓ フォロー###follow" : "フォロー###follow";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float follow_w = ImGui::CalcTextSize(label, nullptr, true).x + 2 * style.FramePadding.x;
    const float close_w = ImGui::CalcTextSize("×").x + 2 * style.FramePadding.x;
    // On a phone it goes on a row of its own when the close button would not fit.
    ImGui::SameLine();
    const bool own_row = ImGui::GetContentRegionAvail().x < follow_w + style.ItemSpacing.x + close_w;
    if (own_row) close_button();
    const Action follow{Action::Kind::FollowTopic, topic, followed ? 0 : 1};
    if (ImGui::Button(label)) ctx.act(follow.kind, follow.id, follow.index);
    ctx.describe(Role::Button, "search.follow", "「" + topic + "」をフォロー", follow).pressed =
        followed ? Flag::On : Flag::Off;
    if (!own_row) close_button();
  } else {
    close_button();
  }
  const float bar_height = ImGui::GetItemRectMax().y + ImGui::GetStyle().WindowPadding.y - y;
  if (archive) paint_results(ctx, search, inner_w);
  ctx.panels.note_window("search");
  ctx.semantics.close();
  end_panel();
  return bar_height;
}

}  // namespace ui
