#include "ui/listening.hpp"

#include <algorithm>

namespace ui {

std::pair<float, float> sentence_band(const digest::PageLayout& page, const digest::SpokenSentence& sentence) {
  float top = 1e30f, bottom = -1e30f;
  for (size_t b = sentence.block; b < page.blocks.size() && sentence.begin < sentence.end; ++b) {
    const digest::PageBlock& block = page.blocks[b];
    if (block.check >= 0 || block.line_count == 0) continue;
    for (uint32_t k = 0; k < block.line_count; ++k) {
      const digest::PageBlockLine& line = page.block_lines[block.first_line + k];
      if (!line.span_count) continue;
      const uint32_t first = page.spans[line.first_span].begin;
      const uint32_t last = page.spans[line.first_span + line.span_count - 1].end;
      if (k == 0 && first >= sentence.end) return {top, bottom};  // blocks follow in text order
      if (first >= sentence.end || last <= sentence.begin) continue;
      top = std::min(top, block.y + static_cast<float>(k) * block.line_height);
      bottom = std::max(bottom, block.y + static_cast<float>(k + 1) * block.line_height);
    }
  }
  return {top, bottom};
}

namespace {

int32_t part_index(const digest::Issue& issue, std::string_view id) {
  if (id.empty()) return digest::kMastheadPart;
  if (id == digest::kAfterwordId) return digest::kAfterwordPart;
  for (size_t i = 0; i < issue.articles.size(); ++i)
    if (issue.articles[i].id == id) return static_cast<int32_t>(i);
  return -3;  // not in this issue
}

// What a lock screen shows as the title while a part is read.
std::string part_title(const digest::Issue& issue, int32_t part) {
  if (part >= 0) return issue.articles[part].title;
  if (part == digest::kAfterwordPart && issue.afterword && !issue.afterword->title.empty())
    return issue.afterword->title;
  if (part == digest::kAfterwordPart) return std::string(digest::kDefaultAfterwordTitle);
  return issue.title;
}

}  // namespace

host::Json Listening::sentence_json(const digest::Issue& issue, size_t n) const {
  const digest::SpokenSentence& s = given_[n];
  return host::Json{{"n", n},
                    {"text", s.speech},
                    {"pauseMs", s.pause_ms},
                    {"part", digest::part_id(issue, s.article)},
                    {"ordinal", s.ordinal},
                    {"heading", s.heading},
                    {"title", part_title(issue, s.article)}};
}

host::Json Listening::start(const digest::Issue& issue, const digest::PageLayout& page, std::string_view part,
                            long ordinal, float screen_top, size_t count) {
  given_.clear();
  current_ = -1;
  active_ = true;
  following = true;
  const int32_t index = ordinal >= 0 ? part_index(issue, part) : -3;
  const size_t part_block = index >= -2 ? digest::spoken_part_block(page, index) : page.blocks.size();
  if (part_block < page.blocks.size()) {
    // The kept sentence, or the first after it the page still has.
    cursor_ = std::make_unique<digest::SpokenCursor>(page, part_block);
    std::vector<digest::SpokenSentence> batch;
    while (!cursor_->done()) {
      batch = cursor_->next(32);
      auto kept = std::find_if(batch.begin(), batch.end(), [&](const digest::SpokenSentence& s) {
        return s.article != index || s.ordinal >= static_cast<uint32_t>(ordinal);
      });
      if (kept == batch.end()) continue;
      given_.assign(kept, batch.end());
      break;
    }
  } else {
    cursor_ = std::make_unique<digest::SpokenCursor>(page, digest::spoken_start_block(page, screen_top));
  }
  host::Json answer = more(issue, page, false, count > given_.size() ? count - given_.size() : 0);
  answer["sentences"] = host::Json::array();
  for (size_t n = 0; n < given_.size(); ++n) answer["sentences"].push_back(sentence_json(issue, n));
  return answer;
}

host::Json Listening::more(const digest::Issue& issue, const digest::PageLayout& page, bool page_complete,
                           size_t count) {
  host::Json sentences = host::Json::array();
  if (active_ && cursor_ && count) {
    const size_t first = given_.size();
    for (digest::SpokenSentence& s : cursor_->next(count)) given_.push_back(std::move(s));
    for (size_t n = first; n < given_.size(); ++n) sentences.push_back(sentence_json(issue, n));
  }
  return host::Json{{"sentences", std::move(sentences)},
                    {"end", !active_ || !cursor_ || (page_complete && cursor_->done())}};
}

bool Listening::at(long n) {
  if (n < 0) {
    stop();
    return true;
  }
  if (!active_ || static_cast<size_t>(n) >= given_.size()) return false;
  current_ = n;
  return true;
}

void Listening::stop() {
  active_ = false;
  given_.clear();
  cursor_.reset();
  current_ = -1;
  following = true;
}

const digest::SpokenSentence* Listening::current() const {
  return active_ && current_ >= 0 && static_cast<size_t>(current_) < given_.size() ? &given_[current_] : nullptr;
}

void Listening::page_changed(const digest::PageLayout& page) {
  if (!active_ || given_.empty()) return;
  // The same sentences, read again from the first given one's part on the new page;
  // each given one takes its new bytes, and the cursor goes on after the last (given
  // sentences end where a block does, and next(1) reads one block).
  const digest::SpokenSentence& first = given_.front();
  cursor_ = std::make_unique<digest::SpokenCursor>(page, digest::spoken_part_block(page, first.article));
  size_t matched = 0;
  while (matched < given_.size() && !cursor_->done()) {
    for (digest::SpokenSentence& s : cursor_->next(1)) {
      if (matched == 0 && (s.article != first.article || s.ordinal < first.ordinal)) continue;
      if (matched == given_.size()) break;  // (given sentences end with a block: not reached)
      digest::SpokenSentence& old = given_[matched];
      old.block = s.block;
      old.begin = s.begin;
      old.end = s.end;
      ++matched;
    }
  }
  if (matched < given_.size()) {
    // The page is not all there yet (a layout in parts): light nothing until it is.
    for (size_t n = matched; n < given_.size(); ++n) given_[n].begin = given_[n].end = 0;
  }
}

}  // namespace ui
