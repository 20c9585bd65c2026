// Sections:
//   Encoding: varints, the content hash
//   Writing: grams of a segment, list files, position files, ids.json, the manifest
//   Reading: the manifest, the query's stages (lists → positions → ids)
#include "core/search_index.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/json_document.hpp"
#include "core/utf8.hpp"

namespace digest {

namespace {

//------------------------------------------------------------------------------------
// Encoding
//------------------------------------------------------------------------------------

constexpr size_t kSegmentSizes[] = {8192, 1024, 128};     // articles; see plan_segments
constexpr size_t kListFileTarget = 2048;                  // bytes a list file holds, about
constexpr size_t kPositionFileTarget = 8192;              // bytes a position file holds, at most
constexpr uint32_t kIdsChunk = 256;                       // articles an ids file names
constexpr std::string_view kWriterLayout = "2: ids.txt";  // what the files of a segment are
constexpr std::string_view kWholeIdsFile = "ids.txt";     // every article of the segment
constexpr size_t kChunksBeforeWhole = 4;                  // more chunks than this: fetch ids.txt
constexpr std::string_view kListMagic = "DSL1";
constexpr std::string_view kPositionMagic = "DSP1";
constexpr std::string_view kIdsHeader = "digest-search/1 ids";
constexpr uint8_t kDeltas = 0, kBitmap = 1;  // how a list is stored

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Positions are Rice-coded (a gap g as g >> k in unary, then k low bits), with the
// count per article in Elias gamma: a third smaller than varints, and what a long
// query made of common words pays for.
struct BitWriter {
  std::string bytes;
  size_t bits = 0;
  void put(bool bit) {
    if (bits % 8 == 0) bytes.push_back('\0');
    if (bit) bytes.back() = static_cast<char>(bytes.back() | (1 << (bits % 8)));
    ++bits;
  }
  void put_low(uint32_t v, int n) {
    for (int i = 0; i < n; ++i) put((v >> i) & 1);
  }
  void rice(uint32_t v, int k) {
    for (uint32_t q = v >> k; q > 0; --q) put(true);
    put(false);
    put_low(v, k);
  }
  void gamma(uint32_t v) {  // v >= 1
    int n = 0;
    while ((v >> (n + 1)) != 0) ++n;
    for (int i = 0; i < n; ++i) put(false);
    put(true);
    put_low(v, n);  // the low n bits; the top one is implied
  }
};

size_t rice_bits(uint32_t v, int k) {
  return (v >> k) + 1 + static_cast<size_t>(k);
}

// Reads one file's bytes with bounds checks; the first fault is kept with its offset.
struct Reader {
  explicit Reader(std::string_view b) : bytes(b) {}
  std::string_view bytes;
  size_t at = 0;
  std::string fault;

  bool failed() const { return !fault.empty(); }
  void fail(const std::string& what) {
    if (fault.empty()) fault = "byte " + std::to_string(at) + ": " + what;
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.size()) {
        fail("the file ends inside a number");
        return 0;
      }
      const auto b = static_cast<uint8_t>(bytes[at++]);
      v |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("a number is too long");
    return 0;
  }
  // A varint that must be at most `limit`.
  uint32_t count(uint64_t limit, const char* what) {
    uint64_t v = varint();
    if (v > limit) {
      fail(std::string(what) + " " + std::to_string(v) + " is over " + std::to_string(limit));
      return 0;
    }
    return static_cast<uint32_t>(v);
  }
  std::string_view take(size_t n) {
    if (n > bytes.size() - at) {
      fail("the file ends inside a field of " + std::to_string(n) + " bytes");
      at = bytes.size();
      return {};
    }
    std::string_view out = bytes.substr(at, n);
    at += n;
    return out;
  }
};

struct BitReader {
  std::string_view bytes;
  size_t bit = 0;
  bool overrun = false;
  bool get() {
    if (bit >= bytes.size() * 8) {
      overrun = true;
      return false;
    }
    const bool b = (static_cast<uint8_t>(bytes[bit / 8]) >> (bit % 8)) & 1;
    ++bit;
    return b;
  }
  uint32_t get_low(int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint32_t(get()) << i;
    return v;
  }
  uint32_t rice(int k) {
    uint32_t q = 0;
    while (get() && !overrun) ++q;
    return (q << k) | get_low(k);
  }
  uint32_t gamma() {
    int n = 0;
    while (!get() && !overrun && n < 32) ++n;
    if (n >= 32) overrun = true;
    return overrun ? 0 : (uint32_t(1) << n) | get_low(n);
  }
};

uint64_t fnv1a(std::string_view bytes, uint64_t hash = 0xcbf29ce484222325ull) {
  for (char c : bytes) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

uint32_t bucket_of(std::string_view gram, uint32_t buckets) {
  return static_cast<uint32_t>(fnv1a(gram) % buckets);
}

std::string list_file_name(uint32_t bucket) {
  return "l" + std::to_string(bucket) + ".bin";
}
std::string position_file_name(uint32_t file) {
  return "p" + std::to_string(file) + ".bin";
}
std::string ids_file_name(uint32_t chunk) {
  return "i" + std::to_string(chunk) + ".txt";
}

size_t code_points(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++n) utf8_next(text, i);
  return n;
}

// An ascending article list as deltas or, when smaller, as a bitmap of the segment.
std::pair<uint8_t, std::string> encode_list(const std::vector<uint32_t>& articles, uint32_t segment_articles) {
  std::string deltas;
  uint32_t last = 0;
  for (uint32_t a : articles) {
    put_varint(deltas, a - last);
    last = a;
  }
  const size_t bitmap_size = (segment_articles + 7) / 8;
  if (deltas.size() <= bitmap_size) return {kDeltas, deltas};
  std::string bitmap(bitmap_size, '\0');
  for (uint32_t a : articles) bitmap[a / 8] = static_cast<char>(bitmap[a / 8] | (1 << (a % 8)));
  return {kBitmap, bitmap};
}

bool decode_list(Reader& in, uint8_t encoding, std::string_view payload, uint32_t count, uint32_t segment_articles,
                 std::vector<uint32_t>& out) {
  out.clear();
  if (encoding == kBitmap) {
    if (payload.size() != (segment_articles + 7) / 8) {
      in.fail("a bitmap list has the wrong size");
      return false;
    }
    for (uint32_t a = 0; a < segment_articles; ++a) {
      if (payload[a / 8] & (1 << (a % 8))) out.push_back(a);
    }
  } else if (encoding == kDeltas) {
    Reader deltas{payload};
    uint64_t at = 0;
    for (uint32_t k = 0; k < count && !deltas.failed(); ++k) {
      at += deltas.varint();
      if (at >= segment_articles || (k > 0 && at == out.back()))
        deltas.fail("a list is not ascending within its segment");
      out.push_back(static_cast<uint32_t>(at));
    }
    if (deltas.failed()) {
      in.fail("in a list: " + deltas.fault);
      return false;
    }
  } else {
    in.fail("unknown list encoding " + std::to_string(encoding));
    return false;
  }
  if (out.size() != count) {
    in.fail("a list holds " + std::to_string(out.size()) + " articles where it says " + std::to_string(count));
    return false;
  }
  return true;
}

//------------------------------------------------------------------------------------
// Writing
//------------------------------------------------------------------------------------

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

SegmentFiles build_search_segment(const std::vector<const SearchIssue*>& issues) {
  SegmentFiles out;
  out.source = search_source_hash(issues);
  std::unordered_map<uint64_t, Postings> grams[3];  // by length - 1
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
  out.issues = static_cast<uint32_t>(issues.size());
  out.articles = article;

  // Every gram with its encoded list, then in (bucket, text) order.
  struct Entry {
    std::string text;
    uint32_t bucket = 0;
    uint8_t encoding = kDeltas;
    std::string list;
    const Postings* postings = nullptr;
    bool with_positions = false;
  };
  std::vector<Entry> entries;
  size_t list_bytes = 0;
  for (size_t length = 1; length <= 3; ++length) {
    for (const auto& [key, postings] : grams[length - 1]) {
      Entry e{gram_text(key, length), 0, kDeltas, {}, &postings, length == 3};
      auto [encoding, list] = encode_list(postings.articles, article);
      e.encoding = encoding;
      e.list = std::move(list);
      list_bytes += e.text.size() + e.list.size() + 8;
      entries.push_back(std::move(e));
    }
  }
  out.list_files = static_cast<uint32_t>(std::max<size_t>(1, (list_bytes + kListFileTarget - 1) / kListFileTarget));
  for (Entry& e : entries) e.bucket = bucket_of(e.text, out.list_files);
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.bucket != b.bucket ? a.bucket < b.bucket : a.text < b.text;
  });

  // Position files: blocks in entry order, a file closed before it would pass the
  // target (a bigger block has a file to itself).
  std::vector<std::string> position_files;
  std::vector<std::string> lists(out.list_files);
  std::vector<uint32_t> list_counts(out.list_files, 0);
  for (const Entry& e : entries) {
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

  // Which issue and article each number is, kIdsChunk articles a file, as text (hosts
  // compress it): a line per issue, "id date from [path as JSON]" (the path only when
  // it is not id.json; from: the issue's first article in this file), then a line per
  // article, its id after a tab. An issue that straddles two files is in both.
  std::vector<std::string> chunks((article + kIdsChunk - 1) / kIdsChunk, std::string(kIdsHeader) + "\n");
  uint32_t number = 0;
  for (const SearchIssue* issue : issues) {
    for (size_t from = 0; from < issue->article_ids.size();) {
      std::string& chunk = chunks[number / kIdsChunk];
      const size_t take = std::min<size_t>(issue->article_ids.size() - from, kIdsChunk - number % kIdsChunk);
      chunk += issue->id + " " + issue->date + " " + std::to_string(from);
      if (issue->path != issue->id + ".json") chunk += " " + nlohmann::json(issue->path).dump();
      chunk += "\n";
      for (size_t k = from; k < from + take; ++k) chunk += "\t" + issue->article_ids[k] + "\n";
      from += take;
      number += static_cast<uint32_t>(take);
    }
  }
  // The same for the whole segment, for queries that hit most of its chunks: one
  // request instead of dozens (and better compressed).
  std::string whole(kIdsHeader);
  whole += "\n";
  for (const SearchIssue* issue : issues) {
    whole += issue->id + " " + issue->date + " 0";
    if (issue->path != issue->id + ".json") whole += " " + nlohmann::json(issue->path).dump();
    whole += "\n";
    for (const std::string& id : issue->article_ids) whole += "\t" + id + "\n";
  }
  out.files[std::string(kWholeIdsFile)] = std::move(whole);
  for (size_t c = 0; c < chunks.size(); ++c) out.files[ids_file_name(static_cast<uint32_t>(c))] = std::move(chunks[c]);

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

ManifestLoadResult load_search_manifest(std::string_view json) {
  ManifestLoadResult out;
  const auto doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  auto fail = [&](std::string what) {
    out.error = "search/manifest.json: " + what + "; rebuild it with `digest index`";
    return out;
  };
  if (doc.is_discarded() || !doc.is_object()) return fail("not a JSON object");
  if (string_member(doc, "format") != kSearchFormat) return fail("/format is not \"" + std::string(kSearchFormat) + "\"");
  const auto segments = doc.find("segments");
  if (segments == doc.end() || !segments->is_array()) return fail("/segments is not a list");
  for (size_t i = 0; i < segments->size(); ++i) {
    const auto& s = (*segments)[i];
    const std::string where = "/segments/" + std::to_string(i);
    if (!s.is_object()) return fail(where + " is not an object");
    SearchManifest::Segment seg;
    const auto name = s.find("name");
    if (name == s.end() || !name->is_string()) return fail(where + "/name is not text");
    seg.name = name->get<std::string>();
    const bool name_ok = seg.name.size() == 17 && seg.name[0] == 's' &&
                         seg.name.find_first_not_of("0123456789abcdef", 1) == std::string::npos;
    if (!name_ok) return fail(where + "/name is not s and 16 hex digits");
    if (const auto source = s.find("source"); source != s.end() && source->is_string()) {
      seg.source = source->get<std::string>();
    }
    for (auto [field, value, minimum] :
         {std::tuple{"issues", &seg.issues, 1u}, std::tuple{"articles", &seg.articles, 0u},
          std::tuple{"listFiles", &seg.list_files, 1u}, std::tuple{"positionFiles", &seg.position_files, 0u}}) {
      const auto v = s.find(field);
      if (v == s.end() || !v->is_number_unsigned() || v->get<uint64_t>() > 100'000'000 ||
          v->get<uint64_t>() < minimum) {
        return fail(where + "/" + field + " is not a count from " + std::to_string(minimum));
      }
      *value = v->get<uint32_t>();
    }
    out.manifest.articles += seg.articles;
    out.manifest.segments.push_back(std::move(seg));
  }
  return out;
}

std::vector<IndexQuery::Gram> query_grams(std::string_view folded_query) {
  std::vector<size_t> starts;  // byte offset of each code point, and the end
  for (size_t i = 0; i < folded_query.size(); utf8_next(folded_query, i)) starts.push_back(i);
  const size_t n = starts.size();
  starts.push_back(folded_query.size());
  auto gram = [&](size_t at, size_t length) {
    return IndexQuery::Gram{std::string(folded_query.substr(starts[at], starts[at + length] - starts[at])),
                            static_cast<uint32_t>(at)};
  };
  if (n == 0) return {};
  if (n <= 3) return {gram(0, n)};
  std::vector<IndexQuery::Gram> out;
  for (size_t at = 0; at + 3 <= n; at += 3) out.push_back(gram(at, 3));
  if (n % 3 != 0) out.push_back(gram(n - 3, 3));
  return out;
}

IndexQuery::IndexQuery(const SearchManifest& manifest, std::string folded_query)
    : manifest_(manifest), grams_(query_grams(folded_query)) {
  for (const Gram& g : grams_) {
    auto it = std::find(distinct_.begin(), distinct_.end(), g.text);
    distinct_of_.push_back(static_cast<size_t>(it - distinct_.begin()));
    if (it == distinct_.end()) distinct_.push_back(g.text);
  }
  segments_.resize(manifest_.segments.size());
  for (size_t s = 0; s < segments_.size(); ++s) {
    segments_[s].grams.resize(distinct_.size());
    if (manifest_.segments[s].articles == 0) continue;
    for (const std::string& text : distinct_) {
      pending_[file_path(s, list_file_name(bucket_of(text, manifest_.segments[s].list_files)))] = false;
    }
  }
  if (pending_.empty()) stage_ = Stage::Done;
}

std::string IndexQuery::file_path(size_t segment, std::string_view file) const {
  return manifest_.segments[segment].name + "/" + std::string(file);
}

std::vector<std::string> IndexQuery::wanted() const {
  std::vector<std::string> out;
  for (const auto& [path, provided] : pending_) {
    if (!provided) out.push_back(path);
  }
  return out;
}

void IndexQuery::stop(std::string message) {
  error_ = std::move(message) + "; rebuild the search index with `digest index`";
  hits_.clear();
  pending_.clear();
  stage_ = Stage::Done;
}

void IndexQuery::fail(std::string_view path, std::string_view reason) {
  if (pending_.count(path)) stop("search/" + std::string(path) + ": " + std::string(reason));
}

void IndexQuery::provide(std::string_view path, std::string_view bytes) {
  auto it = pending_.find(path);
  if (stage_ == Stage::Done || it == pending_.end() || it->second) return;
  it->second = true;
  bytes_provided_ += bytes.size();
  provided_.emplace_back(std::string(path), bytes.size());
  const std::string where = "search/" + std::string(path) + ": ";
  const std::string_view segment_name = path.substr(0, path.find('/'));
  size_t s = 0;
  while (manifest_.segments[s].name != segment_name) ++s;  // pending paths name a segment
  SegmentState& seg = segments_[s];
  const uint32_t articles = manifest_.segments[s].articles;
  Reader in{bytes};

  if (stage_ == Stage::Lists) {
    if (in.take(kListMagic.size()) != kListMagic)
      return stop(where + "not a list file of " + std::string(kSearchFormat));
    const uint32_t entries = in.count(bytes.size(), "the entry count");
    for (uint32_t e = 0; e < entries && !in.failed(); ++e) {
      const std::string_view text = in.take(in.count(12, "a gram's length"));
      const uint32_t count = in.count(articles, "a list's length");
      const uint8_t encoding = static_cast<uint8_t>(in.take(1).empty() ? 0 : bytes[in.at - 1]);
      const std::string_view payload = in.take(in.count(bytes.size(), "a list's size"));
      GramData data;
      if (!in.failed()) decode_list(in, encoding, payload, count, articles, data.articles);
      if (!in.failed() && code_points(text) == 3) {
        if (manifest_.segments[s].position_files == 0)
          in.fail("a 3-gram's positions, where the manifest lists no file");
        data.position_file = in.count(manifest_.segments[s].position_files - 1, "a position file");
        data.position_offset = in.count(UINT32_MAX, "a position offset");
        data.position_length = in.count(UINT32_MAX, "a position length");
      }
      auto wanted = std::find(distinct_.begin(), distinct_.end(), text);
      if (in.failed() || wanted == distinct_.end()) continue;
      data.found = true;
      seg.grams[static_cast<size_t>(wanted - distinct_.begin())] = std::move(data);
    }
    if (in.failed()) return stop(where + in.fault);
  } else if (stage_ == Stage::Positions) {
    if (in.take(kPositionMagic.size()) != kPositionMagic) {
      return stop(where + "not a position file of " + std::string(kSearchFormat));
    }
    uint32_t file = 0;  // from "…/p<file>.bin", a name this query made
    for (size_t i = path.rfind("/p") + 2; i < path.size() && path[i] != '.'; ++i)
      file = file * 10 + uint32_t(path[i] - '0');
    // Positions per candidate, for each gram stored in this file.
    for (size_t d = 0; d < distinct_.size(); ++d) {
      GramData& g = seg.grams[d];
      if (g.position_file != file) continue;
      if (g.position_offset > bytes.size() || g.position_length > bytes.size() - g.position_offset) {
        return stop(where + "a list points past the end of the file");
      }
      const std::string_view block = bytes.substr(g.position_offset, g.position_length);
      const int k = block.empty() ? 0 : static_cast<uint8_t>(block[0]);
      if (block.empty() || k > 16)
        return stop(where + "at " + std::to_string(g.position_offset) + ": a bad Rice parameter");
      BitReader bits{block.substr(1)};
      std::vector<std::vector<uint32_t>>& kept = seg.positions[d];
      size_t candidate = 0;
      for (uint32_t article : g.articles) {
        const uint32_t count = bits.gamma();
        const bool keep = candidate < seg.candidates.size() && seg.candidates[candidate] == article;
        uint64_t at = 0;
        for (uint32_t i = 0; i < count && !bits.overrun; ++i) {
          at += bits.rice(k);
          if (keep) kept[candidate].push_back(static_cast<uint32_t>(at));
        }
        if (keep) ++candidate;
        if (bits.overrun || count == 0) {
          return stop(where + "at " + std::to_string(g.position_offset) + ": the positions end early");
        }
      }
    }
  } else if (stage_ == Stage::Ids) {
    // "…/i<chunk>.txt" or "…/ids.txt" (names this query made): articles numbered from
    // chunk × kIdsChunk, or from 0 for the whole segment, in order.
    const bool whole = path.substr(path.rfind('/') + 1) == kWholeIdsFile;
    uint32_t chunk = 0;
    for (size_t i = path.rfind("/i") + 2; !whole && i < path.size() && path[i] != '.'; ++i) {
      chunk = chunk * 10 + uint32_t(path[i] - '0');
    }
    uint32_t number = chunk * kIdsChunk;
    auto next = std::lower_bound(seg.candidates.begin(), seg.candidates.end(), number);
    IndexHit issue;
    size_t line_start = 0, line_number = 0;
    while (line_start < bytes.size()) {
      size_t end = bytes.find('\n', line_start);
      if (end == std::string_view::npos) end = bytes.size();
      const std::string_view line = bytes.substr(line_start, end - line_start);
      const std::string at = where + "line " + std::to_string(++line_number) + ": ";
      line_start = end + 1;
      if (line_number == 1) {
        if (line != kIdsHeader) return stop(where + "not an ids file of " + std::string(kSearchFormat));
      } else if (!line.empty() && line[0] == '\t') {
        if (issue.issue_id.empty()) return stop(at + "an article before any issue");
        if (next != seg.candidates.end() && *next == number) {
          IndexHit hit = issue;
          hit.article_id = std::string(line.substr(1));
          hit.number = number;
          seg.hits.push_back(std::move(hit));
          ++next;
        }
        ++number;
        ++issue.in_issue;
      } else {
        // "id date from [path]"
        const size_t a = line.find(' '), b = a == std::string_view::npos ? a : line.find(' ', a + 1);
        if (b == std::string_view::npos) return stop(at + "not \"id date from\"");
        const size_t c = line.find(' ', b + 1);
        issue.issue_id = std::string(line.substr(0, a));
        issue.date = std::string(line.substr(a + 1, b - a - 1));
        issue.in_issue = 0;
        for (char digit : line.substr(b + 1, c == std::string_view::npos ? c : c - b - 1)) {
          if (digit < '0' || digit > '9' || issue.in_issue > 1'000'000) return stop(at + "`from` is not a count");
          issue.in_issue = issue.in_issue * 10 + size_t(digit - '0');
        }
        issue.path = issue.issue_id + ".json";
        if (c != std::string_view::npos) {
          const auto path_json = nlohmann::json::parse(line.substr(c + 1), nullptr, false);
          if (!path_json.is_string()) return stop(at + "the path is not a JSON string");
          issue.path = path_json.get<std::string>();
        }
      }
    }
    const uint32_t expected = whole ? articles : std::min(articles, (chunk + 1) * kIdsChunk);
    if (number != expected) {
      return stop(where + "names articles up to " + std::to_string(number) + " where the segment has " +
                  std::to_string(expected));
    }
  }
  if (std::all_of(pending_.begin(), pending_.end(), [](const auto& p) { return p.second; })) advance();
}

void IndexQuery::advance() {
  pending_.clear();
  if (stage_ == Stage::Lists) {
    for (size_t s = 0; s < segments_.size(); ++s) {
      SegmentState& seg = segments_[s];
      const bool all_found = std::all_of(seg.grams.begin(), seg.grams.end(), [](const GramData& g) { return g.found; });
      if (!all_found) continue;
      seg.candidates = seg.grams[0].articles;
      for (size_t d = 1; d < seg.grams.size(); ++d) {
        std::vector<uint32_t> both;
        std::set_intersection(seg.candidates.begin(), seg.candidates.end(), seg.grams[d].articles.begin(),
                              seg.grams[d].articles.end(), std::back_inserter(both));
        seg.candidates = std::move(both);
      }
      // Up to three characters, the gram is the query: its list is the answer.
      if (grams_.size() < 2 || seg.candidates.empty()) continue;
      seg.positions.assign(distinct_.size(), std::vector<std::vector<uint32_t>>(seg.candidates.size()));
      for (const GramData& g : seg.grams) pending_[file_path(s, position_file_name(g.position_file))] = false;
    }
    stage_ = Stage::Positions;
    if (!pending_.empty()) return;
  }
  if (stage_ == Stage::Positions) {
    if (grams_.size() >= 2) {
      for (SegmentState& seg : segments_) {
        std::vector<uint32_t> proven;
        for (size_t c = 0; c < seg.candidates.size() && !seg.positions.empty(); ++c) {
          // A start where every gram stands at its offset.
          for (uint32_t start : seg.positions[distinct_of_[0]][c]) {
            const bool all = std::all_of(grams_.begin() + 1, grams_.end(), [&](const Gram& g) {
              const std::vector<uint32_t>& at = seg.positions[distinct_of_[&g - grams_.data()]][c];
              return std::binary_search(at.begin(), at.end(), start + g.offset);
            });
            if (all) {
              proven.push_back(seg.candidates[c]);
              break;
            }
          }
        }
        seg.candidates = std::move(proven);
        seg.positions.clear();
      }
    }
    for (size_t s = 0; s < segments_.size(); ++s) {
      std::set<uint32_t> chunks;
      for (uint32_t article : segments_[s].candidates) chunks.insert(article / kIdsChunk);
      if (chunks.size() > kChunksBeforeWhole) {
        pending_[file_path(s, kWholeIdsFile)] = false;
        continue;
      }
      for (uint32_t chunk : chunks) pending_[file_path(s, ids_file_name(chunk))] = false;
    }
    stage_ = Stage::Ids;
    if (!pending_.empty()) return;
  }
  // Newest first: segments, then issues, backwards; articles within an issue in order.
  for (size_t s = segments_.size(); s-- > 0;) {
    std::vector<IndexHit>& found = segments_[s].hits;
    std::sort(found.begin(), found.end(), [](const IndexHit& a, const IndexHit& b) { return a.number < b.number; });
    // Hits of one issue share its first article's number.
    auto issue_start = [](const IndexHit& h) { return h.number - h.in_issue; };
    for (size_t end = found.size(); end > 0;) {
      size_t begin = end - 1;
      while (begin > 0 && issue_start(found[begin - 1]) == issue_start(found[end - 1])) --begin;
      hits_.insert(hits_.end(), found.begin() + static_cast<long>(begin), found.begin() + static_cast<long>(end));
      end = begin;
    }
  }
  stage_ = Stage::Done;
}

}  // namespace digest
