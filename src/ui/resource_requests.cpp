// The viewer's requests for files and their answers (resource_requests.hpp).
#include "ui/resource_requests.hpp"

#include <algorithm>

namespace ui {

host::ResourceKind kind_of(ResourceRequests::Purpose purpose) {
  using Purpose = ResourceRequests::Purpose;
  switch (purpose) {
    case Purpose::SearchManifest:
    case Purpose::FollowManifest: return host::ResourceKind::SearchManifest;
    case Purpose::SearchFiles:
    case Purpose::FollowFiles: return host::ResourceKind::SearchFile;
    case Purpose::IndexYears: return host::ResourceKind::IndexYear;
    case Purpose::ArchiveScan:
    case Purpose::Excerpts:
    case Purpose::FollowIssues: return host::ResourceKind::Issue;
  }
  return host::ResourceKind::Issue;
}

host::Json ResourceRequests::ask(Purpose purpose, std::vector<std::string> paths, unsigned query) {
  const unsigned number = next_++;
  host::Json event = host::need_event(number, kind_of(purpose), paths);
  if (!paths.empty()) waiting_[number] = Waiting{Request{purpose, query}, std::move(paths)};
  return event;
}

ResourceRequests::Answer ResourceRequests::answer(unsigned request, std::string_view path) {
  Answer result;
  auto found = waiting_.find(request);
  if (found == waiting_.end()) return result;
  std::vector<std::string>& paths = found->second.paths;
  auto at = std::find(paths.begin(), paths.end(), path);
  if (at == paths.end()) return result;
  paths.erase(at);
  result.known = true;
  result.request = found->second.request;
  result.last = paths.empty();
  if (result.last) waiting_.erase(found);
  return result;
}

}  // namespace ui
