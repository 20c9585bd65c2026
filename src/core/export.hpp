// An issue as a standalone HTML page (`digest html`) and as plain text laid out at a
// number of terminal columns (`digest render`).
#pragma once

#include <string>
#include <string_view>

#include "core/checklist.hpp"
#include "core/issue.hpp"
#include "core/outline.hpp"

namespace digest {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string escape_html(std::string_view text);

// A complete, self-contained HTML5 page (checklist items as read-only checkboxes): no scripts, links only where the link policy
// allows them (rel="noopener noreferrer", target="_blank"). `head_extra` is written
// into <head> as it is (the link-card metadata of `digest html --site`).
std::string export_html(const Issue& issue, std::string_view head_extra = {}, const ChecklistConfig& checklist = {});

// One article of an outline as an HTML <article>, its title at heading `title_level`;
// with the outline, its checklist items as checkboxes (read-only: a static page).
std::string article_html(const OutlineArticle& entry, int title_level, const Outline* outline = nullptr);

// The static pages' stylesheet (light and dark), for a <style> element.
const char* page_style();

// The archive as a standalone, script-free HTML page (`digest html-index`): every issue
// of the index, newest first, linking to its static page (the issue's path with .html
// for .json, as the web build writes them).
std::string export_index_html(const ArchiveIndex& index);

// Plain text wrapped at `columns` cells with the core line breaker, at most
// `max_bytes` long (*cut says whether it stopped there).
std::string render_text(const Issue& issue, int columns, size_t max_bytes = 64u << 20, bool* cut = nullptr);

// Estimated reading time in minutes (at least 1): 500 Japanese characters or 200
// Latin words a minute, the usual figures for adult readers.
int reading_minutes(const Article& article);

}  // namespace digest
