// Preview cards (1200×630 PNG) for link unfurls: the article's title set in the
// viewer's font, broken into lines by the core's Japanese line breaker, rasterised
// with stb_truetype (from Dear ImGui's sources; no ImGui itself).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "card/png.hpp"
#include "core/issue.hpp"
#include "core/outline.hpp"

namespace card {

class Face;

class CardRenderer {
 public:
  CardRenderer();
  ~CardRenderer();
  // TrueType/OpenType (TTF) bytes of the regular and bold weights.
  bool load_fonts(std::vector<uint8_t> regular, std::vector<uint8_t> bold, std::string& error);

  // `site_label` is printed in a corner ("digest.example").
  // One article of `outline` (make_outline of the issue, made once for all its cards).
  Image article_card(const digest::Issue& issue, const digest::Outline& outline, const digest::OutlineArticle& entry,
                     const std::string& site_label);
  Image issue_card(const digest::Outline& outline, const std::string& site_label);

  // Characters drawn so far that neither weight has (left out of the card; the
  // command says which).
  const std::set<char32_t>& missing() const { return missing_; }

 private:
  std::unique_ptr<Face> regular_, bold_;
  std::set<char32_t> missing_;
  friend class Canvas;
};

}  // namespace card
