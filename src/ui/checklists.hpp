// The reader's action checklists (core/checklist.hpp): the items of the issue on screen
// and which are ticked, the ticks and checklists of other issues as the host keeps them
// (IndexedDB, on this device only), and the open items the 対策 panel lists. The host
// gives what it keeps once at start and stores each change the viewer reports. No
// ImGui: painters read it, tests drive it.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/checklist.hpp"
#include "platform/host_protocol.hpp"
#include "ui/offline_status.hpp"
#include "ui/reading_log.hpp"

namespace ui {

class Checklists {
 public:
  using Notify = std::function<void(const host::Json&)>;

  // From the host (digest_set_checklists): {"headings": [..] (absent: the default),
  // "site": the viewer's address for links in exports, "checks": [[issue, article, key,
  // text], ...], "lists": [{"issue","date","title","articles":[{"id","title","items":
  // [{"key","text"}]}]}]}. Malformed entries are skipped; false when it is no object.
  bool load(std::string_view json);
  bool loaded() const { return loaded_; }
  const digest::ChecklistConfig& config() const { return config_; }
  // A portal turned checklists off (embed configuration): lists are drawn as lists, no
  // panel, nothing stored.
  void set_enabled(bool enabled) {
    revision_ += enabled != enabled_;
    enabled_ = enabled;
  }
  bool enabled() const { return enabled_; }

  // The issue on screen (again, after load()): its items and their ticks. Reports its
  // checklist (actions) when it differs from the one kept, and ticks that moved to a
  // corrected item (check, with the key they replace).
  void show_issue(const digest::Issue& issue, const Notify& notify);
  const std::vector<digest::ChecklistItem>& items() const { return items_; }
  bool ticked(size_t item) const { return item < ticked_.size() && ticked_[item]; }
  // The reader ticked or unticked an item (of the issue on screen, or another through the
  // panel). False when there is no such item.
  bool set(std::string_view issue, std::string_view article, std::string_view key, bool on, const Notify& notify);

  // The open items of the issues read (an article of them) or saved, newest first:
  // what the 対策 panel lists and exports hold. `saved`: is the issue with this id saved.
  std::vector<digest::ActionList> open_lists(const ReadingLog& reading,
                                             const std::function<bool(const std::string&)>& saved) const;
  static size_t count(const std::vector<digest::ActionList>& lists);
  const std::string& site() const { return site_; }

  // {"type":"checks","issue":I,"ticked":["article/key", ...]}: the text layer's boxes.
  host::Json ticks_event() const;
  host::Json state_json() const;
  // Changes whenever a tick, a kept checklist or being on changes (what open_lists reads
  // besides the reading log).
  unsigned revision() const { return revision_; }

 private:
  struct Tick {
    std::string article, key, text;
  };
  bool is_ticked(std::string_view issue, std::string_view article, std::string_view key) const;
  void match_ticks(const digest::Issue& issue, const Notify& notify);

  bool loaded_ = false, enabled_ = true;
  unsigned revision_ = 0;
  digest::ChecklistConfig config_;
  std::string site_;
  std::map<std::string, std::vector<Tick>, std::less<>> ticks_;         // by issue
  std::map<std::string, digest::ActionList, std::less<>> lists_;       // by issue
  std::string issue_;                                                   // on screen
  std::vector<digest::ChecklistItem> items_;
  std::vector<std::string> item_articles_;  // each item's article id
  std::vector<bool> ticked_;
};

}  // namespace ui
