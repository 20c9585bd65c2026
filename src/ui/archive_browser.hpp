// The archive panel's list: the index's issues by month, newest first, with a category
// filter, and the years a big archive keeps in files of their own (digest-index/1
// `years`), fetched when their row comes into view or the reader jumps to them. No
// ImGui: the panel painter draws rows(), tests drive it.
#pragma once

#include <cstddef>
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
  };

  // The index changed (a new one, or a year merged in): rows are made again.
  void index_changed() { stale_ = true; }
  // A year's entries were merged into the index.
  void year_loaded(std::string_view year);
  bool year_loaded_already(std::string_view year) const { return loaded_.count(std::string(year)) > 0; }

  // "" for every category.
  void set_category(std::string category);
  const std::string& category() const { return category_; }
  // Category ids of the loaded issues, in order of first use (newest first).
  const std::vector<std::string>& categories() const { return categories_; }

  const std::vector<Row>& rows(const digest::ArchiveIndex& index);

  // A year row came into view, or the reader chose the year: its file is wanted (once).
  void want_year(const digest::ArchiveIndex& index, size_t year);
  // Year files to fetch now (paths beside index.json).
  std::vector<std::string> take_wanted_years() { return std::exchange(wanted_, {}); }
  // The years whose files may hold issue `id`: its year when the id is a date, else
  // every year not loaded.
  std::vector<std::string> years_for_id(const digest::ArchiveIndex& index, std::string_view id) const;

  // The reader jumped to a year: the row to scroll to once its rows exist, or -1.
  void jump_to_year(const digest::ArchiveIndex& index, size_t year);
  // The panel opened over issue `id`: its row is scrolled into view.
  void reveal(std::string id) { reveal_ = std::move(id); }
  long take_scroll_row(const digest::ArchiveIndex& index);

 private:
  std::vector<Row> rows_;
  std::vector<std::string> categories_;
  std::string category_;
  std::set<std::string> loaded_, requested_;
  std::vector<std::string> wanted_;
  std::string jump_year_, reveal_;
  bool stale_ = true;
};

}  // namespace ui
