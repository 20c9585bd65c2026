// Where the reader is on the page: the scroll position (owned by the host's native
// scroller, mirrored here), the article shown, a pending jump (URL fragment, resume,
// Back/Forward), and the glide after j/k or a contents click. No ImGui: tested natively.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/issue.hpp"
#include "core/page_layout.hpp"
#include "platform/host_protocol.hpp"

namespace ui {

class ReadingPosition {
 public:
  using Notify = std::function<void(const host::Json& event)>;
  explicit ReadingPosition(Notify notify) : notify_(std::move(notify)) {}

  // The page and issue positions refer to; called after every layout.
  void attach(const digest::PageLayout* page, const digest::Issue* issue) {
    page_ = page;
    issue_ = issue;
  }
  void set_view_height(float height) { view_height_ = height; }
  float view_height() const { return view_height_; }
  float scroll_y() const { return scroll_y_; }

  // Asks the host to scroll; an instant move is drawn at once.
  void scroll_to(float y, host::ScrollBehavior behavior);
  // The host's scroller moved.
  void set_scroll(float y);
  void clamp();
  // A new page (issue or filter): its top, and the article is reported afresh.
  void to_top();

  // The article whose top has passed a point a little below the top of the view: the
  // index into Issue::articles, -1 above the first article, kAfterword past the last
  // (the afterword's top has passed that point, or it is in view at the page's end).
  static constexpr int kAfterword = digest::kAfterwordPart;
  int current_article() const;
  // "<article id>@<fraction into the article>", or "" above the first article: where
  // the reader is, in a form that survives relayout at another width or text size.
  std::string place() const;

  // A jump to make once the page is laid out: "<id>" (article or sub-section) or a
  // place() string. Applied by apply_pending().
  void request(std::string target) { pending_ = std::move(target); }
  bool has_pending() const { return !pending_.empty(); }
  void apply_pending();

  // j/k: glide to the next or previous article and add a history entry.
  void move_article(int step, double now);
  // A contents entry: glide to the article at `anchor` (index into page anchors).
  void glide_to_anchor(size_t anchor, double now);
  // Reports the article under the reader when it changes (not while gliding, so the
  // address does not flicker through the articles passed on the way).
  void track(double now);

 private:
  float max_scroll() const;

  Notify notify_;
  const digest::PageLayout* page_ = nullptr;
  const digest::Issue* issue_ = nullptr;
  float scroll_y_ = 0;
  float view_height_ = 0;
  std::string pending_;
  int reported_article_ = kNothingReported;
  static constexpr int kNothingReported = -3;
  int gliding_to_ = -1;  // an article index, kAfterword, or -1
  double glide_started_ = 0;
};

}  // namespace ui
