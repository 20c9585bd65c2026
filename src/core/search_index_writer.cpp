// The search index's writer: the grams of a segment of issues, its list files,
// position files and ids files, the plan of segments and the manifest
// (docs/search-index.md). The query is in search_index.cpp.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/search_codec.hpp"
#include "core/search_index.hpp"
#include "core/utf8.hpp"

namespace digest {

using namespace search_codec;

namespace {

struct Postings {
  std::vector<uint32_t> articles;   // ascending
  std::vector<uint32_t> counts;     // 3-grams: positions per article
  std::vector<uint32_t> positions;  // 3-grams: code point offsets, article by article
};

// Up to three code points of 21 bits each.
uint64_t gram_key(const std::u32string& cps, size_t at, size_t length) {
  uint64_t key = 0;
  for (size_t k = 0; k < length; ++k) key |= uint64_t(cps[at + k]) << (21 * k);
  return key;
}

std::string gram_text(uint64_t key, size_t length) {
  std::string out;
  for (size_t k = 0; k < length; ++k) utf8_append(out, static_cast<char32_t>((key >> (21 * k)) & 0x1FFFFF));
  return out;
}

void add(Postings& p, uint32_t article, uint32_t position, bool with_positions) {
  if (p.articles.empty() || p.articles.back() != article) {
    p.articles.push_back(article);
    if (with_positions) p.counts.push_back(0);
  }
  if (with_positions) {
    ++p.counts.back();
    p.positions.push_back(position);
  }
}

// A 3-gram's positions, article by article as in its list: the Rice parameter in a
// byte, then per article the count (gamma) and the gaps (Rice).
std::string positions_block(const Postings& p) {
  int best_k = 0;
  size_t best = SIZE_MAX;
  for (int k = 0; k <= 16; ++k) {
    size_t bits = 0, next = 0;
    for (uint32_t count : p.counts) {
      for (uint32_t i = 0, last = 0; i < count; ++i, ++next) {
        bits += rice_bits(p.positions[next] - last, k);
        last = p.positions[next];
      }
    }
    if (bits < best) best = bits, best_k = k;
  }
  BitWriter out;
  size_t next = 0;
  for (uint32_t count : p.counts) {
    out.gamma(count);
    for (uint32_t i = 0, last = 0; i < count; ++i, ++next) {
      out.rice(p.positions[next] - last, best_k);
      last = p.positions[next];
    }
  }
  return std::string(1, static_cast<char>(best_k)) + out.bytes;
}

}  // namespace

SearchIssue make_search_issue(const Issue& issue, std::string path) {
  ArchiveIssue plain = make_archive_issue(issue);
  SearchIssue out{issue.id, issue.date, std::move(path), {}, {}};
  for (ArchiveArticle& article : plain.articles) {
    out.article_ids.push_back(std::move(article.id));
    out.folded.push_back(std::move(article.folded));
  }
  return out;
}

std::vector<SegmentPlan> plan_segments(const std::vector<size_t>& articles_per_issue) {
  std::vector<SegmentPlan> plan;
  size_t next = 0;
  for (size_t size : kSegmentSizes) {
    // Close segments of at least `size` articles at issue boundaries, greedily.
    for (;;) {
      size_t count = 0, end = next;
      while (end < articles_per_issue.size() && count < size) count += articles_per_issue[end++];
      if (count < size) break;
      plan.push_back(SegmentPlan{next, end - next, count});
      next = end;
    }
  }
  size_t rest = 0;
  for (size_t i = next; i < articles_per_issue.size(); ++i) rest += articles_per_issue[i];
  if (next < articles_per_issue.size()) plan.push_back(SegmentPlan{next, articles_per_issue.size() - next, rest});
  return plan;
}

namespace {

std::string hex16(uint64_t hash) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(hash >> shift) & 0xF];
  return out;
}

}  // namespace

std::string search_source_hash(const std::vector<const SearchIssue*>& issues) {
  // The writer's layout too: a segment written by an earlier writer is built again.
  uint64_t hash = fnv1a(kWriterLayout, fnv1a(kSearchFormat));
  auto add = [&](std::string_view field) {
    hash = fnv1a(std::to_string(field.size()), hash);  // lengths first: no two inputs alike
    hash = fnv1a(field, hash);
  };
  for (const SearchIssue* issue : issues) {
    for (std::string_view field :
         {std::string_view(issue->id), std::string_view(issue->date), std::string_view(issue->path)})
      add(field);
    add(std::to_string(issue->article_ids.size()));
    for (size_t a = 0; a < issue->article_ids.size(); ++a) {
      add(issue->article_ids[a]);
      add(a < issue->folded.size() ? std::string_view(issue->folded[a]) : std::string_view());
    }
  }
  return hex16(hash);
}

namespace {

using GramTable = std::unordered_map<uint64_t, Postings>;

// Every 1-, 2- and 3-gram of every article's folded text, with where it occurs (grams
// by length - 1). Returns the number of articles.
uint32_t collect_grams(const std::vector<const SearchIssue*>& issues, GramTable (&grams)[3]) {
  uint32_t article = 0;
  std::u32string cps;
  for (const SearchIssue* issue : issues) {
    for (const std::string& folded : issue->folded) {
      cps.clear();
      for (size_t i = 0; i < folded.size();) cps.push_back(utf8_next(folded, i));
      for (size_t p = 0; p < cps.size(); ++p) {
        for (size_t length = 1; length <= 3 && p + length <= cps.size(); ++length) {
          add(grams[length - 1][gram_key(cps, p, length)], article, static_cast<uint32_t>(p), length == 3);
        }
      }
      ++article;
    }
  }
  return article;
}

// A gram with its encoded list, and the list file it goes in.
struct GramEntry {
  std::string text;
  uint32_t bucket = 0;
  uint8_t encoding = kDeltas;
  std::string list;
  const Postings* postings = nullptr;
  bool with_positions = false;
};

// Every gram encoded, the number of list files chosen from their size, then in
// (bucket, text) order.
std::vector<GramEntry> encode_grams(const GramTable (&grams)[3], uint32_t articles, SegmentFiles& out) {
  std::vector<GramEntry> entries;
  size_t list_bytes = 0;
  for (size_t length = 1; length <= 3; ++length) {
    for (const auto& [key, postings] : grams[length - 1]) {
      GramEntry e{gram_text(key, length), 0, kDeltas, {}, &postings, length == 3};
      auto [encoding, list] = encode_list(postings.articles, articles);
      e.encoding = encoding;
      e.list = std::move(list);
      list_bytes += e.text.size() + e.list.size() + 8;
      entries.push_back(std::move(e));
    }
  }
  out.list_files = static_cast<uint32_t>(std::max<size_t>(1, (list_bytes + kListFileTarget - 1) / kListFileTarget));
  for (GramEntry& e : entries) e.bucket = bucket_of(e.text, out.list_files);
  std::sort(entries.begin(), entries.end(), [](const GramEntry& a, const GramEntry& b) {
    return a.bucket != b.bucket ? a.bucket < b.bucket : a.text < b.text;
  });
  return entries;
}

// The list files, and the position files: blocks in entry order, a file closed before
// it would pass the target (a bigger block has a file to itself).
void write_lists(const std::vector<GramEntry>& entries, SegmentFiles& out) {
  std::vector<std::string> position_files;
  std::vector<std::string> lists(out.list_files);
  std::vector<uint32_t> list_counts(out.list_files, 0);
  for (const GramEntry& e : entries) {
    std::string& list = lists[e.bucket];
    ++list_counts[e.bucket];
    put_varint(list, e.text.size());
    list += e.text;
    put_varint(list, e.postings->articles.size());
    list.push_back(static_cast<char>(e.encoding));
    put_varint(list, e.list.size());
    list += e.list;
    if (!e.with_positions) continue;
    std::string block = positions_block(*e.postings);
    if (position_files.empty() || position_files.back().size() + block.size() > kPositionFileTarget) {
      position_files.emplace_back(kPositionMagic);
    }
    put_varint(list, position_files.size() - 1);
    put_varint(list, position_files.back().size());
    put_varint(list, block.size());
    position_files.back() += block;
  }
  for (uint32_t b = 0; b < out.list_files; ++b) {
    std::string file(kListMagic);
    put_varint(file, list_counts[b]);
    out.files[list_file_name(b)] = file + lists[b];
  }
  out.position_files = static_cast<uint32_t>(position_files.size());
  for (size_t f = 0; f < position_files.size(); ++f) {
    out.files[position_file_name(static_cast<uint32_t>(f))] = std::move(position_files[f]);
  }
}

// An issue's line in an ids file: "id date from [path as JSON]" (the path only when it
// is not id.json; from: the issue's first article in this file).
std::string ids_issue_line(const SearchIssue& issue, size_t from) {
  std::string line = issue.id + " " + issue.date + " " + std::to_string(from);
  if (issue.path != issue.id + ".json") line += " " + nlohmann::json(issue.path).dump();
  return line + "\n";
}

// Which issue and article each number is, kIdsChunk articles a file, as text (hosts
// compress it): a line per issue, then a line per article, its id after a tab. An issue
// that straddles two files is in both. Also the same for the whole segment, for queries
// that hit most of its chunks: one request instead of dozens (and better compressed).
void write_ids(const std::vector<const SearchIssue*>& issues, uint32_t articles, SegmentFiles& out) {
  std::vector<std::string> chunks((articles + kIdsChunk - 1) / kIdsChunk, std::string(kIdsHeader) + "\n");
  uint32_t number = 0;
  for (const SearchIssue* issue : issues) {
    for (size_t from = 0; from < issue->article_ids.size();) {
      std::string& chunk = chunks[number / kIdsChunk];
      const size_t take = std::min<size_t>(issue->article_ids.size() - from, kIdsChunk - number % kIdsChunk);
      chunk += ids_issue_line(*issue, from);
      for (size_t k = from; k < from + take; ++k) chunk += "\t" + issue->article_ids[k] + "\n";
      from += take;
      number += static_cast<uint32_t>(take);
    }
  }
  std::string whole(kIdsHeader);
  whole += "\n";
  for (const SearchIssue* issue : issues) {
    whole += ids_issue_line(*issue, 0);
    for (const std::string& id : issue->article_ids) whole += "\t" + id + "\n";
  }
  out.files[std::string(kWholeIdsFile)] = std::move(whole);
  for (size_t c = 0; c < chunks.size(); ++c) out.files[ids_file_name(static_cast<uint32_t>(c))] = std::move(chunks[c]);
}

}  // namespace

SegmentFiles build_search_segment(const std::vector<const SearchIssue*>& issues) {
  SegmentFiles out;
  out.source = search_source_hash(issues);
  GramTable grams[3];
  const uint32_t articles = collect_grams(issues, grams);
  out.issues = static_cast<uint32_t>(issues.size());
  out.articles = articles;
  write_lists(encode_grams(grams, articles, out), out);
  write_ids(issues, articles, out);
  // The segment is named by what it holds.
  uint64_t hash = fnv1a(kSearchFormat);
  for (const auto& [name, bytes] : out.files) {
    hash = fnv1a(name, hash);
    hash = fnv1a(std::to_string(bytes.size()), hash);
    hash = fnv1a(bytes, hash);
    out.bytes += bytes.size();
  }
  out.name = "s" + hex16(hash);
  return out;
}

std::string write_search_manifest(const std::vector<SegmentFiles>& segments) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  uint64_t articles = 0, issues = 0;
  for (const SegmentFiles& s : segments) {
    list.push_back({{"name", s.name},
                    {"source", s.source},
                    {"issues", s.issues},
                    {"articles", s.articles},
                    {"listFiles", s.list_files},
                    {"positionFiles", s.position_files}});
    articles += s.articles;
    issues += s.issues;
  }
  nlohmann::ordered_json manifest = {
      {"format", kSearchFormat}, {"issues", issues}, {"articles", articles}, {"segments", std::move(list)}};
  return manifest.dump(1) + "\n";
}

//------------------------------------------------------------------------------------
// Reading
//------------------------------------------------------------------------------------

}  // namespace digest
