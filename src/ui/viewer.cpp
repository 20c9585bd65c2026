#include "ui/viewer.hpp"

#include <imgui.h>

#include "core/utf8.hpp"

namespace ui {

namespace {

// Measures with the current ImGui font at its current size.
class ImGuiMeasure final : public digest::TextMeasure {
 public:
  ImGuiMeasure() : baked_(ImGui::GetFontBaked()) {}
  float advance(char32_t cp) const override {
    return cp > 0xFFFF && sizeof(ImWchar) == 2 ? baked_->GetCharAdvance(0xFFFD)
                                               : baked_->GetCharAdvance(static_cast<ImWchar>(cp));
  }

 private:
  ImFontBaked* baked_;
};

}  // namespace

bool Viewer::open_issue(std::string_view json) {
  digest::IssueLoadResult result = digest::load_issue(json);
  if (!result.ok()) {
    error_.clear();
    for (const auto& p : result.problems) {
      if (p.severity != digest::Severity::Error) continue;
      error_ = p.to_string();
      break;
    }
    return false;
  }
  issue_ = std::move(result.issue);
  has_issue_ = true;
  error_.clear();
  titles_.clear();
  order_ = issue_.reading_order();
  for (size_t i : order_) titles_.push_back(WrappedText{issue_.articles[i].title, -1, 0, {}});
  return true;
}

void Viewer::draw_wrapped(WrappedText& wrapped, float width) {
  float size = ImGui::GetFontSize();
  if (wrapped.width != width || wrapped.font_size != size) {
    wrapped.lines = digest::break_lines(wrapped.text, ImGuiMeasure(), width);
    wrapped.width = width;
    wrapped.font_size = size;
  }
  for (const auto& line : wrapped.lines) {
    ImGui::TextUnformatted(wrapped.text.data() + line.begin, wrapped.text.data() + line.end);
  }
}

void Viewer::draw(float width, float height) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin("digest", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  // A comfortable measure: about 40 Japanese characters per line, centred.
  const float base = ImGui::GetFontSize();
  const float column = width - 2 * ImGui::GetStyle().WindowPadding.x < base * 40 ? width - 2 * ImGui::GetStyle().WindowPadding.x
                                                                                   : base * 40;
  const float indent = (width - column) * 0.5f;
  ImGui::SetCursorPosX(indent);
  ImGui::BeginGroup();
  if (!has_issue_) {
    ImGui::TextUnformatted(error_.empty() ? "Loading…" : error_.c_str());
  } else {
    ImGui::PushFont(nullptr, base * 1.6f);
    ImGui::TextUnformatted(issue_.title.empty() ? "Digest" : issue_.title.c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s", issue_.date.c_str());
    // A rule as wide as the text column (ImGui's separator spans the whole window).
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + column, at.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(column, 1));
    for (size_t k = 0; k < titles_.size(); ++k) {
      const digest::Article& a = issue_.articles[order_[k]];
      ImGui::Spacing();
      if (const digest::Category* c = issue_.find_category(a.category)) {
        ImGui::TextDisabled("%s", c->label.c_str());
      }
      ImGui::PushFont(nullptr, base * 1.15f);
      draw_wrapped(titles_[k], column);
      ImGui::PopFont();
    }
  }
  ImGui::EndGroup();
  ImGui::End();
}

}  // namespace ui
