#include "core/outline.hpp"

#include <algorithm>

#include "core/export.hpp"

namespace digest {

const std::string_view kThreadEarlierHeading = "これまでの経緯";
const std::string_view kDefaultAfterwordTitle = "編集後記";
const std::string_view kThreadLaterHeading = "続報";

std::vector<ThreadSection> thread_sections(const Article& article) {
  std::vector<ThreadSection> out;
  if (!article.earlier.empty()) out.push_back({kThreadEarlierHeading, &article.earlier});
  if (!article.later.empty()) out.push_back({kThreadLaterHeading, &article.later});
  return out;
}

namespace {

constexpr std::string_view kDefaultTitle = "Digest";

std::string byline(const std::string& author) {
  return author.empty() ? std::string() : "✍ " + author;
}

}  // namespace

std::string url_host(const std::string& url) {
  size_t start = url.find("://");
  if (start == std::string::npos) return std::string();
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  size_t at = host.rfind('@');
  return at == std::string::npos ? host : host.substr(at + 1);
}

bool PageFilter::accepts(const std::string& category) const {
  return categories.empty() || std::find(categories.begin(), categories.end(), category) != categories.end();
}

std::string with_emoji(std::string_view emoji, std::string_view text) {
  std::string out;
  if (!emoji.empty()) {
    out.append(emoji);
    if (!text.empty()) out += ' ';
  }
  out.append(text);
  return out;
}

Outline make_outline(const Issue& issue, const PageFilter& filter, const std::vector<ChecklistItem>* checklist) {
  Outline outline;
  outline.checklist = checklist;
  outline.title = issue.title.empty() ? std::string(kDefaultTitle) : issue.title;
  outline.date = issue.date;
  if (!issue.sections.empty() && !issue.sections.front().title.empty()) {
    outline.section_heading = with_emoji(issue.sections.front().emoji, issue.sections.front().title);
  }
  for (size_t i : issue.reading_order()) {
    const Article& a = issue.articles[i];
    if (!filter.accepts(a.category)) continue;
    OutlineArticle entry;
    entry.index = i;
    entry.article = &a;
    if (const Category* c = issue.find_category(a.category)) entry.badge = with_emoji(c->emoji, c->label);
    entry.minutes = reading_minutes(a);
    entry.byline = byline(a.author);
    for (const Reference& ref : a.references) {
      OutlineReference out;
      out.title = ref.title;
      if (ref.link.live) {
        out.href = ref.link.href;
        out.host = url_host(ref.link.href);
      }
      entry.references.push_back(std::move(out));
    }
    for (size_t item = 0; checklist && item < checklist->size(); ++item)
      if ((*checklist)[item].article == i) entry.checks.push_back(OutlineArticle::Check{(*checklist)[item].block, item});
    outline.minutes += entry.minutes;
    outline.articles.push_back(std::move(entry));
  }
  outline.masthead_meta = issue.date + " ・ " + std::to_string(outline.articles.size()) + "本 ・ 約" +
                          std::to_string(outline.minutes) + "分";
  if (issue.afterword) {
    const Afterword& aw = *issue.afterword;
    OutlineAfterword out;
    out.heading = with_emoji(aw.emoji, aw.title.empty() ? kDefaultAfterwordTitle : std::string_view(aw.title));
    out.body = &aw.body.doc;
    out.byline = byline(aw.author);
    outline.afterword = std::move(out);
  }
  return outline;
}

}  // namespace digest
