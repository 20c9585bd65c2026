// Story threads (threads.hpp).
//
// [SECTION] Signals: ids, URLs, bigrams
// [SECTION] Links
#include "core/threads.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <utility>

#include "core/utf8.hpp"

namespace digest {

//-----------------------------------------------------------------------------
// [SECTION] Signals: ids, URLs, bigrams
//-----------------------------------------------------------------------------

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "CVE-2026-12345" (any case, hyphens as written) in `text`, appended upper case.
void find_cve_ids(std::string_view text, std::vector<std::string>& out) {
  for (size_t at = 0; at + 13 <= text.size(); ++at) {
    if ((text[at] | 0x20) != 'c' || (text[at + 1] | 0x20) != 'v' || (text[at + 2] | 0x20) != 'e' || text[at + 3] != '-')
      continue;
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])))) continue;
    size_t i = at + 4, year = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++year;
    if (year != 4 || i >= text.size() || text[i] != '-') continue;
    size_t number_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    const size_t digits = i - number_start;
    if (digits < 4 || digits > 7 || (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i])))) continue;
    out.push_back("CVE-" + std::string(text.substr(at + 4, 4)) + "-" + std::string(text.substr(number_start, digits)));
    at = i - 1;
  }
}

// Width and case folded; kana kept as written (katakana words carry the topic).
char32_t fold_story(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return cp;
}

enum class Script { Kanji, Katakana, Hiragana, Latin, Other };

Script script_of(char32_t cp) {
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005) return Script::Kanji;
  if ((cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC) return Script::Katakana;
  if (cp >= 0x3041 && cp <= 0x3096) return Script::Hiragana;
  if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')) return Script::Latin;
  return Script::Other;
}

double script_weight(Script s) {
  switch (s) {
    case Script::Kanji:
    case Script::Katakana: return 1.0;
    case Script::Latin: return 0.8;
    case Script::Hiragana: return 0.25;
    case Script::Other: return 0.0;
  }
  return 0.0;
}

void add_grams(std::string_view text, std::vector<uint64_t>& grams) {
  char32_t previous = 0;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = fold_story(utf8_next(text, i));
    if (script_of(cp) == Script::Other) {
      previous = 0;  // a gram never spans punctuation or a space
      continue;
    }
    if (previous) grams.push_back((uint64_t(previous) << 32) | cp);
    previous = cp;
  }
}

template <typename T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string normalise_url(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find('#'));
  const size_t path_at = rest.find_first_of("/?");
  std::string host(rest.substr(0, path_at));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string path(path_at == std::string_view::npos ? std::string_view() : rest.substr(path_at));
  std::string query;
  if (const size_t q = path.find('?'); q != std::string::npos) {
    // Tracking parameters say where a reader came from, not which page it is.
    std::string_view params = std::string_view(path).substr(q + 1);
    while (!params.empty()) {
      const size_t amp = params.find('&');
      const std::string_view param = params.substr(0, amp);
      if (!param.empty() && param.rfind("utm_", 0) != 0) query += (query.empty() ? "?" : "&") + std::string(param);
      params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
    }
    path.erase(q);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (host.empty() || (path.empty() && query.empty())) return {};
  return host + path + query;
}

double gram_weight(uint64_t gram) {
  return std::min(script_weight(script_of(static_cast<char32_t>(gram >> 32))),
                  script_weight(script_of(static_cast<char32_t>(gram & 0xffffffffu))));
}

StorySignals story_signals(const Article& article) {
  StorySignals s;
  for (const std::string* text : {&article.title, &article.summary.source, &article.commentary.source, &article.body.source})
    find_cve_ids(*text, s.ids);
  for (const Reference& ref : article.references) {
    find_cve_ids(ref.title, s.ids);
    find_cve_ids(ref.url, s.ids);
    if (std::string url = normalise_url(ref.url); !url.empty()) s.urls.push_back(std::move(url));
  }
  add_grams(article.title, s.grams);
  add_grams(article.summary.doc.plain_text(), s.grams);
  sort_unique(s.ids);
  sort_unique(s.urls);
  sort_unique(s.grams);
  return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Links
//-----------------------------------------------------------------------------

namespace {

// Days since 1970-01-01 of "YYYY-MM-DD", or INT32_MIN.
long day_number(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return INT32_MIN;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!is_digit(date[i])) return INT32_MIN;
  auto number = [&](size_t at, size_t n) { return std::stol(std::string(date.substr(at, n))); };
  long y = number(0, 4);
  const long m = number(5, 2), d = number(8, 2);
  y -= m <= 2;  // days from civil (H. Hinnant's algorithm)
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

int days_between(std::string_view a, std::string_view b) {
  const long x = day_number(a), y = day_number(b);
  if (x == INT32_MIN || y == INT32_MIN) return 0;
  return static_cast<int>(y - x);
}

std::vector<StoryLink> story_links(const std::vector<StoryArticle>& articles, const std::vector<size_t>& fresh,
                                   double threshold) {
  const size_t n = articles.size();
  std::vector<long> day(n);
  for (size_t i = 0; i < n; ++i) day[i] = day_number(articles[i].date);
  std::vector<bool> is_fresh(n, fresh.empty());
  for (size_t i : fresh)
    if (i < n) is_fresh[i] = true;
  // Pairs (earlier, later) and their strongest reason so far.
  std::map<std::pair<size_t, size_t>, StoryLink> links;
  auto consider = [&](size_t i, size_t j, StoryReason reason, double similarity) {
    if (day[i] == INT32_MIN || day[j] == INT32_MIN || day[i] == day[j]) return;
    if (std::labs(day[i] - day[j]) > kThreadDays || !(is_fresh[i] || is_fresh[j])) return;
    if (day[i] > day[j]) std::swap(i, j);
    auto [it, added] = links.try_emplace({i, j}, StoryLink{i, j, reason, similarity});
    if (!added && reason < it->second.reason) it->second.reason = reason;
    if (!added) it->second.similarity = std::max(it->second.similarity, similarity);
  };
  // Shared ids and URLs: each pair of the (few) articles that hold one.
  auto by_signal = [&](auto member, StoryReason reason) {
    std::map<std::string_view, std::vector<size_t>> holders;
    for (size_t i = 0; i < n; ++i)
      for (const std::string& value : articles[i].signals.*member) holders[value].push_back(i);
    for (const auto& [value, list] : holders) {
      if (list.size() < 2 || list.size() > kMaxSharedSignal) continue;
      for (size_t x = 0; x < list.size(); ++x)
        for (size_t y = x + 1; y < list.size(); ++y) consider(list[x], list[y], reason, 0);
    }
  };
  by_signal(&StorySignals::ids, StoryReason::Id);
  by_signal(&StorySignals::urls, StoryReason::Url);

  // The text: bigrams weighted by their script and by how rare they are among the
  // articles (a product's or a company's name says more than 脆弱); candidates share a
  // rare topic bigram, and the weighted cosine decides.
  std::map<uint64_t, std::vector<size_t>> postings;
  for (size_t i = 0; i < n; ++i)
    for (uint64_t g : articles[i].signals.grams)
      if (gram_weight(g) > 0) postings[g].push_back(i);
  const double total = static_cast<double>(std::max<size_t>(n, 2));
  std::map<uint64_t, double> weight;
  for (const auto& [g, list] : postings) weight[g] = gram_weight(g) * std::log(total / static_cast<double>(list.size()));
  std::vector<double> norm(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (uint64_t g : articles[i].signals.grams)
      if (const auto w = weight.find(g); w != weight.end()) norm[i] += w->second * w->second;
  const size_t rare = std::max<size_t>(20, n / 100);
  std::vector<bool> candidate(n, false);
  std::vector<size_t> touched;
  for (size_t i = 0; i < n; ++i) {
    if (!is_fresh[i]) continue;
    for (uint64_t g : articles[i].signals.grams) {
      const auto found = postings.find(g);
      if (found == postings.end() || found->second.size() > rare || gram_weight(g) < 0.8) continue;
      for (size_t j : found->second) {
        if (j == i || (is_fresh[j] && j < i) || candidate[j]) continue;  // a fresh pair once
        candidate[j] = true;
        touched.push_back(j);
      }
    }
    for (size_t j : touched) {
      double shared = 0;
      const auto& a = articles[i].signals.grams;
      const auto& b = articles[j].signals.grams;
      for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
        if (a[x] == b[y]) {
          if (const auto w = weight.find(a[x]); w != weight.end()) shared += w->second * w->second;
          ++x, ++y;
        } else if (a[x] < b[y]) {
          ++x;
        } else {
          ++y;
        }
      }
      const double similarity = norm[i] > 0 && norm[j] > 0 ? shared / std::sqrt(norm[i] * norm[j]) : 0;
      if (similarity >= threshold) consider(i, j, StoryReason::Text, similarity);
      candidate[j] = false;
    }
    touched.clear();
  }
  std::vector<StoryLink> out;
  out.reserve(links.size());
  for (auto& [pair, link] : links) out.push_back(link);
  return out;
}

}  // namespace digest
