// digest index, html, share and html-index: what a site is made of (docs/publishing.md):
// the archive index and search index of a folder of issues, each issue's page, its
// share pages, cards and oEmbed answers, and the list of the issues' pages.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

#include "card/card.hpp"
#include "card/png.hpp"
#include "cli/cli.hpp"
#include "core/export.hpp"
#include "core/outline.hpp"
#include "core/search_index.hpp"
#include "core/share.hpp"
#include "core/utf8.hpp"

namespace cli {

using namespace digest;

namespace {

// DIR/search/: a directory per segment, named by its content, written only when new
// (so adding a day rewrites the last small segment and the manifest); segments no
// longer listed are removed.
bool write_search_index(const fs::path& search_dir, std::vector<SearchIssue> issues) {
  const auto started = std::chrono::steady_clock::now();
  std::sort(issues.begin(), issues.end(), [](const SearchIssue& a, const SearchIssue& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;  // oldest first
  });
  std::vector<size_t> counts;
  for (const SearchIssue& issue : issues) counts.push_back(issue.article_ids.size());
  std::error_code ec;
  fs::create_directories(search_dir, ec);
  // Segments the last build wrote, by what they were built from: those are kept as
  // they are without building them again.
  std::vector<SearchManifest::Segment> earlier;
  if (std::string text, error; read_input((search_dir / "manifest.json").string(), text, error)) {
    if (ManifestLoadResult loaded = load_search_manifest(text); loaded.ok()) earlier = loaded.manifest.segments;
  }
  std::vector<SegmentFiles> segments;
  uint64_t total = 0, written = 0;
  size_t written_segments = 0;
  for (const SegmentPlan& plan : plan_segments(counts)) {
    std::vector<const SearchIssue*> slice;
    for (size_t i = 0; i < plan.issue_count; ++i) slice.push_back(&issues[plan.first_issue + i]);
    const std::string source = search_source_hash(slice);
    auto kept = std::find_if(earlier.begin(), earlier.end(), [&](const SearchManifest::Segment& s) {
      return !s.source.empty() && s.source == source && fs::is_directory(search_dir / s.name);
    });
    if (kept != earlier.end()) {
      SegmentFiles segment{kept->name,           source, {}, kept->issues, kept->articles, kept->list_files,
                           kept->position_files, 0};
      for (fs::directory_iterator it(search_dir / kept->name, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file(ec) && ext != ".br" && ext != ".gz") segment.bytes += it->file_size(ec);
      }
      total += segment.bytes;
      segments.push_back(std::move(segment));
      continue;
    }
    SegmentFiles segment = build_search_segment(slice);
    total += segment.bytes;
    const fs::path target = search_dir / segment.name;
    if (!fs::is_directory(target, ec)) {
      // Written aside, then moved in whole: a reader never sees half a segment.
      const fs::path staging = search_dir / (segment.name + ".partial");
      fs::remove_all(staging, ec);
      fs::create_directories(staging, ec);
      for (const auto& [name, bytes] : segment.files) {
        if (!write_file(staging / name, bytes)) return false;
      }
      fs::rename(staging, target, ec);
      if (ec) {
        say(std::cerr, target.string() + ": cannot move the segment in place (" + ec.message() + ")");
        return false;
      }
      written += segment.bytes;
      ++written_segments;
    }
    segment.files.clear();  // only the counts are needed from here on
    segments.push_back(std::move(segment));
  }
  const std::string manifest = write_search_manifest(segments);
  if (!write_file_if_changed(search_dir / "manifest.json", manifest)) return false;
  // Segments of earlier builds (named s + 16 hex digits) that this one no longer lists.
  for (fs::directory_iterator it(search_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool ours = name.size() >= 17 && name[0] == 's' && name.find_first_not_of("0123456789abcdef", 1) >= 17;
    const bool listed =
        std::any_of(segments.begin(), segments.end(), [&](const SegmentFiles& s) { return s.name == name; });
    if (ours && !listed) fs::remove_all(it->path(), ec);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char figures[160];
  std::snprintf(figures, sizeof figures, "%zu segments, %.1f MB; %zu written (%llu bytes) in %.2f s", segments.size(),
                double(total) / 1e6, written_segments, static_cast<unsigned long long>(written + manifest.size()),
                seconds);
  say(std::cout, "wrote " + search_dir.string() + "/ (" + figures + ")");
  return true;
}

// The site address of --site, checked; "" (and a message) when it is wrong.
bool site_option(std::vector<std::string>& args, std::string& site) {
  const std::string raw = option_value(args, "--site", "");
  if (raw.empty()) return true;
  std::string error;
  site = normalise_site_url(raw, error);
  if (site.empty()) say(std::cerr, "--site: " + error);
  return !site.empty();
}

// Where the web build puts an issue's static page: issues/<file name>.html.
std::string issue_page_for(const std::string& path) {
  return "issues/" + fs::path(path).stem().string() + ".html";
}

}  // namespace

bool is_index_file(const std::string& name) {
  const bool year = name.size() == 15 && name.rfind("index-", 0) == 0 && name.compare(10, 5, ".json") == 0 &&
                    std::all_of(name.begin() + 6, name.begin() + 10, [](char c) { return c >= '0' && c <= '9'; });
  return year || name == "index.json";
}

int cmd_html(std::vector<std::string> args) {
  std::string site;
  if (!site_option(args, site)) return 2;
  const ChecklistConfig checklist = checklist_options(args);
  if (args.size() != 1) return misused("html");
  IssueLoadResult result;
  if (!load_or_report(args[0], result)) return 1;
  std::string head;
  if (!site.empty()) head = issue_share_head(result.issue, ShareSite{site, issue_page_for(args[0])});
  std::cout << export_html(result.issue, head, checklist);
  return 0;
}

int cmd_index(std::vector<std::string> args) {
  if (args.size() != 1) return misused("index");
  fs::path dir = args[0];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    say(std::cerr, dir.string() + ": not a directory");
    return 1;
  }
  // Regular files named *.json in DIR, or links to such files inside DIR; anything
  // else is skipped with a message (reading a FIFO would wait forever, a link out of
  // DIR would publish a file from elsewhere).
  std::vector<fs::path> candidates, files, year_files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (is_index_file(name) && name != "index.json") {
      year_files.push_back(path);
    } else if (path.extension() == ".json" && name != "index.json") {
      candidates.push_back(path);
    }
  }
  if (ec) {
    say(std::cerr, dir.string() + ": cannot list the directory (" + ec.message() + ")");
    return 1;
  }
  std::sort(candidates.begin(), candidates.end());
  const fs::path base = fs::canonical(dir, ec);
  for (const fs::path& path : candidates) {
    std::error_code entry_error;
    if (fs::is_symlink(fs::symlink_status(path, entry_error))) {
      const fs::path target = fs::canonical(path, entry_error);
      const fs::path inside = target.lexically_relative(base);
      if (entry_error || inside.empty() || *inside.begin() == "..") {
        say(std::cerr, path.string() + ": skipped: a symbolic link to something outside " + dir.string());
        continue;
      }
    }
    if (!fs::is_regular_file(fs::status(path, entry_error))) {
      say(std::cerr, path.string() + ": skipped: not a regular file (a directory, FIFO, device or socket)");
      continue;
    }
    files.push_back(path);  // in order: the candidates are sorted
  }
  std::vector<IndexEntry> entries;
  std::vector<SearchIssue> searchable;
  bool all_ok = true;
  for (const auto& file : files) {
    IssueLoadResult result;
    if (!load_or_report(file.string(), result)) {
      all_ok = false;
      continue;
    }
    entries.push_back(make_index_entry(result.issue, file.filename().string()));
    searchable.push_back(make_search_issue(result.issue, file.filename().string()));
  }
  if (!all_ok) {
    say(std::cerr, "index.json was not written: fix the issues above first");
    return 1;
  }
  const size_t issue_count = entries.size();
  const std::map<std::string, std::string> index_files = write_index_files(std::move(entries));
  for (const auto& [name, text] : index_files) {
    if (!write_file_if_changed(dir / name, text)) return 1;
  }
  // Year files of an earlier build that this one no longer writes.
  for (const fs::path& path : year_files) {
    if (!index_files.count(path.filename().string())) fs::remove(path, ec);
  }
  say(std::cout, "wrote " + (dir / "index.json").string() + " (" + std::to_string(issue_count) + " issues" +
                     (index_files.size() > 1 ? ", " + std::to_string(index_files.size() - 1) + " year files" : "") +
                     ")");
  return write_search_index(dir / "search", std::move(searchable)) ? 0 : 1;
}

int cmd_share(std::vector<std::string> args) {
  std::string site;
  if (!site_option(args, site)) return 2;
  const fs::path out_dir = option_value(args, "--out", "");
  const fs::path fonts = option_value(args, "--fonts", "/usr/share/fonts/truetype/bizud-gothic");
  if (site.empty()) return misused("share", "digest share needs --site URL (the site's public address)");
  if (args.size() != 1 || out_dir.empty()) return misused("share");
  IssueLoadResult result;
  if (!load_or_report(args[0], result)) return 1;
  const Issue& issue = result.issue;

  std::vector<uint8_t> regular, bold;
  const fs::path regular_path = fonts / "BIZUDPGothic-Regular.ttf", bold_path = fonts / "BIZUDPGothic-Bold.ttf";
  if (!read_file(regular_path, regular) || !read_file(bold_path, bold)) {
    say(std::cerr, fonts.string() +
                       ": BIZUDPGothic-Regular.ttf and BIZUDPGothic-Bold.ttf are needed for the preview cards "
                       "(Debian: fonts-morisawa-bizud-gothic; or say where with --fonts DIR)");
    return 1;
  }
  card::CardRenderer cards;
  std::string error;
  if (!cards.load_fonts(std::move(regular), std::move(bold), error)) {
    say(std::cerr, fonts.string() + ": " + error);
    return 1;
  }
  // The corner of the cards says where the link goes: the address without its scheme.
  const std::string site_label = site.substr(site.find("://") + 3);

  // One outline for every page and card (it measures each article's reading time).
  const Outline outline = make_outline(issue);
  const ShareSite share{site, issue_page_for(args[0])};
  const auto write_png = [](const fs::path& path, const card::Image& image) {
    const std::vector<uint8_t> png = card::encode_png(image);
    return write_file(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  };
  bool ok = write_png(out_dir / card_path(issue, nullptr), cards.issue_card(outline, site_label)) &&
            write_file(out_dir / oembed_path(issue, nullptr), export_oembed(issue, outline, nullptr, share));
  for (const OutlineArticle& entry : outline.articles) {
    if (!ok) break;
    const Article& a = *entry.article;
    ok = write_file(out_dir / share_page_path(issue, a), export_share_page(issue, outline, entry, share)) &&
         write_png(out_dir / card_path(issue, &a), cards.article_card(issue, outline, entry, site_label)) &&
         write_file(out_dir / oembed_path(issue, &a), export_oembed(issue, outline, &a, share));
  }
  if (!ok) return 1;
  for (char32_t cp : cards.missing()) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    std::string character;
    utf8_append(character, cp);
    say(std::cerr, display_name(args[0]) + ": warning: " + code + " (" + character +
                       ") is in neither font; the cards leave it out");
  }
  say(std::cout, "wrote " + std::to_string(issue.articles.size()) + " share pages, " +
                     std::to_string(issue.articles.size() + 1) + " cards and " +
                     std::to_string(issue.articles.size() + 1) + " oEmbed answers for " + issue.id + " under " +
                     out_dir.string());
  return 0;
}

int cmd_html_index(std::vector<std::string> args) {
  if (args.size() != 1) return misused("html-index");
  IndexLoadResult result;
  if (!load_index_or_report(args[0], result)) return 1;
  std::cout << export_index_html(result.index);
  return 0;
}

}  // namespace cli
