#include "ui/archive_browser.hpp"

#include <algorithm>
#include <utility>

namespace ui {

namespace {

std::string month_label(std::string_view date) {
  // "2026-11-25" → "2026年11月"
  if (date.size() < 7) return std::string(date);
  const int month = (date[5] - '0') * 10 + (date[6] - '0');
  return std::string(date.substr(0, 4)) + "年" + std::to_string(month) + "月";
}

bool has_category(const digest::IndexEntry& entry, std::string_view category) {
  return category.empty() ||
         std::find(entry.categories.begin(), entry.categories.end(), category) != entry.categories.end();
}

}  // namespace

void ArchiveBrowser::year_loaded(std::string_view year) {
  loaded_.insert(std::string(year));
  stale_ = true;
}

void ArchiveBrowser::set_category(std::string category) {
  if (category == category_) return;
  category_ = std::move(category);
  stale_ = true;
}

const std::vector<ArchiveBrowser::Row>& ArchiveBrowser::rows(const digest::ArchiveIndex& index) {
  if (!stale_) return rows_;
  stale_ = false;
  rows_.clear();
  categories_.clear();
  // Years not loaded yet come after the loaded issues of the same year and newer ones.
  size_t next_year = 0;
  auto year_rows_down_to = [&](std::string_view year) {
    for (; next_year < index.years.size() && index.years[next_year].year >= year; ++next_year) {
      const digest::IndexYear& y = index.years[next_year];
      if (loaded_.count(y.year)) continue;
      rows_.push_back(Row{Row::Kind::Year, y.year + "年 · " + std::to_string(y.issues) + "号", 0, next_year});
    }
  };
  std::string month;
  for (size_t i = 0; i < index.issues.size(); ++i) {
    const digest::IndexEntry& entry = index.issues[i];
    for (const std::string& c : entry.categories) {
      if (std::find(categories_.begin(), categories_.end(), c) == categories_.end()) categories_.push_back(c);
    }
    const std::string year = entry.date.substr(0, 4);
    // Every unloaded year newer than this issue's goes before it.
    year_rows_down_to(std::to_string(std::stoi(year.empty() ? "0" : year) + 1));
    if (!has_category(entry, category_)) continue;
    if (month_label(entry.date) != month) {
      month = month_label(entry.date);
      rows_.push_back(Row{Row::Kind::Month, month, 0, 0});
    }
    rows_.push_back(Row{Row::Kind::Issue, entry.date, i, 0});
  }
  year_rows_down_to("");
  return rows_;
}

void ArchiveBrowser::want_year(const digest::ArchiveIndex& index, size_t year) {
  if (year >= index.years.size()) return;
  const digest::IndexYear& y = index.years[year];
  if (loaded_.count(y.year) || !requested_.insert(y.year).second) return;
  wanted_.push_back(y.path);
}

std::vector<std::string> ArchiveBrowser::years_for_id(const digest::ArchiveIndex& index, std::string_view id) const {
  std::vector<std::string> out;
  const bool dated =
      id.size() >= 4 && std::all_of(id.begin(), id.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
  for (const digest::IndexYear& y : index.years) {
    if (loaded_.count(y.year)) continue;
    if (!dated || id.substr(0, 4) == y.year) out.push_back(y.path);
  }
  // An id that is not a date, or a date in no year file: any year may hold it.
  if (dated && out.empty()) return years_for_id(index, "");
  return out;
}

void ArchiveBrowser::jump_to_year(const digest::ArchiveIndex& index, size_t year) {
  if (year >= index.years.size()) return;
  jump_year_ = index.years[year].year;
  want_year(index, year);
}

long ArchiveBrowser::take_scroll_row(const digest::ArchiveIndex& index) {
  const auto& all = rows(index);
  if (!reveal_.empty()) {
    const std::string id = std::exchange(reveal_, {});
    for (size_t r = 0; r < all.size(); ++r) {
      // A few rows above it, so the month it is in shows.
      if (all[r].kind == Row::Kind::Issue && index.issues[all[r].entry].id == id) return std::max(0L, long(r) - 3);
    }
  }
  if (jump_year_.empty()) return -1;
  for (size_t r = 0; r < all.size(); ++r) {
    const Row& row = all[r];
    const bool issue_of_year =
        row.kind == Row::Kind::Issue && index.issues[row.entry].date.compare(0, 4, jump_year_) == 0;
    const bool year_row = row.kind == Row::Kind::Year && index.years[row.year].year == jump_year_;
    if (issue_of_year && loaded_.count(jump_year_)) {
      jump_year_.clear();
      return r > 0 && all[r - 1].kind == Row::Kind::Month ? static_cast<long>(r - 1) : static_cast<long>(r);
    }
    if (year_row) return static_cast<long>(r);  // until it loads: its placeholder
  }
  jump_year_.clear();
  return -1;
}

}  // namespace ui
