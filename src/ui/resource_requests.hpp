// The files the viewer asked its host for (need events, host_protocol.hpp) and has not
// had answered: each request's number leads its answers back to the part that asked,
// and a request is done once every path it named was answered, with bytes or a failure.
// Portable: no ImGui, no Emscripten (the UI tests answer requests from tests/fixtures/).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/host_protocol.hpp"

namespace ui {

class ResourceRequests {
 public:
  // What the answers are for, and so what kind of file each path is.
  enum class Purpose {
    SearchManifest,  // the archive scope opened: is there a search index?
    ArchiveScan,     // no search index: every issue of the archive, searched in turn
    Excerpts,        // issues whose results are on screen, for titles and excerpts
    SearchFiles,     // the files one archive query of the search index names
    IndexYears,      // year files of a big archive's index
    FollowManifest,  // followed topics' check: is there a search index?
    FollowFiles,     // the index files the followed topics' queries name
    FollowIssues,    // issues of their matches (titles), or the new issues (no index)
  };
  struct Request {
    Purpose purpose;
    unsigned query = 0;  // SearchFiles: the query that named them
  };
  // The answer to one path: the request it belongs to, and whether it was the last
  // path that request waited for.
  struct Answer {
    bool known = false;  // false: no such request, or that path was answered already
    Request request{};
    bool last = false;
  };

  // Records a request and returns its need event (nothing to send for no paths).
  host::Json ask(Purpose purpose, std::vector<std::string> paths, unsigned query = 0);
  Answer answer(unsigned request, std::string_view path);
  size_t waiting() const { return waiting_.size(); }

 private:
  struct Waiting {
    Request request;
    std::vector<std::string> paths;  // not answered yet
  };
  std::map<unsigned, Waiting> waiting_;
  unsigned next_ = 1;
};

host::ResourceKind kind_of(ResourceRequests::Purpose purpose);

}  // namespace ui
