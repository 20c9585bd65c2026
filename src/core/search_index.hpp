// The archive's search index (`digest-search/1`, docs/search-index.md): exact substring
// search over years of issues that fetches only the few small files a query needs.
//
// Sections:
//   Writing: segments of the archive and their files (digest index)
//   Reading: the manifest, and a query that asks for files and answers from them
//
// Articles are numbered oldest first, so a new day's issue only ever touches the last,
// small segment. Folded text (search.hpp) is indexed as 1-, 2- and 3-character grams,
// each with the list of articles holding it; 3-grams also with their positions, which
// prove that a longer query's grams stand next to each other. No I/O here: the writer
// returns file contents, the query says which files it wants and is given their bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/search.hpp"

namespace digest {

inline constexpr std::string_view kSearchFormat = "digest-search/1";

//------------------------------------------------------------------------------------
// Writing
//------------------------------------------------------------------------------------

// One issue as the index sees it: where it is, and its articles' folded text.
struct SearchIssue {
  std::string id, date, path;
  std::vector<std::string> article_ids;
  std::vector<std::string> folded;  // fold_for_search(article text), per article
};
SearchIssue make_search_issue(const Issue& issue, std::string path);

// Consecutive issues, oldest first, indexed together. Segments close at the first issue
// boundary past 8,192 articles, then 1,024, then 128; the rest is the open segment.
// Adding issues at the end therefore leaves every earlier segment as it was, except
// small ones merging into a bigger one now and then.
struct SegmentPlan {
  size_t first_issue = 0, issue_count = 0, article_count = 0;
};
std::vector<SegmentPlan> plan_segments(const std::vector<size_t>& articles_per_issue);

// A hash of what a segment is built from (its issues' ids, paths, article ids and
// folded text, and the format): a segment whose source is unchanged need not be built
// again to know its files. 16 hex digits.
std::string search_source_hash(const std::vector<const SearchIssue*>& issues);

struct SegmentFiles {
  std::string name;                          // "s" + 16 hex digits of the content hash
  std::string source;                        // search_source_hash of its issues
  std::map<std::string, std::string> files;  // file name in the segment's directory → bytes
  uint32_t issues = 0, articles = 0, list_files = 0, position_files = 0;
  uint64_t bytes = 0;  // all files together
};
// `issues` oldest first.
SegmentFiles build_search_segment(const std::vector<const SearchIssue*>& issues);

// search/manifest.json for these segments, oldest first.
std::string write_search_manifest(const std::vector<SegmentFiles>& segments);

//------------------------------------------------------------------------------------
// Reading
//------------------------------------------------------------------------------------

struct SearchManifest {
  struct Segment {
    std::string name;
    std::string source;  // search_source_hash, when the writer recorded it
    uint32_t issues = 0, articles = 0, list_files = 0, position_files = 0;
  };
  std::vector<Segment> segments;  // oldest first
  uint64_t articles = 0;
};

struct ManifestLoadResult {
  SearchManifest manifest;
  std::string error;  // empty when loaded
  bool ok() const { return error.empty(); }
};
ManifestLoadResult load_search_manifest(std::string_view json);

struct IndexHit {
  std::string issue_id, date, path, article_id;
  uint32_t number = 0;  // the article's number in its segment
  size_t in_issue = 0;  // its place in the issue's reading order
};

// One query against the index. Drive it: fetch every path of wanted() (relative to the
// manifest's directory), give each to provide() or fail(), until done().
class IndexQuery {
 public:
  // `newest_issues`: only the segments that hold the archive's newest N issues are read
  // (a followed topic checks the days since its last check); 0 reads every segment.
  // Hits from older issues sharing the first of those segments come back too: filter
  // by date.
  IndexQuery(const SearchManifest& manifest, std::string folded_query, size_t newest_issues = 0);

  std::vector<std::string> wanted() const;
  void provide(std::string_view path, std::string_view bytes);
  void fail(std::string_view path, std::string_view reason);
  bool done() const { return stage_ == Stage::Done; }
  // Why the query stopped early (a file missing or damaged, said with its byte), or "".
  const std::string& error() const { return error_; }
  // Every matching article, newest issue first, articles in reading order.
  const std::vector<IndexHit>& hits() const { return hits_; }
  uint64_t bytes_provided() const { return bytes_provided_; }
  size_t files_provided() const { return provided_.size(); }
  // Every file given, in order, with its size (for measurements).
  const std::vector<std::pair<std::string, size_t>>& provided() const { return provided_; }

  struct Gram {
    std::string text;  // UTF-8, folded
    uint32_t offset;   // code points from the query's start
  };

 private:
  enum class Stage { Lists, Positions, Ids, Done };
  struct GramData {
    bool found = false;
    std::vector<uint32_t> articles;  // segment-relative, ascending
    uint32_t position_file = 0, position_offset = 0, position_length = 0;
  };
  struct SegmentState {
    std::vector<GramData> grams;                                // per distinct_ entry
    std::vector<uint32_t> candidates;                           // after the lists; the hits after the positions
    std::vector<std::vector<std::vector<uint32_t>>> positions;  // [distinct gram][candidate]
    std::vector<IndexHit> hits;                                 // oldest first
  };
  // One provided file, for the stage reading it.
  struct FileInput {
    std::string_view path, bytes;
    std::string where;  // "search/<path>: ", to begin its errors
    size_t segment;
  };
  void read_lists(const FileInput& file);
  void read_positions(const FileInput& file);
  void read_ids(const FileInput& file);
  void advance();
  void intersect_lists();
  void prove_candidates();
  void collect_hits();
  void stop(std::string message);
  std::string file_path(size_t segment, std::string_view file) const;

  SearchManifest manifest_;
  std::vector<Gram> grams_;            // what the query is proven by
  std::vector<std::string> distinct_;  // their distinct texts (a query may repeat one)
  std::vector<size_t> distinct_of_;    // grams_[i] is distinct_[distinct_of_[i]]
  std::vector<SegmentState> segments_;
  std::map<std::string, bool, std::less<>> pending_;  // this stage's files → provided yet
  Stage stage_ = Stage::Lists;
  std::string error_;
  std::vector<IndexHit> hits_;
  uint64_t bytes_provided_ = 0;
  std::vector<std::pair<std::string, size_t>> provided_;
};

// The grams that prove a folded query: itself when 1-3 characters long, else 3-grams at
// 0, 3, 6, ... and one ending at the query's end.
std::vector<IndexQuery::Gram> query_grams(std::string_view folded_query);

}  // namespace digest
