// Share pages, link-card metadata and oEmbed answers.
//
// [SECTION] Paths and addresses
// [SECTION] Metadata
// [SECTION] Pages and oEmbed

#include "core/share.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/export.hpp"
#include "core/outline.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

// Descriptions: about 120 Japanese characters, what the large chat and social cards show.
constexpr size_t kDescriptionBytes = 360;
// The oEmbed frame: the embed's width and a height that shows the header and a lead.
constexpr int kEmbedWidth = 640;
constexpr int kEmbedHeight = 720;

// Titles: about 70 Japanese characters, what unfurlers show of a title.
constexpr size_t kTitleBytes = 210;

// What a link preview shows of a text. Control characters (ESC ...), line and paragraph
// separators and bidirectional controls are dropped -- U+202E turns "txt.exe" around in
// every preview; newlines and tabs become spaces. At most max_bytes, cut at a character
// with "…".
std::string preview_text(std::string_view raw, size_t max_bytes) {
  std::string text;
  for (size_t i = 0; i < raw.size();) {
    const char32_t cp = utf8_next(raw, i);
    if (cp == '\n' || cp == '\t') {
      text += ' ';
      continue;
    }
    const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    const bool separator = cp == 0x2028 || cp == 0x2029;
    const bool bidi = cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                      (cp >= 0x2066 && cp <= 0x2069);
    if (!control && !separator && !bidi) utf8_append(text, cp);
  }
  if (text.size() <= max_bytes) return text;
  return text.substr(0, utf8_boundary_before(text, max_bytes - 3)) + "…";
}

std::string meta_property(const char* property, const std::string& content) {
  return std::string("<meta property=\"") + property + "\" content=\"" + escape_html(content) + "\">\n";
}

std::string meta_name(const char* name, const std::string& content) {
  return std::string("<meta name=\"") + name + "\" content=\"" + escape_html(content) + "\">\n";
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Paths and addresses
//-----------------------------------------------------------------------------

std::string normalise_site_url(const std::string& url, std::string& error) {
  std::string out = url;
  while (!out.empty() && out.back() == '/') out.pop_back();
  size_t scheme_end = out.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : out.substr(0, scheme_end);
  const size_t host_begin = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const size_t host_end = std::min(out.find('/', host_begin), out.size());
  const bool plain = out.find_first_of("?#\"'<> \\") == std::string::npos &&
                     std::all_of(out.begin(), out.end(), [](char c) { return c > ' ' && c < 127; });
  if ((scheme != "http" && scheme != "https") || host_end == host_begin || !plain) {
    error = "\"" + url + "\" is not a site address like https://digest.example or https://example.org/digest";
    return "";
  }
  return out;
}

std::string share_page_path(const Issue& issue, const Article& article) {
  return "a/" + issue.id + "/" + article.id + ".html";
}

std::string card_path(const Issue& issue, const Article* article) {
  return article ? "a/" + issue.id + "/" + article->id + ".png" : "a/" + issue.id + ".png";
}

std::string oembed_path(const Issue& issue, const Article* article) {
  return article ? "oembed/" + issue.id + "/" + article->id + ".json" : "oembed/" + issue.id + ".json";
}

std::string lead_text(const Article& article, size_t max_bytes) {
  return preview_text(article.summary.doc.plain_text(), max_bytes);
}

//-----------------------------------------------------------------------------
// [SECTION] Metadata
//-----------------------------------------------------------------------------

namespace {

struct CardMeta {
  std::string type;  // og:type
  std::string title, description, url, image, image_alt, oembed, published, section;
  std::string site;  // the site's address: its feeds are site/feed.xml and site/feed.json (make site)
};

std::string card_head(const Outline& outline, CardMeta m) {
  m.title = preview_text(m.title, kTitleBytes);
  m.image_alt = preview_text(m.image_alt, kTitleBytes);
  m.section = preview_text(m.section, kTitleBytes);
  std::string out;
  out += meta_name("description", m.description);
  out += "<link rel=\"canonical\" href=\"" + escape_html(m.url) + "\">\n";
  out += meta_property("og:type", m.type);
  out += meta_property("og:site_name", outline.title);
  out += meta_property("og:locale", "ja_JP");
  out += meta_property("og:title", m.title);
  out += meta_property("og:description", m.description);
  out += meta_property("og:url", m.url);
  out += meta_property("og:image", m.image);
  out += meta_property("og:image:type", "image/png");
  out += meta_property("og:image:width", std::to_string(kCardWidth));
  out += meta_property("og:image:height", std::to_string(kCardHeight));
  out += meta_property("og:image:alt", m.image_alt);
  if (!m.published.empty()) out += meta_property("article:published_time", m.published);
  if (!m.section.empty()) out += meta_property("article:section", m.section);
  out += meta_name("twitter:card", "summary_large_image");
  out += meta_name("twitter:title", m.title);
  out += meta_name("twitter:description", m.description);
  out += meta_name("twitter:image", m.image);
  out += meta_name("twitter:image:alt", m.image_alt);
  out += "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"" + escape_html(m.oembed) + "\" title=\"" +
         escape_html(m.title) + "\">\n";
  out += "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"" + escape_html(m.site) +
         "/feed.xml\" title=\"" + escape_html(outline.title) + "\">\n";
  out += "<link rel=\"alternate\" type=\"application/feed+json\" href=\"" + escape_html(m.site) +
         "/feed.json\" title=\"" + escape_html(outline.title) + "\">\n";
  return out;
}

std::string issue_description(const Outline& outline) {
  std::string text;
  for (const OutlineArticle& entry : outline.articles) {
    if (!text.empty()) text += " ／ ";
    text += entry.article->title;
  }
  return preview_text(text, kDescriptionBytes);
}

}  // namespace

std::string issue_share_head(const Issue& issue, const ShareSite& site) {
  const Outline outline = make_outline(issue);
  CardMeta m;
  m.type = "website";
  m.title = outline.title + " " + outline.date;
  m.description = issue_description(outline);
  m.url = site.base_url + "/" + site.issue_page;
  m.image = site.base_url + "/" + card_path(issue, nullptr);
  m.image_alt = m.title;
  m.oembed = site.base_url + "/" + oembed_path(issue, nullptr);
  m.site = site.base_url;
  return card_head(outline, m);
}

//-----------------------------------------------------------------------------
// [SECTION] Pages and oEmbed
//-----------------------------------------------------------------------------

std::string export_share_page(const Issue& issue, const Outline& outline, const OutlineArticle& entry,
                              const ShareSite& site) {
  const Article& a = *entry.article;
  const Category* category = issue.find_category(a.category);

  CardMeta m;
  m.type = "article";
  m.title = a.title;
  m.description = lead_text(a, kDescriptionBytes);
  m.url = site.base_url + "/" + share_page_path(issue, a);
  m.image = site.base_url + "/" + card_path(issue, &a);
  m.image_alt = a.title;
  m.oembed = site.base_url + "/" + oembed_path(issue, &a);
  m.published = issue.date;
  m.section = category ? category->label : "";
  m.site = site.base_url;

  // From a/<issue>/<article>.html, the site root is two folders up.
  const std::string root = "../../";
  const std::string viewer = root + "?issue=" + issue.id;
  std::string out;
  out += "<!doctype html>\n<html lang=\"" + escape_html(issue.lang.empty() ? "ja" : issue.lang) + "\">\n<head>\n";
  out += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_html(preview_text(a.title + " ・ " + outline.title + " " + outline.date, kTitleBytes)) +
         "</title>\n";
  out += card_head(outline, m);
  out += std::string("<style>") + page_style() +
         "h1{line-height:1.4}.site{opacity:.8}.site a{color:inherit}.open{margin:2em 0;font-size:1.1em}</style>\n";
  // Readers go straight on to the viewer, before this page paints (a page shown for a
  // moment, then a blank one, then the viewer's, flickers); crawlers and readers without
  // script stay here.
  out += "<script src=\"" + root + "share.js\"></script>\n</head>\n<body>\n";
  out += "<header><p class=\"site\"><a href=\"" + escape_html(viewer) + "\">" + escape_html(outline.title) +
         "</a> ・ <time datetime=\"" + escape_html(issue.date) + "\">" + escape_html(issue.date) +
         "</time></p></header>\n<main>\n";
  out += article_html(entry, 1);
  out += "<p class=\"open\"><a id=\"open-viewer\" href=\"" + escape_html(viewer + "#" + a.id) +
         "\">ビューアーで読む →</a></p>\n";
  if (outline.articles.size() > 1) {
    out += "<nav><h2>この号のほかの記事</h2><ul>";
    for (const OutlineArticle& other : outline.articles) {
      if (other.index == entry.index) continue;
      out += "<li><a href=\"" + escape_html(other.article->id) + ".html\">" + escape_html(other.article->title) +
             "</a></li>";
    }
    out += "</ul></nav>\n";
  }
  if (!site.issue_page.empty())
    out += "<p><a href=\"" + escape_html(root + site.issue_page) + "\">この号をまとめて読む(HTML)</a></p>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string export_oembed(const Issue& issue, const Outline& outline, const Article* article, const ShareSite& site) {
  std::string snippet = "<div data-digest-issue=\"" + issue.id + "\"";
  if (article) snippet += " data-article=\"" + article->id + "\"";
  snippet += " data-height=\"" + std::to_string(kEmbedHeight) + "\"></div>";
  snippet += "<script src=\"" + escape_html(site.base_url) + "/embed.js\" defer></script>";
  nlohmann::ordered_json j;
  j["version"] = "1.0";
  j["type"] = "rich";
  j["title"] = preview_text(article ? article->title : outline.title + " " + outline.date, kTitleBytes);
  j["provider_name"] = outline.title;
  j["provider_url"] = site.base_url + "/";
  j["cache_age"] = 86400;
  j["html"] = snippet;
  j["width"] = kEmbedWidth;
  j["height"] = kEmbedHeight;
  j["thumbnail_url"] = site.base_url + "/" + card_path(issue, article);
  j["thumbnail_width"] = kCardWidth;
  j["thumbnail_height"] = kCardHeight;
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace digest
