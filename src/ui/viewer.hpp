// The reader's screens, drawn with Dear ImGui from the core's model.
// Parsing happens in open_issue(); draw() only lays out (cached per width) and draws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/line_layout.hpp"

namespace ui {

class Viewer {
 public:
  // Loads an issue; on failure keeps the current one and sets error().
  bool open_issue(std::string_view json);
  void draw(float width, float height);

  const std::string& error() const { return error_; }
  const digest::Issue* issue() const { return has_issue_ ? &issue_ : nullptr; }

 private:
  struct WrappedText {
    std::string text;
    float width = -1;  // the width the lines were computed for
    float font_size = 0;
    std::vector<digest::LineSpan> lines;
  };
  void draw_wrapped(WrappedText& wrapped, float width);

  digest::Issue issue_;
  bool has_issue_ = false;
  std::string error_;
  std::vector<size_t> order_;        // article indices in reading order
  std::vector<WrappedText> titles_;  // one per article, in reading order
};

}  // namespace ui
