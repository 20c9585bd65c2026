// What the host says about reading offline: whether the network answers, which
// issues its service worker keeps (read recently) or saved (on request), a save in
// progress, and the storage used. Parsed from digest_set_offline_status's JSON; the
// archive panel and the top bar show it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ui {

struct OfflineStatus {
  bool online = true;
  bool supported = false;       // a service worker controls the page
  std::set<std::string> kept;   // index paths readable offline because they were read
  std::set<std::string> saved;  // index paths saved on request (never evicted)
  struct Progress {
    long done = 0, total = 0;
  };
  std::optional<Progress> saving;
  double usage = -1, quota = -1;  // bytes; -1 when the browser does not say
  bool persisted = false;

  bool available(const std::string& path) const { return kept.count(path) || saved.count(path); }
  // Unknown fields are ignored; a malformed payload leaves the defaults.
  static OfflineStatus parse(std::string_view json);
};

}  // namespace ui
