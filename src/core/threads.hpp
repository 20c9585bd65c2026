// Story threads: the same story across days (a backdoored firmware today, the vendor's
// fix next week). Two articles of different days are linked when they share a CVE id,
// share a reference URL that names a particular page, or say much the same thing: the
// cosine of the character bigrams of their titles and leads, weighted by script and by
// how rare each bigram is among the articles linked, reaches a threshold chosen by
// measurement (docs/benchmarks.md). Links are direct (no chains of links) and within
// kThreadDays of each other, so adding a day links only that day's articles and changes
// only the days they link to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"

namespace digest {

// What an article is recognised by.
struct StorySignals {
  std::vector<std::string> ids;   // CVE ids ("CVE-2026-12345"), sorted, unique
  std::vector<std::string> urls;  // its references' pages (normalise_url), sorted, unique
  std::vector<uint64_t> grams;    // bigrams of its folded title and lead, sorted, unique
};

StorySignals story_signals(const Article& article);

// A reference URL as a page's identity: scheme, "www.", a trailing slash, the fragment
// and tracking parameters (utm_*) left out, the host in lower case. "" for a URL that
// names no particular page (a site's home page).
std::string normalise_url(std::string_view url);

// How much a shared bigram says: kanji, katakana and Latin letters carry the topic;
// hiragana and punctuation mostly grammar.
double gram_weight(uint64_t gram);

inline constexpr int kThreadDays = 365;  // articles further apart are not linked
// Chosen on the planted chains (tools/bench_threads.mjs, docs/benchmarks.md): at 0.35 a
// thousand days' id and page chains are found whole with precision 0.95 and 0.99, the
// paraphrased ones with 0.92 and recall 0.56; 0.3 finds 0.73 of those but lets in more.
inline constexpr double kThreadSimilarity = 0.35;
// A URL or id more than this many articles share is a catalogue, not a story.
inline constexpr size_t kMaxSharedSignal = 12;

struct StoryArticle {
  std::string issue, date, article, title;
  StorySignals signals;
};

enum class StoryReason : uint8_t { Id, Url, Text };

struct StoryLink {
  size_t a = 0, b = 0;  // indices into the articles; a's date < b's date
  StoryReason reason = StoryReason::Text;
  double similarity = 0;
};

// Every link among `articles` (any order) with an end in `fresh` (indices; every link
// when `fresh` is empty): what a full build and what adding a day compute. One link a
// pair, by its strongest reason (an id, then a URL, then the text).
std::vector<StoryLink> story_links(const std::vector<StoryArticle>& articles, const std::vector<size_t>& fresh = {},
                                   double threshold = kThreadSimilarity);

// Days between two dates "YYYY-MM-DD" (b - a); 0 when either is not a date.
int days_between(std::string_view a, std::string_view b);

}  // namespace digest
