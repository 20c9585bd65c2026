// 読み上げ in the viewer (ui/listening.hpp): a reading started at the screen or at a
// kept place, the sentences handed to the host's speech, the one being spoken lit on
// the page and followed unless the reader scrolled away. The rest of Viewer is in
// viewer.cpp.
#include <cmath>

#include "core/text_layer.hpp"
#include "ui/viewer.hpp"

namespace ui {

namespace {

// Sentences handed over at the start: enough for the host to queue ahead.
constexpr size_t kFirstSentences = 8;
// How long a glide the voice asked for may take: a page short of its target after
// that was scrolled elsewhere by the reader.
constexpr double kGlideSeconds = 1.5;

}  // namespace

host::Json Viewer::listen_start(std::string_view part, long ordinal) {
  if (!has_issue_ || page_.blocks.empty()) return {{"ok", false}, {"error", "読み上げる号がまだ開いていません"}};
  host::Json answer = listening_.start(issue_, page_, part, ordinal, position_.scroll_y(), kFirstSentences);
  answer["ok"] = true;
  answer["issue"] = issue_.id;
  answer["issueTitle"] = issue_.title;
  answer["date"] = issue_.date;
  redraw_ = true;
  return answer;
}

host::Json Viewer::listen_more(long count) {
  if (!has_issue_) return {{"sentences", host::Json::array()}, {"end", true}};
  return listening_.more(issue_, page_, !layout_job_, count > 0 ? static_cast<size_t>(count) : 0);
}

bool Viewer::sentence_in_view(const digest::SpokenSentence& sentence, float scroll_y) const {
  const auto [top, bottom] = sentence_band(page_, sentence);
  return top < bottom && bottom > scroll_y && top < scroll_y + position_.view_height();
}

host::Json Viewer::listen_at(long n) {
  const digest::SpokenSentence* before = listening_.current();
  // The reader scrolled the last sentence out of view (not where the page was asked to
  // glide): the page stops following until it is back in view or asked to.
  const bool gliding = listen_glide_started_ >= 0 && now_ - listen_glide_started_ < kGlideSeconds &&
                       std::abs(position_.scroll_y() - listen_scroll_target_) > 1;
  const bool before_in_view = before && (sentence_in_view(*before, position_.scroll_y()) ||
                                         (gliding && sentence_in_view(*before, listen_scroll_target_)));
  if (!listening_.at(n)) return {{"ok", false}};
  redraw_ = true;
  const digest::SpokenSentence* now = listening_.current();
  if (!now) return {{"ok", true}, {"following", true}, {"marks", host::Json::array()}};
  if (before && !before_in_view) listening_.following = false;
  if (!listening_.following && sentence_in_view(*now, position_.scroll_y())) listening_.following = true;
  if (listening_.following) follow_sentence(*now);
  host::Json marks = host::Json::array();
  for (const digest::TextLayerMark& mark : digest::text_layer_marks(page_, now->block, now->begin, now->end))
    marks.push_back({{"box", mark.box}, {"from", mark.from}, {"to", mark.to}});
  return {{"ok", true}, {"following", listening_.following}, {"marks", std::move(marks)}};
}

void Viewer::listen_follow() {
  listening_.following = true;
  if (const digest::SpokenSentence* now = listening_.current()) follow_sentence(*now);
  redraw_ = true;
}

// Keeps the sentence in the upper middle of the view: a glide when it is near its
// bottom or out of view, none while it is comfortably in view.
void Viewer::follow_sentence(const digest::SpokenSentence& sentence) {
  const auto [top, bottom] = sentence_band(page_, sentence);
  if (top >= bottom) return;
  const float view = position_.view_height(), y = position_.scroll_y();
  const bool comfortable = top >= y + view * 0.1f && bottom <= y + view * 0.75f;
  if (comfortable) return;
  listen_scroll_target_ = std::max(0.0f, top - view * 0.3f);
  listen_glide_started_ = now_;
  position_.scroll_to(listen_scroll_target_, host::ScrollBehavior::Smooth);
}

void Viewer::stop_listening() {
  if (!listening_.active()) return;
  listening_.stop();
  notify(host::listen_event("stop"));
  redraw_ = true;
}

}  // namespace ui
