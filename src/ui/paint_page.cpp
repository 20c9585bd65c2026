// The reading page: the visible decorations (rules, quote bars, code and commentary
// backgrounds), search hits and the sentence being read aloud behind the text, then
// the text with its links.
#include <algorithm>

#include "ui/painters.hpp"
#include "ui/search_controller.hpp"

namespace ui {

namespace {

ImFont* font_for(const PaintContext& ctx, const digest::PageLine& line) {
  return line.bold && ctx.bold_font ? ctx.bold_font : ctx.font;
}

ImU32 role_color(const Palette& pal, digest::TextRole role) {
  switch (role) {
    case digest::TextRole::IssueTitle:
    case digest::TextRole::Title:
    case digest::TextRole::Heading:
    case digest::TextRole::Section: return pal.title;
    case digest::TextRole::Meta: return pal.muted;
    case digest::TextRole::Action: return pal.accent;
    default: return pal.text;
  }
}

void paint_boxes(const PaintContext& ctx, ImDrawList* dl, ImVec2 origin, float top, float bottom) {
  const Palette& pal = ctx.palette;
  auto [first, last] = ctx.page.visible_boxes(top, bottom);
  for (size_t i = first; i < last; ++i) {
    const digest::PageBox& b = ctx.page.boxes[i];
    ImVec2 p0(origin.x + b.x, origin.y + b.y), p1(origin.x + b.x + b.w, origin.y + b.y + b.h);
    switch (b.kind) {
      case digest::BoxKind::Rule:
      case digest::BoxKind::TableRule: dl->AddRectFilled(p0, ImVec2(p1.x, p0.y + 1), pal.rule); break;
      case digest::BoxKind::QuoteBar: dl->AddRectFilled(p0, p1, pal.quote_bar); break;
      case digest::BoxKind::CodeBackground: dl->AddRectFilled(p0, p1, pal.code_background); break;
      case digest::BoxKind::CommentaryBackground: dl->AddRectFilled(p0, p1, pal.commentary_background); break;
    }
  }
}

// Checklist items' boxes: an outline, or filled with a tick when the reader ticked it.
void paint_checks(const PaintContext& ctx, ImDrawList* dl, ImVec2 origin, float top, float bottom) {
  const Palette& pal = ctx.palette;
  const auto [first, last] = ctx.page.visible_checks(top, bottom);
  for (size_t i = first; i < last; ++i) {
    const digest::PageCheck& c = ctx.page.checks[i];
    const ImVec2 p0(origin.x + c.x, origin.y + c.y), p1(p0.x + c.size, p0.y + c.size);
    const float rounding = c.size * 0.2f, stroke = std::max(1.5f, c.size * 0.09f);
    if (!ctx.checklists.ticked(c.item)) {
      const float inset = stroke * 0.5f;
      dl->AddRect(ImVec2(p0.x + inset, p0.y + inset), ImVec2(p1.x - inset, p1.y - inset), pal.muted, rounding, 0,
                  stroke);
      continue;
    }
    dl->AddRectFilled(p0, p1, pal.accent, rounding);
    const ImVec2 tick[3] = {ImVec2(p0.x + c.size * 0.22f, p0.y + c.size * 0.52f),
                            ImVec2(p0.x + c.size * 0.42f, p0.y + c.size * 0.72f),
                            ImVec2(p0.x + c.size * 0.78f, p0.y + c.size * 0.3f)};
    dl->AddPolyline(tick, 3, pal.background, 0, std::max(1.5f, c.size * 0.13f));
  }
}

// A marker behind bytes [b, e) of a span whose text starts at `span_x` on `line`.
void mark_span(const PaintContext& ctx, ImDrawList* dl, ImFont* font, const digest::PageLine& line, float span_x,
               float text_y, const digest::PageSpan& span, uint32_t b, uint32_t e, ImU32 color) {
  const char* text = ctx.page.text.data();
  const float x0 = span_x + font->CalcTextSizeA(line.size, FLT_MAX, 0, text + span.begin, text + b).x;
  const float x1 = span_x + font->CalcTextSizeA(line.size, FLT_MAX, 0, text + span.begin, text + e).x;
  dl->AddRectFilled(ImVec2(x0 - 1, text_y - 2), ImVec2(x1 + 1, text_y + line.size + 3), color, 3);
}

// Where a visible line's spans start, for markers behind its text: calls
// `each(font, span, span_x, text_y)` for every span.
template <typename Each>
void for_each_span(const PaintContext& ctx, ImVec2 origin, const digest::PageLine& line, Each each) {
  ImFont* font = font_for(ctx, line);
  float cx = origin.x + line.x;
  const float ty = origin.y + line.y + (line.height - line.size) * 0.5f;
  const char* text = ctx.page.text.data();
  for (uint32_t s = 0; s < line.span_count; ++s) {
    const digest::PageSpan& span = ctx.page.spans[line.first_span + s];
    each(font, span, cx, ty);
    cx += font->CalcTextSizeA(line.size, FLT_MAX, 0, text + span.begin, text + span.end).x;
  }
}

// A marker behind the text of each visible line that shows part of a hit.
void paint_hits(const PaintContext& ctx, const SearchController& search, ImDrawList* dl, ImVec2 origin, size_t first,
                size_t last) {
  const auto& hits = search.hits();
  if (hits.empty()) return;
  for (size_t i = first; i < last; ++i) {
    const digest::PageLine& line = ctx.page.lines[i];
    for_each_span(ctx, origin, line, [&](ImFont* font, const digest::PageSpan& span, float cx, float ty) {
      auto it = std::lower_bound(hits.begin(), hits.end(), span.begin,
                                 [](const SearchController::Hit& h, uint32_t v) { return h.end <= v; });
      for (; it != hits.end() && it->begin < span.end; ++it) {
        const bool current = static_cast<int>(it - hits.begin()) == search.current_hit();
        mark_span(ctx, dl, font, line, cx, ty, span, std::max(it->begin, span.begin), std::min(it->end, span.end),
                  current ? ctx.palette.hit_current : ctx.palette.hit);
      }
    });
  }
}

// The sentence 読み上げ is saying, lit behind its text on the visible lines.
void paint_spoken(const PaintContext& ctx, ImDrawList* dl, ImVec2 origin, size_t first, size_t last) {
  if (!ctx.spoken || ctx.spoken->begin >= ctx.spoken->end) return;
  const uint32_t begin = ctx.spoken->begin, end = ctx.spoken->end;
  for (size_t i = first; i < last; ++i) {
    const digest::PageLine& line = ctx.page.lines[i];
    if (!line.span_count || ctx.page.spans[line.first_span].begin >= end ||
        ctx.page.spans[line.first_span + line.span_count - 1].end <= begin)
      continue;
    for_each_span(ctx, origin, line, [&](ImFont* font, const digest::PageSpan& span, float cx, float ty) {
      const uint32_t b = std::max(begin, span.begin), e = std::min(end, span.end);
      if (b < e) mark_span(ctx, dl, font, line, cx, ty, span, b, e, ctx.palette.speaking);
    });
  }
}

}  // namespace

void paint_page(const PaintContext& ctx, const SearchController& search, float x, float y, float width, float height,
                float scroll_y, PagePaintResult& out) {
  const Palette& pal = ctx.palette;
  const digest::PageLayout& page = ctx.page;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const ImVec2 origin(x, y - scroll_y);
  dl->PushClipRect(ImVec2(x, y), ImVec2(x + width, y + height), true);
  const float top = scroll_y, bottom = scroll_y + height;
  paint_boxes(ctx, dl, origin, top, bottom);
  paint_checks(ctx, dl, origin, top, bottom);
  const auto [first, last] = page.visible_lines(top, bottom);
  paint_hits(ctx, search, dl, origin, first, last);
  paint_spoken(ctx, dl, origin, first, last);

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool mouse_in_page = !ImGui::GetIO().WantCaptureMouse && mouse.x >= x && mouse.y >= y;
  for (size_t i = first; i < last; ++i) {
    const digest::PageLine& line = page.lines[i];
    if (line.y + line.height < top) continue;
    ImFont* font = font_for(ctx, line);
    const ImU32 base = role_color(pal, line.role);
    float cx = origin.x + line.x;
    const float ty = origin.y + line.y + (line.height - line.size) * 0.5f;
    for (uint32_t s = 0; s < line.span_count; ++s) {
      const digest::PageSpan& span = page.spans[line.first_span + s];
      const char* b = page.text.data() + span.begin;
      const char* e = page.text.data() + span.end;
      const float w = font->CalcTextSizeA(line.size, FLT_MAX, 0, b, e).x;
      ImU32 color = base;
      bool hovered = false;
      if (span.link >= 0) {
        color = pal.accent;
        ImVec2 p0(cx, origin.y + line.y), p1(cx + w, origin.y + line.y + line.height);
        out.hotspots.push_back(Hotspot{p0.x, std::max(p0.y, y), p1.x, p1.y, span.link});
        hovered = mouse_in_page && mouse.x >= p0.x && mouse.x < p1.x && mouse.y >= p0.y && mouse.y < p1.y;
        if (hovered) {
          out.pointer_on_link = true;
          color = pal.link_hover;
          const digest::PageLink& link = page.links[static_cast<size_t>(span.link)];
          ImGui::BeginTooltip();
          std::string tip = "この記事へのリンクをコピー";
          if (link.action == digest::LinkAction::Open) tip = link.href;
          if (link.action == digest::LinkAction::OpenIssue)
            tip = link.href.substr(0, link.href.find('#')) + " の号で開く";
          ImGui::TextUnformatted(tip.c_str());
          ImGui::EndTooltip();
        }
      }
      if (span.style & digest::kStyleCode && line.role != digest::TextRole::Code) {
        dl->AddRectFilled(ImVec2(cx - 2, ty - 1), ImVec2(cx + w + 2, ty + line.size + 2), pal.code_background, 3);
      }
      dl->AddText(font, line.size, ImVec2(cx, ty), color, b, e);
      if ((span.style & digest::kStyleStrong) && font == ctx.font) {
        // Faux bold: the same glyphs again, a fraction of a pixel to the right.
        dl->AddText(font, line.size, ImVec2(cx + std::max(0.5f, line.size * 0.035f), ty), color, b, e);
      }
      if ((span.link >= 0 && line.role != digest::TextRole::Action) || hovered) {
        const float uy = ty + line.size * 1.08f;
        dl->AddLine(ImVec2(cx, uy), ImVec2(cx + w, uy), with_alpha(color, hovered ? 1.0f : 0.5f));
      }
      if (span.style & digest::kStyleStrike) {
        const float sy = ty + line.size * 0.55f;
        dl->AddLine(ImVec2(cx, sy), ImVec2(cx + w, sy), color);
      }
      cx += w;
    }
  }
  dl->PopClipRect();
}

}  // namespace ui
