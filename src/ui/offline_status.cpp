#include "ui/offline_status.hpp"

#include <nlohmann/json.hpp>

namespace ui {

OfflineStatus OfflineStatus::parse(std::string_view json) {
  OfflineStatus status;
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return status;
  auto flag = [&](const char* key, bool& out) {
    if (j.contains(key) && j[key].is_boolean()) out = j[key].get<bool>();
  };
  auto number = [&](const char* key, double& out) {
    if (j.contains(key) && j[key].is_number()) out = j[key].get<double>();
  };
  auto paths = [&](const char* key, std::set<std::string>& out) {
    if (!j.contains(key) || !j[key].is_array()) return;
    for (const auto& p : j[key])
      if (p.is_string()) out.insert(p.get<std::string>());
  };
  flag("online", status.online);
  flag("supported", status.supported);
  flag("persisted", status.persisted);
  number("usage", status.usage);
  number("quota", status.quota);
  paths("kept", status.kept);
  paths("saved", status.saved);
  if (j.contains("saving") && j["saving"].is_object()) {
    const auto& s = j["saving"];
    Progress progress;
    if (s.contains("done") && s["done"].is_number_integer()) progress.done = s["done"].get<long>();
    if (s.contains("total") && s["total"].is_number_integer()) progress.total = s["total"].get<long>();
    status.saving = progress;
  }
  return status;
}

}  // namespace ui
