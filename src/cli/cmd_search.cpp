// digest search: every article of an archive that holds a query, by reading every
// issue (the exact answer) or through the search index (what the viewer does).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "core/search.hpp"
#include "core/search_index.hpp"

namespace cli {

using namespace digest;

namespace {

// The same answers through DIR/search/, reading only the files each query asks for.
int search_with_index(const std::vector<std::string>& args, bool json, size_t newest) {
  if (args.size() < 2 || std::any_of(args.begin() + 1, args.end(), [](const std::string& q) { return q.empty(); }))
    return misused("search");
  const fs::path search_dir = fs::path(args[0]).parent_path() / "search";
  std::string text, error;
  if (!read_input((search_dir / "manifest.json").string(), text, error)) {
    say(std::cerr, error + " (write the search index with `digest index`)");
    return 1;
  }
  const ManifestLoadResult manifest = load_search_manifest(text);
  if (!manifest.ok()) {
    say(std::cerr, manifest.error);
    return 1;
  }
  nlohmann::json out = {{"format", "digest-search-results/1"}, {"queries", nlohmann::json::array()}};
  bool all_ok = true;
  for (size_t q = 1; q < args.size(); ++q) {
    const auto started = std::chrono::steady_clock::now();
    IndexQuery query(manifest.manifest, fold_query(args[q]), newest);
    size_t rounds = 0;
    while (!query.done()) {
      ++rounds;
      for (const std::string& path : query.wanted()) {
        std::string bytes;
        if (read_input((search_dir / path).string(), bytes, error)) {
          query.provide(path, bytes);
        } else {
          query.fail(path, error);
        }
      }
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!query.error().empty()) {
      say(std::cerr, args[q] + ": " + query.error());
      all_ok = false;
    }
    if (json) {
      nlohmann::json results = nlohmann::json::array();
      for (const IndexHit& hit : query.hits())
        results.push_back({{"issue", hit.issue_id}, {"article", hit.article_id}});
      // Bytes by kind of file (l: lists, p: positions, i: ids), and as a host sends them
      // when a .br copy lies beside the file.
      nlohmann::json kinds = {{"lists", 0}, {"positions", 0}, {"ids", 0}};
      uint64_t wire = 0;
      for (const auto& [path, size] : query.provided()) {
        const char kind = path[path.find('/') + 1];
        auto& slot = kinds[kind == 'l' ? "lists" : kind == 'p' ? "positions" : "ids"];
        slot = slot.get<uint64_t>() + size;
        std::error_code ec;
        const auto compressed = fs::file_size(search_dir / (path + ".br"), ec);
        wire += ec ? size : compressed;
      }
      out["queries"].push_back({{"query", args[q]},
                                {"results", std::move(results)},
                                {"bytes", query.bytes_provided()},
                                {"wireBytes", wire},
                                {"byKind", std::move(kinds)},
                                {"files", query.files_provided()},
                                {"rounds", rounds},
                                {"ms", ms}});
      continue;
    }
    say(std::cout, args[q] + ": " + std::to_string(query.hits().size()) +
                       (query.hits().size() == 1 ? " article" : " articles") + " (" +
                       std::to_string(query.bytes_provided()) + " bytes in " + std::to_string(query.files_provided()) +
                       " files)");
    for (const IndexHit& hit : query.hits()) say(std::cout, "  " + hit.issue_id + "/" + hit.article_id);
  }
  if (json) std::cout << out.dump() << "\n";
  return all_ok && std::cout.good() ? 0 : 1;
}

}  // namespace

// Plain substring search over the folded text of every article, issue by issue: slow,
// simple, and what an archive search index must answer exactly (issue 12).
int cmd_search(std::vector<std::string> args) {
  const bool json = take_flag(args, "--json");
  const std::string newest = option_value(args, "--newest", "");
  char* end = nullptr;
  const long newest_issues = newest.empty() ? 0 : std::strtol(newest.c_str(), &end, 10);
  if (!newest.empty() && (*end || newest_issues < 1)) return misused("search", "--newest: a number of issues, 1 or more");
  if (take_flag(args, "--index")) return search_with_index(args, json, static_cast<size_t>(newest_issues));
  if (!newest.empty()) return misused("search", "--newest goes with --index");
  if (args.size() < 2 || std::any_of(args.begin() + 1, args.end(), [](const std::string& q) { return q.empty(); }))
    return misused("search");
  IndexLoadResult index;
  if (!load_index_or_report(args[0], index)) return 1;
  const fs::path dir = fs::path(args[0]).parent_path();
  std::vector<ArchiveIssue> archive;
  for (const IndexEntry& entry : index.index.issues) {
    if (!beside_index(entry.path)) {
      say(std::cerr, args[0] + ": " + entry.path + ": skipped: not a file beside the index");
      continue;
    }
    IssueLoadResult issue;
    if (load_or_report((dir / entry.path).string(), issue)) archive.push_back(make_archive_issue(issue.issue));
  }
  nlohmann::json out = {{"format", "digest-search-results/1"}, {"queries", nlohmann::json::array()}};
  for (size_t q = 1; q < args.size(); ++q) {
    const std::vector<ArchiveHit> hits = search_archive(archive, fold_query(args[q]), SIZE_MAX);
    if (json) {
      nlohmann::json results = nlohmann::json::array();
      for (const ArchiveHit& hit : hits) {
        const ArchiveIssue& issue = archive[hit.issue];
        results.push_back({{"issue", issue.id}, {"article", issue.articles[hit.article].id}});
      }
      out["queries"].push_back({{"query", args[q]}, {"results", std::move(results)}});
      continue;
    }
    say(std::cout, args[q] + ": " + std::to_string(hits.size()) + (hits.size() == 1 ? " article" : " articles"));
    for (const ArchiveHit& hit : hits) {
      const ArchiveIssue& issue = archive[hit.issue];
      say(std::cout, "  " + issue.id + "/" + issue.articles[hit.article].id + "  " + hit.excerpt);
    }
  }
  if (json) std::cout << out.dump() << "\n";
  return std::cout.good() ? 0 : 1;
}

}  // namespace cli
