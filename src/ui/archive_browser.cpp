#include "ui/archive_browser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace ui {

namespace {

std::string month_label(std::string_view date) {
  // "2026-11-25" → "2026年11月"
  if (date.size() < 7) return std::string(date);
  const int month = (date[5] - '0') * 10 + (date[6] - '0');
  return std::string(date.substr(0, 4)) + "年" + std::to_string(month) + "月";
}

// The year after "2026…" as text ("2027"); the loaders check dates, but a year that is
// not a number must not abort the viewer (std::stoi throws, and the viewer is built
// without exceptions), so it counts as year 0.
std::string year_after(std::string_view date) {
  int year = 0;
  const std::string_view digits = date.substr(0, 4);
  std::from_chars(digits.data(), digits.data() + digits.size(), year);
  return std::to_string(year + 1);
}

bool has_category(const digest::IndexEntry& entry, std::string_view category) {
  return category.empty() ||
         std::find(entry.categories.begin(), entry.categories.end(), category) != entry.categories.end();
}

}  // namespace

void ArchiveBrowser::year_loaded(std::string_view year) {
  loaded_.insert(std::string(year));
  failed_.erase(std::string(year));
  stale_ = true;
}

void ArchiveBrowser::year_failed(std::string_view year, std::string why) {
  if (loaded_.count(std::string(year))) return;
  failed_[std::string(year)] = std::move(why);
}

const std::string* ArchiveBrowser::year_failure(std::string_view year) const {
  auto it = failed_.find(year);
  return it == failed_.end() ? nullptr : &it->second;
}

void ArchiveBrowser::retry_year(const digest::ArchiveIndex& index, size_t year) {
  if (year >= index.years.size()) return;
  failed_.erase(index.years[year].year);
  requested_.erase(index.years[year].year);
  want_year(index, year);
}

void ArchiveBrowser::set_category(std::string category) {
  if (category == category_) return;
  category_ = std::move(category);
  stale_ = true;
}

const std::vector<ArchiveBrowser::Row>& ArchiveBrowser::rows(const digest::ArchiveIndex& index) {
  if (!stale_) return rows_;
  stale_ = false;
  rebuilt_ = true;
  rows_.clear();
  categories_.clear();
  // Years not loaded yet come after the loaded issues of the same year and newer ones.
  size_t next_year = 0;
  std::string last_date;  // of the issue before, whatever its category
  auto year_rows_down_to = [&](std::string_view year) {
    for (; next_year < index.years.size() && index.years[next_year].year >= year; ++next_year) {
      const digest::IndexYear& y = index.years[next_year];
      if (loaded_.count(y.year)) continue;
      std::string key = last_date.compare(0, 4, y.year) == 0 ? last_date : y.year + "-12-~";
      rows_.push_back(
          Row{Row::Kind::Year, y.year + "年 · " + std::to_string(y.issues) + "号", 0, next_year, std::move(key)});
    }
  };
  std::string month;
  for (size_t i = 0; i < index.issues.size(); ++i) {
    const digest::IndexEntry& entry = index.issues[i];
    for (const std::string& c : entry.categories) {
      if (std::find(categories_.begin(), categories_.end(), c) == categories_.end()) categories_.push_back(c);
    }
    // Every unloaded year newer than this issue's goes before it.
    year_rows_down_to(year_after(entry.date));
    last_date = entry.date;
    if (!has_category(entry, category_)) continue;
    if (month_label(entry.date) != month) {
      month = month_label(entry.date);
      rows_.push_back(Row{Row::Kind::Month, month, 0, 0, entry.date.substr(0, 7) + "-~"});
    }
    rows_.push_back(Row{Row::Kind::Issue, entry.date, i, 0, entry.date + " " + entry.id});
  }
  year_rows_down_to("");
  return rows_;
}

void ArchiveBrowser::want_year(const digest::ArchiveIndex& index, size_t year) {
  if (year >= index.years.size()) return;
  const digest::IndexYear& y = index.years[year];
  if (loaded_.count(y.year) || failed_.count(y.year) || !requested_.insert(y.year).second) return;
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
  reveal_.clear();
  retry_year(index, year);  // the reader asked for the year: a failed file is tried again
}

size_t ArchiveBrowser::row_at_or_below(std::string_view key) const {
  // Rows are newest first: the first whose key is not newer than `key`.
  for (size_t r = 0; r < rows_.size(); ++r) {
    if (rows_[r].key <= key) return r;
  }
  return rows_.empty() ? 0 : rows_.size() - 1;
}

float ArchiveBrowser::take_scroll(const digest::ArchiveIndex& index, float row_h) {
  const auto& all = rows(index);
  const bool rebuilt = std::exchange(rebuilt_, false);
  auto scroll_to = [&](float y) {
    y = std::max(0.0f, y);
    scroll_set_ = true;
    scroll_y_ = y;
    anchor_key_.clear();  // taken again from where the list lands
    return y;
  };
  if (!reveal_.empty()) {
    const std::string id = std::exchange(reveal_, {});
    for (size_t r = 0; r < all.size(); ++r) {
      // A few rows above it, so the month it is in shows.
      if (all[r].kind == Row::Kind::Issue && index.issues[all[r].entry].id == id) {
        return scroll_to(row_h * static_cast<float>(std::max(0L, long(r) - 3)));
      }
    }
  }
  if (const int step = std::exchange(step_rows_, 0); step != 0) {
    jump_year_.clear();
    const float last = row_h * static_cast<float>(all.empty() ? 0 : all.size() - 1);
    return scroll_to(std::min(last, scroll_y_ + row_h * static_cast<float>(step)));
  }
  if (!jump_year_.empty()) {
    // The year's first row: its newest month, or its placeholder until that loads.
    const std::string newer_years = year_after(jump_year_);
    for (size_t r = 0; r < all.size(); ++r) {
      if (all[r].key < newer_years) {
        const float y = row_h * static_cast<float>(r);
        if (rebuilt || std::abs(y - scroll_y_) > 0.5f) return scroll_to(y);
        return -1;
      }
    }
    jump_year_.clear();
  }
  if (rebuilt && !anchor_key_.empty() && !all.empty()) {
    // Rows came or went: the one that was at the top stays there.
    const size_t r = row_at_or_below(anchor_key_);
    const float offset = all[r].key == anchor_key_ ? anchor_offset_ : 0.0f;
    const float y = row_h * static_cast<float>(r) + offset;
    if (std::abs(y - scroll_y_) > 0.5f) return scroll_to(y);
  }
  return -1;
}

void ArchiveBrowser::note_scroll(float scroll_y, float view_h, float row_h, bool reader_scrolled) {
  if (reader_scrolled) jump_year_.clear();
  if (std::exchange(scroll_set_, false)) return;  // where it lands is seen next frame
  scroll_y_ = scroll_y;
  if (rows_.empty() || row_h <= 0) {
    shown_first_ = shown_last_ = 0;
    anchor_key_.clear();
    return;
  }
  const size_t top = std::min(rows_.size() - 1, static_cast<size_t>(std::max(0.0f, scroll_y) / row_h));
  anchor_key_ = rows_[top].key;
  anchor_offset_ = scroll_y - row_h * static_cast<float>(top);
  shown_first_ = top;
  // Rows at least half in view.
  shown_last_ = std::min(rows_.size(), static_cast<size_t>((scroll_y + view_h - row_h * 0.5f) / row_h) + 1);
  if (anchor_offset_ > row_h * 0.5f && shown_first_ + 1 < shown_last_) ++shown_first_;
}

std::string ArchiveBrowser::shown_months() const {
  std::string newest, oldest;
  for (size_t r = shown_first_; r < shown_last_ && r < rows_.size(); ++r) {
    const Row& row = rows_[r];
    std::string month;
    if (row.kind == Row::Kind::Issue) month = month_label(row.label);
    else if (row.kind == Row::Kind::Month) month = row.label;
    else month = row.label.substr(0, row.label.find(" · "));
    if (newest.empty()) newest = month;
    oldest = month;
  }
  return newest == oldest ? newest : newest + "〜" + oldest;
}

}  // namespace ui
