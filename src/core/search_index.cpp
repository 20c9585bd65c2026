// The search index read back: the manifest, and a query's stages (lists -> positions
// -> ids) as a sans-I/O state machine: wanted() names the files, provide() and fail()
// answer them (docs/search-index.md). The writer is in search_index_writer.cpp.
#include "core/search_index.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json_document.hpp"
#include "core/search_codec.hpp"
#include "core/utf8.hpp"

namespace digest {

using namespace search_codec;

ManifestLoadResult load_search_manifest(std::string_view json) {
  ManifestLoadResult out;
  const auto doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  auto fail = [&](std::string what) {
    out.error = "search/manifest.json: " + what + "; rebuild it with `digest index`";
    return out;
  };
  if (doc.is_discarded() || !doc.is_object()) return fail("not a JSON object");
  if (string_member(doc, "format") != kSearchFormat)
    return fail("/format is not \"" + std::string(kSearchFormat) + "\"");
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

IndexQuery::IndexQuery(const SearchManifest& manifest, std::string folded_query, size_t newest_issues)
    : manifest_(manifest), grams_(query_grams(folded_query)) {
  for (const Gram& g : grams_) {
    auto it = std::find(distinct_.begin(), distinct_.end(), g.text);
    distinct_of_.push_back(static_cast<size_t>(it - distinct_.begin()));
    if (it == distinct_.end()) distinct_.push_back(g.text);
  }
  segments_.resize(manifest_.segments.size());
  // Segments are oldest first: the newest issues are in the last ones.
  size_t first_read = 0;
  if (newest_issues > 0) {
    size_t covered = 0;
    for (first_read = segments_.size(); first_read > 0 && covered < newest_issues; --first_read) {
      covered += manifest_.segments[first_read - 1].issues;
    }
  }
  for (size_t s = 0; s < segments_.size(); ++s) {
    segments_[s].grams.resize(distinct_.size());
    if (s < first_read || manifest_.segments[s].articles == 0) continue;
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
  const std::string_view segment_name = path.substr(0, path.find('/'));
  size_t s = 0;
  while (manifest_.segments[s].name != segment_name) ++s;  // pending paths name a segment
  const FileInput file{path, bytes, "search/" + std::string(path) + ": ", s};
  if (stage_ == Stage::Lists)
    read_lists(file);
  else if (stage_ == Stage::Positions)
    read_positions(file);
  else
    read_ids(file);
  // A file that failed stopped the query; else the next stage once all are in.
  if (stage_ != Stage::Done && std::all_of(pending_.begin(), pending_.end(), [](const auto& p) { return p.second; }))
    advance();
}

// A list file: each gram's articles in the segment, and where its positions are.
void IndexQuery::read_lists(const FileInput& file) {
  const std::string_view bytes = file.bytes;
  const std::string& where = file.where;
  const size_t s = file.segment;
  SegmentState& seg = segments_[s];
  const uint32_t articles = manifest_.segments[s].articles;
  Reader in{bytes};
  if (in.take(kListMagic.size()) != kListMagic) return stop(where + "not a list file of " + std::string(kSearchFormat));
  const uint32_t entries = in.count(bytes.size(), "the entry count");
  for (uint32_t e = 0; e < entries && !in.failed(); ++e) {
    const std::string_view text = in.take(in.count(12, "a gram's length"));
    const uint32_t count = in.count(articles, "a list's length");
    const uint8_t encoding = static_cast<uint8_t>(in.take(1).empty() ? 0 : bytes[in.at - 1]);
    const std::string_view payload = in.take(in.count(bytes.size(), "a list's size"));
    GramData data;
    if (!in.failed()) decode_list(in, encoding, payload, count, articles, data.articles);
    if (!in.failed() && code_points(text) == 3) {
      if (manifest_.segments[s].position_files == 0) in.fail("a 3-gram's positions, where the manifest lists no file");
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
}

// A position file: the positions of each candidate article, for the grams stored in it.
void IndexQuery::read_positions(const FileInput& file) {
  const std::string_view path = file.path, bytes = file.bytes;
  const std::string& where = file.where;
  SegmentState& seg = segments_[file.segment];
  Reader in{bytes};
  if (in.take(kPositionMagic.size()) != kPositionMagic) {
    return stop(where + "not a position file of " + std::string(kSearchFormat));
  }
  uint32_t number = 0;  // from "…/p<number>.bin", a name this query made
  for (size_t i = path.rfind("/p") + 2; i < path.size() && path[i] != '.'; ++i)
    number = number * 10 + uint32_t(path[i] - '0');
  // Positions per candidate, for each gram stored in this file.
  for (size_t d = 0; d < distinct_.size(); ++d) {
    GramData& g = seg.grams[d];
    if (g.position_file != number) continue;
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
}

// An ids file: the issue and article ids of the proven candidates.
void IndexQuery::read_ids(const FileInput& file) {
  const std::string_view path = file.path, bytes = file.bytes;
  const std::string& where = file.where;
  SegmentState& seg = segments_[file.segment];
  const uint32_t articles = manifest_.segments[file.segment].articles;
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

// Every file of a stage is in: the next stage's files, or the hits.
void IndexQuery::advance() {
  pending_.clear();
  if (stage_ == Stage::Lists) {
    intersect_lists();
    stage_ = Stage::Positions;
    if (!pending_.empty()) return;
  }
  if (stage_ == Stage::Positions) {
    prove_candidates();
    stage_ = Stage::Ids;
    if (!pending_.empty()) return;
  }
  collect_hits();
  stage_ = Stage::Done;
}

// The articles that hold every gram, per segment; the position files that prove them.
void IndexQuery::intersect_lists() {
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
}

// The candidates whose grams stand at the query's offsets; the ids files that name them.
void IndexQuery::prove_candidates() {
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
}

void IndexQuery::collect_hits() {
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
}

}  // namespace digest
