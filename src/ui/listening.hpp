// 読み上げ in the viewer: the sentences handed to the host's speech so far (numbered
// from 0 for this reading), which one is being spoken (painted behind the text, and
// followed by the page), and the page each refers to. The speech itself is the host's
// (web/listen.js): it asks for sentences a few at a time and says which one started.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/issue.hpp"
#include "core/page_layout.hpp"
#include "core/spoken.hpp"
#include "platform/host_protocol.hpp"

namespace ui {

class Listening {
 public:
  // A new reading: from a kept place (`part`: an article's id, "" the masthead,
  // "afterword"; `ordinal` its sentence) or, when ordinal < 0 or the place is gone, from
  // the first block reaching below `screen_top`. Answers the first `count` sentences
  // (sentences_json).
  host::Json start(const digest::Issue& issue, const digest::PageLayout& page, std::string_view part, long ordinal,
                   float screen_top, size_t count);
  // The next `count` sentences: {"sentences":[...],"end":bool}; end once the page is
  // complete and read to its end (an empty list before that: ask again later).
  host::Json more(const digest::Issue& issue, const digest::PageLayout& page, bool page_complete, size_t count);
  // Sentence n is being spoken (-1: none, the reading is over). False for an n not given.
  bool at(long n);
  void stop();
  bool active() const { return active_; }
  // The sentence being spoken, or null.
  const digest::SpokenSentence* current() const;
  // The page was laid out again: the sentences given keep their numbers and words and
  // take their places on the new page (found by part and ordinal).
  void page_changed(const digest::PageLayout& page);

  // Whether the page follows the voice: off once the reader scrolls the sentence out of
  // view, on again when it is back in view or the reader asks (読み上げ位置へ戻る).
  bool following = true;

 private:
  host::Json sentence_json(const digest::Issue& issue, size_t n) const;

  bool active_ = false;
  std::vector<digest::SpokenSentence> given_;
  std::unique_ptr<digest::SpokenCursor> cursor_;
  long current_ = -1;
};

// The page band [top, bottom) of the lines a sentence lights (top > bottom when its
// bytes are not on this page).
std::pair<float, float> sentence_band(const digest::PageLayout& page, const digest::SpokenSentence& sentence);

}  // namespace ui
