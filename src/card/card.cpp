// Preview cards: loading the faces, a canvas that draws text and rectangles, the two layouts.
//
// [SECTION] Faces
// [SECTION] Canvas
// [SECTION] Layouts

#include "card/card.hpp"

#include <algorithm>
#include <cmath>

#include "card/face.hpp"
#include "core/export.hpp"
#include "core/line_layout.hpp"
#include "core/outline.hpp"
#include "core/share.hpp"
#include "core/shared_constants.hpp"
#include "core/utf8.hpp"

namespace card {

//-----------------------------------------------------------------------------
// [SECTION] Faces
//-----------------------------------------------------------------------------

CardRenderer::CardRenderer() = default;
CardRenderer::~CardRenderer() = default;

bool CardRenderer::load_fonts(std::vector<uint8_t> regular, std::vector<uint8_t> bold, std::string& error) {
  regular_ = std::make_unique<Face>();
  bold_ = std::make_unique<Face>();
  if (!regular_->load(std::move(regular))) {
    error = "the regular font is not a TrueType/OpenType font stb_truetype can read";
    return false;
  }
  if (!bold_->load(std::move(bold))) {
    error = "the bold font is not a TrueType/OpenType font stb_truetype can read";
    return false;
  }
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Canvas
//-----------------------------------------------------------------------------

struct Rgb {
  uint8_t r, g, b;
};

class Canvas {
 public:
  Canvas(CardRenderer& fonts, Rgb background) : fonts_(fonts) {
    image_.width = digest::kCardWidth;
    image_.height = digest::kCardHeight;
    image_.rgb.resize(static_cast<size_t>(image_.width) * static_cast<size_t>(image_.height) * 3);
    fill(0, 0, image_.width, image_.height, background);
  }

  void fill(int x0, int y0, int x1, int y1, Rgb c) {
    x0 = std::max(x0, 0), y0 = std::max(y0, 0), x1 = std::min(x1, image_.width), y1 = std::min(y1, image_.height);
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) put(x, y, c, 255);
  }

  // Width of `text` at `size` px in `face` (with the other weight's glyphs where it has none).
  float width(const Face& face, float size, std::string_view text) const {
    float w = 0;
    for (size_t i = 0; i < text.size();) {
      const char32_t cp = digest::utf8_next(text, i);
      const Face* f = pick(face, cp);
      if (f) w += f->glyph_advance(f->glyph(cp)) * size;
    }
    return w;
  }

  // Draws `text` with its left end at x and its baseline at `baseline`.
  void text(const Face& face, float size, float x, float baseline, std::string_view text, Rgb color) {
    std::vector<uint8_t> coverage;
    for (size_t i = 0; i < text.size();) {
      const char32_t cp = digest::utf8_next(text, i);
      const Face* f = pick(face, cp);
      if (!f) {
        if (cp > ' ') fonts_.missing_.insert(cp);
        continue;
      }
      const int g = f->glyph(cp);
      const float scale = stbtt_ScaleForPixelHeight(&f->info(), size);
      const float shift = x - std::floor(x);
      int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      stbtt_GetGlyphBitmapBoxSubpixel(&f->info(), g, scale, scale, shift, 0, &x0, &y0, &x1, &y1);
      const int w = x1 - x0, h = y1 - y0;
      if (w > 0 && h > 0) {
        coverage.assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0);
        stbtt_MakeGlyphBitmapSubpixel(&f->info(), coverage.data(), w, h, w, scale, scale, shift, 0, g);
        const int left = static_cast<int>(std::floor(x)) + x0, top = static_cast<int>(std::lround(baseline)) + y0;
        for (int gy = 0; gy < h; ++gy)
          for (int gx = 0; gx < w; ++gx)
            put(left + gx, top + gy, color, coverage[static_cast<size_t>(gy) * static_cast<size_t>(w) + gx]);
      }
      x += f->glyph_advance(g) * size;
    }
  }

  // `text` cut to fit `max_width`, ending in "…" when cut.
  std::string fit(const Face& face, float size, const std::string& text, float max_width) const {
    if (width(face, size, text) <= max_width) return text;
    const float room = max_width - width(face, size, "…");
    std::string out;
    float used = 0;
    for (size_t i = 0; i < text.size();) {
      const size_t start = i;
      digest::utf8_next(text, i);
      used += width(face, size, std::string_view(text).substr(start, i - start));
      if (used > room) break;
      out.append(text, start, i - start);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
  }

  Image take() { return std::move(image_); }

 private:
  // The face that has cp: the one asked for, else the other weight, else none.
  const Face* pick(const Face& face, char32_t cp) const {
    if (face.glyph(cp)) return &face;
    const Face& other = &face == fonts_.bold_.get() ? *fonts_.regular_ : *fonts_.bold_;
    return other.glyph(cp) ? &other : nullptr;
  }

  void put(int x, int y, Rgb c, int alpha) {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height || alpha == 0) return;
    uint8_t* p = &image_.rgb[(static_cast<size_t>(y) * static_cast<size_t>(image_.width) + static_cast<size_t>(x)) * 3];
    auto mix = [alpha](uint8_t under, uint8_t over) {
      return static_cast<uint8_t>((under * (255 - alpha) + over * alpha + 127) / 255);
    };
    p[0] = mix(p[0], c.r);
    p[1] = mix(p[1], c.g);
    p[2] = mix(p[2], c.b);
  }

  CardRenderer& fonts_;
  Image image_;
};

//-----------------------------------------------------------------------------
// [SECTION] Layouts
//-----------------------------------------------------------------------------

namespace {

constexpr Rgb from_hex(uint32_t value) {
  return Rgb{static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)};
}

// The viewer's light theme (core/shared_constants.hpp) and the icon's colours
// (web/icons/icon.svg).
constexpr Rgb kPaper = from_hex(digest::shared::kLightPage), kBand{18, 53, 91}, kBandText{255, 255, 255},
              kBandMuted{184, 201, 220}, kStripe{232, 131, 58}, kTitle = from_hex(digest::shared::kLightTitle),
              kMuted = from_hex(digest::shared::kLightMuted), kCategory{168, 74, 16}, kRule{210, 210, 205};
constexpr int kMargin = 72, kBandHeight = 104, kStripeHeight = 8, kFooterTop = 532;

// "2026年11月25日" for "2026-11-25".
std::string japanese_date(const std::string& date) {
  if (date.size() != 10) return date;
  auto number = [&](size_t at, size_t n) { return std::to_string(std::atoi(date.substr(at, n).c_str())); };
  return number(0, 4) + "年" + number(5, 2) + "月" + number(8, 2) + "日";
}

// Lines of about equal width (as CSS text-wrap: balance): the narrowest width that
// needs no more lines than the full width, so a title never ends in a lone word.
std::vector<digest::LineSpan> balanced_lines(std::string_view text, const digest::TextMeasure& measure, float max_width,
                                             const digest::LineBreakOptions& options) {
  std::vector<digest::LineSpan> best = digest::break_lines(text, measure, max_width, options);
  if (best.size() < 2) return best;
  float low = max_width / static_cast<float>(best.size()), high = max_width;
  for (int step = 0; step < 12; ++step) {
    const float mid = (low + high) / 2;
    std::vector<digest::LineSpan> lines = digest::break_lines(text, measure, mid, options);
    if (lines.size() <= best.size()) {
      high = mid;
      best = std::move(lines);
    } else {
      low = mid;
    }
  }
  return best;
}

// The band at the top: the digest's name and the date; the stripe under it.
void draw_band(Canvas& canvas, const Face& regular, const Face& bold, const digest::Outline& outline) {
  canvas.fill(0, 0, digest::kCardWidth, kBandHeight, kBand);
  canvas.fill(0, kBandHeight, digest::kCardWidth, kBandHeight + kStripeHeight, kStripe);
  const float brand = 40, date = 32;
  canvas.text(bold, brand, kMargin, kBandHeight / 2.0f + brand * 0.36f, outline.title, kBandText);
  const std::string when = japanese_date(outline.date);
  canvas.text(regular, date, digest::kCardWidth - kMargin - canvas.width(regular, date, when),
              kBandHeight / 2.0f + date * 0.36f, when, kBandMuted);
}

struct TextBox {
  float top, bottom, width;
};

// `lines` of `text` from the top of `box`, as many as fit; when some do not, the last
// one drawn takes the rest of the text cut with "…". Returns where the lines end.
float draw_lines(Canvas& canvas, const Face& face, float size, float line_height, const std::string& text,
                 std::vector<digest::LineSpan> lines, const TextBox& box, Rgb color) {
  const size_t room = static_cast<size_t>(std::max(0.0f, (box.bottom - box.top) / line_height));
  const bool cut = lines.size() > room;
  if (cut) lines.resize(room);
  float baseline = box.top + (line_height - size) / 2 + face.ascent() * size;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool last = i + 1 == lines.size();
    const std::string line = cut && last ? canvas.fit(face, size, text.substr(lines[i].begin), box.width)
                                         : text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    canvas.text(face, size, kMargin, baseline, line, color);
    baseline += line_height;
  }
  return box.top + static_cast<float>(lines.size()) * line_height;
}

void draw_footer(Canvas& canvas, const Face& regular, const std::string& left, const std::string& right) {
  canvas.fill(kMargin, kFooterTop, digest::kCardWidth - kMargin, kFooterTop + 2, kRule);
  const float size = 30, baseline = kFooterTop + 62;
  const float right_width = canvas.width(regular, size, right);
  canvas.text(regular, size, digest::kCardWidth - kMargin - right_width, baseline, right, kMuted);
  const float room = digest::kCardWidth - 2 * kMargin - right_width - 40;
  canvas.text(regular, size, kMargin, baseline, canvas.fit(regular, size, left, room), kMuted);
}

}  // namespace

Image CardRenderer::article_card(const digest::Issue& issue, const digest::Outline& outline,
                                 const digest::OutlineArticle& entry, const std::string& site_label) {
  Canvas canvas(*this, kPaper);
  const Face &regular = *regular_, &bold = *bold_;
  const digest::Article& article = *entry.article;
  draw_band(canvas, regular, bold, outline);

  // Category and reading time above the title.
  const float meta = 32, meta_baseline = kBandHeight + kStripeHeight + 76;
  float x = kMargin;
  if (const digest::Category* category = issue.find_category(article.category)) {
    canvas.text(bold, meta, x, meta_baseline, category->label, kCategory);
    x += canvas.width(bold, meta, category->label) + 16;
    canvas.text(regular, meta, x, meta_baseline, "・", kMuted);
    x += canvas.width(regular, meta, "・") + 16;
  }
  canvas.text(regular, meta, x, meta_baseline, std::to_string(entry.minutes) + "分で読めます", kMuted);

  // The title: the largest size at which it fits the space in at most four lines.
  const float top = meta_baseline + 36, bottom = kFooterTop - 24, max_width = digest::kCardWidth - 2 * kMargin;
  const float line_height = 1.32f;
  digest::LineBreakOptions options;
  options.hanging_punctuation = true;
  digest::LineBreakOptions title_options = options;
  title_options.phrases = digest::PhraseBreaks::Heading;
  float size = 0;
  std::vector<digest::LineSpan> lines;
  for (float candidate : {72.0f, 64.0f, 58.0f, 52.0f, 46.0f}) {
    size = candidate;
    lines = balanced_lines(article.title, digest::ScaledMeasure(bold, size), max_width, title_options);
    if (lines.size() * size * line_height <= bottom - top) break;
  }
  // Still too long at the smallest size: the last line that fits ends in "…".
  const float title_bottom =
      draw_lines(canvas, bold, size, size * line_height, article.title, lines, TextBox{top, bottom, max_width}, kTitle);

  // The lead, in the room the title leaves (none when it needs all of it).
  const float lead = 30;
  const std::string text = digest::lead_text(article, 1200);
  draw_lines(canvas, regular, lead, lead * 1.55f, text,
             digest::break_lines(text, digest::ScaledMeasure(regular, lead), max_width, options),
             TextBox{title_bottom + 12, bottom, max_width}, kMuted);

  draw_footer(canvas, regular, article.author, site_label);
  return canvas.take();
}

Image CardRenderer::issue_card(const digest::Outline& outline, const std::string& site_label) {
  Canvas canvas(*this, kPaper);
  const Face &regular = *regular_, &bold = *bold_;
  draw_band(canvas, regular, bold, outline);

  const float heading = 60, max_width = digest::kCardWidth - 2 * kMargin;
  float baseline = kBandHeight + kStripeHeight + 100;
  canvas.text(bold, heading, kMargin, baseline, japanese_date(outline.date) + "号", kTitle);
  baseline += 34;

  // Up to four headlines, one line each, behind a square in the stripe's colour.
  const float item = 34, item_height = 64;
  size_t shown = 0;
  for (const digest::OutlineArticle& entry : outline.articles) {
    if (shown == 4) break;
    baseline += item_height;
    const int square = 14;
    canvas.fill(kMargin, static_cast<int>(baseline - item * 0.5f) - square / 2, kMargin + square,
                static_cast<int>(baseline - item * 0.5f) + square / 2, kStripe);
    canvas.text(regular, item, kMargin + 34, baseline, canvas.fit(regular, item, entry.article->title, max_width - 34),
                kTitle);
    ++shown;
  }
  std::string more = std::to_string(outline.articles.size()) + "本 ・ 約" + std::to_string(outline.minutes) + "分";
  if (outline.articles.size() > shown) more += " ・ ほか" + std::to_string(outline.articles.size() - shown) + "本";
  draw_footer(canvas, regular, more, site_label);
  return canvas.take();
}

}  // namespace card
