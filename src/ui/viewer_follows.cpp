// The viewer's followed topics (ui/follows.hpp): the host's record in, the reader's
// follow and unfollow, and the check on each visit driven through need events. The
// rest of Viewer is in viewer.cpp.
#include "ui/viewer.hpp"

namespace ui {

bool Viewer::set_follows(std::string_view json) {
  if (!follows_.load(json)) return false;
  redraw_ = true;
  pump_follows();
  return true;
}

host::Json Viewer::follow(std::string_view text, bool on) {
  const std::string topic = Follows::topic_of(text);
  if (topic.empty()) return {{"ok", false}, {"error", "2文字から80文字までの語をフォローできます"}};
  if (!follows_.loaded()) return {{"ok", false}, {"error", "フォローの記録をまだ読み込んでいます"}};
  const std::string newest = index_.issues.empty() ? std::string() : index_.issues.front().date;
  const bool done = on ? follows_.follow(topic, newest, to_host()) : follows_.unfollow(topic, to_host());
  if (!done) {
    const char* why = !on                                               ? "フォローしていません"
                      : follows_.find(topic)                            ? "フォロー中です"
                      : follows_.topics().size() >= Follows::kMaxTopics ? "フォローできるのは100件までです"
                                                                        : "フォローできません";
    return {{"ok", false}, {"error", why}, {"topic", topic}};
  }
  redraw_ = true;
  return {{"ok", true}, {"topic", topic}};
}

void Viewer::pump_follows() {
  using Purpose = ResourceRequests::Purpose;
  follows_.start_check(index_);
  if (follows_.take_manifest_request()) notify(requests_.ask(Purpose::FollowManifest, {"manifest.json"}));
  if (auto files = follows_.take_index_files(); !files.empty())
    notify(requests_.ask(Purpose::FollowFiles, std::move(files)));
  if (auto issues = follows_.take_issue_paths(); !issues.empty())
    notify(requests_.ask(Purpose::FollowIssues, std::move(issues)));
}

void Viewer::follow_answer(ResourceRequests::Purpose purpose, std::string_view path, const std::string_view* bytes,
                           std::string_view reason) {
  using Purpose = ResourceRequests::Purpose;
  if (purpose == Purpose::FollowManifest) follows_.manifest(bytes, to_host());
  if (purpose == Purpose::FollowFiles) follows_.index_file(path, bytes, reason, to_host());
  if (purpose == Purpose::FollowIssues) follows_.issue_file(path, bytes, to_host());
  pump_follows();
}

}  // namespace ui
