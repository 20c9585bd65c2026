// What a shared link shows: the static share page of each article, the link-card
// metadata (Open Graph, Twitter cards) and the oEmbed answer (`digest share`).
//
// Where things live, relative to the site root (docs/embed.md, "Sharing"):
//   a/<issue>/<article>.html   the article's share page (redirects readers to the viewer)
//   a/<issue>/<article>.png    its preview card, 1200×630 (src/card)
//   a/<issue>.png              the issue's preview card
//   oembed/<issue>.json, oembed/<issue>/<article>.json   oEmbed 1.0, type "rich"
// Ids are slugs ([a-z0-9-], checked by the loader), so they go into paths as they are.
#pragma once

#include <string>

#include "core/issue.hpp"
#include "core/outline.hpp"

namespace digest {

inline constexpr int kCardWidth = 1200;
inline constexpr int kCardHeight = 630;

struct ShareSite {
  // The public address of the site, e.g. "https://digest.example" or
  // "https://example.org/digest"; no trailing slash. Crawlers need absolute URLs.
  std::string base_url;
  // The issue's static page, relative to the site root ("issues/2026-11-25.html").
  std::string issue_page;
};

// Checks and normalises a site address: http(s), a host, an optional path, no query
// or fragment; a trailing slash is dropped. Returns "" and sets `error` otherwise.
std::string normalise_site_url(const std::string& url, std::string& error);

std::string share_page_path(const Issue& issue, const Article& article);
std::string card_path(const Issue& issue, const Article* article);    // article == nullptr: the issue
std::string oembed_path(const Issue& issue, const Article* article);  // article == nullptr: the issue

// <meta>/<link> tags for the issue's static page (`digest html --site`).
std::string issue_share_head(const Issue& issue, const ShareSite& site);

// The share page of one article of `outline` (make_outline(issue), made once for all
// of an issue's pages): metadata, the article readable without script, a link that
// opens it in the viewer (share.js follows it at once) and the other articles.
std::string export_share_page(const Issue& issue, const Outline& outline, const OutlineArticle& entry,
                              const ShareSite& site);

// oEmbed 1.0 JSON, type "rich": the embed.js snippet that shows the issue (or opens
// it at the article).
std::string export_oembed(const Issue& issue, const Outline& outline, const Article* article, const ShareSite& site);

// The text of a card or description: plain text of the article's lead, at most
// `max_bytes` long (cut at a character boundary, with "…").
std::string lead_text(const Article& article, size_t max_bytes);

}  // namespace digest
