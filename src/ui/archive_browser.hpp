// The archive panel's list: the index's issues by month, newest first, with a category
// filter, and the years a big archive keeps in files of their own (digest-index/1
// `years`), fetched when their row comes into view or the reader jumps to them. No
// ImGui: the panel painter draws rows(), tests drive it.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/issue.hpp"

namespace ui {

class ArchiveBrowser {
 public:
  struct Row {
    enum class Kind { Month, Issue, Year } kind;
    std::string label;  // Month: "2026年11月"; Year: "2019年 · 365号"
    size_t entry = 0;   // Issue: index into ArchiveIndex::issues
    size_t year = 0;    // Year: index into ArchiveIndex::years
    // Orders rows newest first whatever is loaded, and names a row across rebuilds:
    // Issue "2026-11-25 <id>", Month "2026-11-~", Year the oldest loaded date of its year
    // (its issues come just below it) or "2019-12-~".
    std::string key;
  };

  // The index changed (a new one, or a year merged in): rows are made again.
  void index_changed() { stale_ = true; }
  // A year's entries were merged into the index.
  void year_loaded(std::string_view year);
  bool year_loaded_already(std::string_view year) const { return loaded_.count(std::string(year)) > 0; }
  // A year's file could not be had (`why`, in the reader's words): its row says so and
  // offers 再試行 instead of loading for ever; it is not asked for again until then.
  void year_failed(std::string_view year, std::string why);
  // The reason a year's file failed, or null.
  const std::string* year_failure(std::string_view year) const;
  // 再試行 on a failed year's row: its file is wanted again.
  void retry_year(const digest::ArchiveIndex& index, size_t year);

  // "" for every category.
  void set_category(std::string category);
  const std::string& category() const { return category_; }
  // Category ids of the loaded issues, in order of first use (newest first).
  const std::vector<std::string>& categories() const { return categories_; }

  const std::vector<Row>& rows(const digest::ArchiveIndex& index);
  // The rows as last made (state() reads them without making them again).
  const std::vector<Row>& rows_made() const { return rows_; }

  // A year row came into view, or the reader chose the year: its file is wanted (once).
  void want_year(const digest::ArchiveIndex& index, size_t year);
  // Year files to fetch now (paths beside index.json).
  std::vector<std::string> take_wanted_years() { return std::exchange(wanted_, {}); }
  // The years whose files may hold issue `id`: its year when the id is a date, else
  // every year not loaded.
  std::vector<std::string> years_for_id(const digest::ArchiveIndex& index, std::string_view id) const;

  // The reader chose a year: its first row is kept at the top of the list, while its
  // file and others load, until the reader scrolls.
  void jump_to_year(const digest::ArchiveIndex& index, size_t year);
  // The panel opened over issue `id`: its row is scrolled into view.
  void reveal(std::string id) { reveal_ = std::move(id); }
  // The keyboard moved past the rows in view: the list scrolls by `rows` (the page asks,
  // web/mirror.js, so its arrows reach every row).
  void scroll_rows(int rows) { step_rows_ += rows; }
  // Once a frame, before the rows are drawn: the scroll to set (px), or -1. Rows that
  // come or go above the one at the top of the list (a year loading) do not move it, as
  // CSS scroll anchoring keeps content in place.
  float take_scroll(const digest::ArchiveIndex& index, float row_h);
  // After the rows were drawn: where the list is, and whether the reader scrolled it
  // this frame (wheel, scrollbar, keys).
  void note_scroll(float scroll_y, float view_h, float row_h, bool reader_scrolled);
  // The rows on screen, [first, last) in rows().
  std::pair<size_t, size_t> shown() const { return {shown_first_, shown_last_}; }
  // "2016年12月" or "2016年12月〜2016年10月": the months of the rows on screen.
  std::string shown_months() const;

 private:
  size_t row_at_or_below(std::string_view key) const;

  std::vector<Row> rows_;
  std::vector<std::string> categories_;
  std::string category_;
  std::set<std::string> loaded_, requested_;
  std::map<std::string, std::string, std::less<>> failed_;  // year → why
  std::vector<std::string> wanted_;
  std::string jump_year_, reveal_;
  int step_rows_ = 0;
  bool stale_ = true;
  bool rebuilt_ = false;    // rows made again since the list was last drawn
  bool scroll_set_ = false;  // a scroll was given this frame: ImGui applies it next frame
  std::string anchor_key_;  // the row at the top of the list, and how far it is scrolled
  float anchor_offset_ = 0;
  float scroll_y_ = 0;
  size_t shown_first_ = 0, shown_last_ = 0;
};

}  // namespace ui
