// The line breaker with a fixed-width fake measurer: every character is one unit, so
// a width of N means N characters per line.
#include <catch_amalgamated.hpp>

#include "core/line_layout.hpp"
#include "core/phrases.hpp"
#include "core/utf8.hpp"

using namespace digest;

namespace {

class FixedMeasure final : public TextMeasure {
 public:
  float advance(char32_t cp) const override { return cell_width(cp) == 0 ? 0.0f : 1.0f; }
};

// The legal breaks alone (PhraseBreaks::Off) unless a test asks for phrases.
std::vector<std::string> wrap(std::string_view text, float width, PhraseBreaks phrases = PhraseBreaks::Off) {
  LineBreakOptions options;
  options.phrases = phrases;
  std::vector<std::string> out;
  for (const auto& line : break_lines(text, FixedMeasure(), width, options))
    out.emplace_back(text.substr(line.begin, line.end - line.begin));
  return out;
}

constexpr PhraseBreaks kAllModes[] = {PhraseBreaks::Off, PhraseBreaks::Body, PhraseBreaks::Heading};

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("Japanese breaks between any two characters", "[layout]") {
  CHECK(wrap("あいうえおかきく", 3) == Lines{"あいう", "えおか", "きく"});
}

TEST_CASE("closing punctuation and small kana never start a line", "[layout][kinsoku]") {
  CHECK(wrap("あいう。えお", 3) == Lines{"あい", "う。え", "お"});
  CHECK(wrap("あいう」えお", 3) == Lines{"あい", "う」え", "お"});
  CHECK(wrap("あいっかき", 2) == Lines{"あ", "いっ", "かき"});
  CHECK(wrap("データー", 3) == Lines{"デー", "ター"});
  for (const auto& line : wrap("セキュリティ、ゼロトラスト。「封じ込め」が重要です!", 4)) {
    size_t i = 0;
    char32_t first = utf8_next(line, i);
    INFO(line);
    CHECK(std::u32string_view(U"、。」ーィッ!").find(first) == std::u32string_view::npos);
  }
}

TEST_CASE("opening brackets never end a line", "[layout][kinsoku]") {
  CHECK(wrap("あいう「えお", 4) == Lines{"あいう", "「えお"});
}

TEST_CASE("Latin words, numbers and URLs are not broken", "[layout]") {
  CHECK(wrap("VMware ESXiの脆弱性", 7) == Lines{"VMware", "ESXiの脆弱", "性"});
  CHECK(wrap("約70万人に影響", 3) == Lines{"約70", "万人に", "影響"});
  CHECK(wrap("見る https://example.com/a 参照", 22) == Lines{"見る", "https://example.com/a", "参照"});
  CHECK(wrap("CVE-2026-12345を修正", 14) == Lines{"CVE-2026-12345", "を修正"});
}

TEST_CASE("a token longer than the line is split instead of overflowing", "[layout]") {
  CHECK(wrap("abcdefghij", 4) == Lines{"abcd", "efgh", "ij"});
}

TEST_CASE("newlines break, spaces at a break are dropped", "[layout]") {
  CHECK(wrap("one two\nthree", 20) == Lines{"one two", "three"});
  CHECK(wrap("one two", 4) == Lines{"one", "two"});
  CHECK(wrap("", 10) == Lines{""});
  CHECK(wrap("a\n", 10) == Lines{"a", ""});
}

TEST_CASE("emoji sequences stay whole", "[layout]") {
  // 👩‍💻 is three code points joined by ZWJ; ✒️ carries a variation selector.
  CHECK(wrap("あ👩\u200D💻い✒️う", 2) == Lines{"あ👩\u200D💻", "い✒️", "う"});
}

TEST_CASE("no line starts with a forbidden character at any width", "[layout][kinsoku]") {
  const std::string text =
      "攻撃者は一点の脆弱性を、防御側は全面を。この非対称性は「サイバーセキュリティ」における永遠の課題である。"
      "プロキシの誤設定が悪用され、高価なLLMサービスが搾取される(らしい)。ちょっと待って!";
  const std::u32string_view forbidden = U"、。，．」』）】〕・ーぁぃぅぇぉっゃゅょァィゥェォッャュョ！？)!?";
  for (PhraseBreaks mode : kAllModes) {
    for (int width = 3; width <= 40; ++width) {
      auto lines = wrap(text, static_cast<float>(width), mode);
      for (size_t k = 1; k < lines.size(); ++k) {
        size_t i = 0;
        char32_t first = utf8_next(lines[k], i);
        INFO("mode " << static_cast<int>(mode) << ", width " << width << ": " << lines[k]);
        CHECK(forbidden.find(first) == std::u32string_view::npos);
      }
    }
  }
}

TEST_CASE("hanging punctuation lets 、 and 。 hang instead of pushing", "[layout][kinsoku]") {
  LineBreakOptions hang;
  hang.hanging_punctuation = true;
  auto wrap_hanging = [&](std::string_view text, float width) {
    std::vector<std::string> out;
    for (const auto& line : break_lines(text, FixedMeasure(), width, hang))
      out.emplace_back(text.substr(line.begin, line.end - line.begin));
    return out;
  };
  hang.phrases = PhraseBreaks::Off;
  CHECK(wrap("あいう。えお", 3) == Lines{"あい", "う。え", "お"});  // pushed by default
  CHECK(wrap_hanging("あいう。えお", 3) == Lines{"あいう。", "えお"});
  CHECK(wrap_hanging("あいう、。えお", 3) == Lines{"あい", "う、。", "えお"});  // only one may hang
  CHECK(wrap_hanging("あいう」えお", 3) == Lines{"あい", "う」え", "お"});      // brackets never hang
  auto lines = break_lines("あいう。えお", FixedMeasure(), 3, hang);
  CHECK(lines[0].width == 4);  // the hanging glyph sits past the measure
}

namespace {

// Runs that may not be broken anywhere inside (with the character before them that a
// forbidden line start glues on): small kana and 、 chained, ？！」』 in a cluster, a row
// of closing brackets, and the inseparable ……/――.
struct StressRun {
  std::string run;     // as it appears in the text
  std::string before;  // text in front of it (ends where a break is allowed)
};

const StressRun kStressRuns[] = {
    {"行、っ、ゃ、ゅ、ょ、ッ、ャ、ュ、ョ、ァ、ィ、ゥ、ェ、ォ", "小さな仮名の連なり"},
    {"に？！」』", "本当"},
    {"続」」」」」」」」」」」」」」」」」」」」」」」」", "閉じ括弧の連"},
    {"……", "そして"},
    {"――", "そして"},
};

float width_of(std::string_view text) {
  float w = 0;
  for (size_t i = 0; i < text.size();) w += FixedMeasure().advance(utf8_next(text, i));
  return w;
}

}  // namespace

TEST_CASE("a run that cannot be split legally moves to the next line whole", "[layout][kinsoku]") {
  for (const StressRun& s : kStressRuns) {
    const std::string text = s.before + s.run + "が続きます。";
    const float run_width = width_of(s.run);
    for (int width = static_cast<int>(run_width); width <= 40; ++width) {
      INFO(s.run << " at width " << width);
      // The run fits on a line: it is never split, so it appears whole in one line.
      bool whole = false;
      for (const auto& line : wrap(text, static_cast<float>(width)))
        whole = whole || line.find(s.run) != std::string::npos;
      CHECK(whole);
    }
  }
}

TEST_CASE("a run that fits a line moves whole wherever it falls, with or without hanging punctuation",
          "[layout][kinsoku]") {
  // The run after any amount of text before it, in terminal cells (CJK two wide) as
  // `digest render` measures, and in a fixed width.
  const CellMeasure cells;
  const FixedMeasure fixed;
  for (bool hanging : {false, true}) {
    LineBreakOptions options;
    options.hanging_punctuation = hanging;
    for (const TextMeasure* measure : {static_cast<const TextMeasure*>(&cells), static_cast<const TextMeasure*>(&fixed)}) {
      for (const StressRun& s : kStressRuns) {
        float run_width = 0;
        for (size_t i = 0; i < s.run.size();) run_width += measure->advance(utf8_next(s.run, i));
        for (int prefix = 0; prefix < 30; ++prefix) {
          std::string text;
          for (int p = 0; p < prefix; ++p) text += "あ";
          text += s.run + "が続きます。";
          for (int width = static_cast<int>(run_width) + 1; width <= 80; ++width) {
            bool whole = false;
            for (const auto& line : break_lines(text, *measure, static_cast<float>(width), options))
              whole = whole || text.compare(line.begin, s.run.size(), s.run) == 0 ||
                      std::string_view(text).substr(line.begin, line.end - line.begin).find(s.run) != std::string::npos;
            INFO(s.run << " after " << prefix << " chars at width " << width << (hanging ? " hanging" : "")
                       << (measure == &cells ? " cells" : " fixed"));
            CHECK(whole);
          }
        }
      }
    }
  }
}

TEST_CASE("random text: a line starts with a forbidden character only where its run is wider than a line",
          "[layout][kinsoku]") {
  // Pieces the digest's text is made of, strung together at random (fixed seed).
  const char* pieces[] = {"あ", "漢", "カ", "、", "。", "ッ", "ャ", "ー", "」", "』", "）", "！", "？", "「", "（",
                          "……", "Wi-Fi", "v2.5", "API", " ", "・", "ょ", "ゃ", "、", "、"};
  const std::u32string_view forbidden = U"、。，．」』）】〕・ーぁぃぅぇぉっゃゅょァィゥェォッャュョ！？)!?";
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  const CellMeasure cells;
  int violations = 0;
  std::string example;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int count = 20 + static_cast<int>(next() % 80);
    for (int i = 0; i < count; ++i) text += pieces[(next() >> 8) % std::size(pieces)];
    const std::vector<size_t> opportunities = break_opportunities(text);
    for (int variant = 0; variant < 6; ++variant) {
      const bool hanging = variant % 2;
      LineBreakOptions options;
      options.hanging_punctuation = hanging;
      options.phrases = kAllModes[variant / 2];
      for (int width = 16; width <= 60; width += 3) {
        const auto lines = break_lines(text, cells, static_cast<float>(width), options);
        for (size_t k = 1; k < lines.size(); ++k) {
          size_t i = lines[k].begin;
          const char32_t first = utf8_next(text, i);
          if (forbidden.find(first) == std::u32string_view::npos) continue;
          // The unbreakable run around this line start: back to an allowed break, on to
          // the next one. Were it no wider than a line, it should have moved whole.
          const std::string around = text.substr(lines[k - 1].begin, lines[k].end - lines[k - 1].begin);
          size_t from = 0, to = text.size();
          for (size_t at : opportunities) {
            if (at <= lines[k].begin) from = at;
            if (at > lines[k].begin) {
              to = at;
              break;
            }
          }
          // Spaces before the next opportunity are dropped at a break: not counted.
          std::string_view unit = std::string_view(text).substr(from, to - from);
          while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
          float run = 0;
          for (size_t j = 0; j < unit.size();) run += cells.advance(utf8_next(unit, j));
          if (run <= static_cast<float>(width)) {
            ++violations;
            if (example.empty()) example = std::to_string(width) + (hanging ? " hanging: " : ": ") + around;
          }
        }
      }
    }
  }
  INFO(example);
  CHECK(violations == 0);
}

TEST_CASE("a run longer than the line is split where it must, filling lines, never one character a line",
          "[layout][kinsoku]") {
  for (const StressRun& s : kStressRuns) {
    const std::string text = s.before + s.run + "が続きます。";
    for (int width = 4; width <= 40; ++width) {
      const auto spans = break_lines(text, FixedMeasure(), static_cast<float>(width));
      INFO(s.run << " at width " << width);
      for (size_t k = 0; k + 1 < spans.size(); ++k) {
        // Every line but the last is at least half full -- unless the run moved whole
        // to the next line: a forbidden line start is avoided by moving the run, or
        // by splitting it where the line is full, never by peeling off one character.
        INFO("line " << k << ": " << text.substr(spans[k].begin, spans[k].end - spans[k].begin));
        const bool run_moved = text.compare(spans[k + 1].begin, s.run.size(), s.run) == 0;
        CHECK((run_moved || spans[k].width * 2 >= static_cast<float>(width)));
      }
    }
  }
}

TEST_CASE("…… and ―― are never split", "[layout]") {
  auto ends_with = [](const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  for (int width = 2; width <= 12; ++width) {
    const auto lines = wrap("そして……沈黙。それから――静寂。", static_cast<float>(width));
    for (size_t k = 0; k + 1 < lines.size(); ++k) {
      INFO("width " << width << ": " << lines[k] << " / " << lines[k + 1]);
      CHECK_FALSE((ends_with(lines[k], "…") && lines[k + 1].rfind("…", 0) == 0));
      CHECK_FALSE((ends_with(lines[k], "―") && lines[k + 1].rfind("―", 0) == 0));
    }
  }
}

// Phrases: BudouX's Japanese model picks the boundaries (src/core/phrases.hpp); the
// expected phrases are what the budoux package's own parser gives for these sentences
// (tests/cli/phrases.test.mjs compares the two on every sample issue).
TEST_CASE("phrase boundaries are BudouX's", "[layout][phrases]") {
  auto phrases = [](std::string_view text) {
    std::vector<std::string> out;
    size_t from = 0;
    for (size_t at : phrase_starts(text)) {
      out.emplace_back(text.substr(from, at - from));
      from = at;
    }
    out.emplace_back(text.substr(from));
    return out;
  };
  CHECK(phrases("今日は天気です。") == Lines{"今日は", "天気です。"});
  CHECK(phrases("Microsoftが新たなセキュリティ機能を発表した。利用者は設定を見直す必要がある。") ==
        Lines{"Microsoftが", "新たな", "セキュリティ機能を", "発表した。", "利用者は", "設定を", "見直す", "必要が", "ある。"});
  CHECK(phrases("政府は生成AIの利用指針を改定した") == Lines{"政府は", "生成AIの", "利用指針を", "改定した"});
  CHECK(phrases("あ👩\u200D💻い") == Lines{"あ👩\u200D💻い"});
  CHECK(phrase_starts("").empty());
  CHECK(phrase_starts("\xff\xfe").empty());  // invalid UTF-8 reads as U+FFFD: no scores, no boundary
}

TEST_CASE("headings end lines at phrase boundaries; body text where the line stays three quarters full",
          "[layout][phrases]") {
  const std::string text = "政府は生成AIの利用指針を改定した";  // 政府は|生成AIの|利用指針を|改定した
  // 10 per line: the legal breaks fill each line, splitting 利用指針を.
  CHECK(wrap(text, 10) == Lines{"政府は生成AIの利用", "指針を改定した"});
  // A heading ends at 生成AIの (8 of 10); so does body text (8 >= 7.5).
  CHECK(wrap(text, 10, PhraseBreaks::Heading) == Lines{"政府は生成AIの", "利用指針を改定した"});
  CHECK(wrap(text, 10, PhraseBreaks::Body) == Lines{"政府は生成AIの", "利用指針を改定した"});
  // At 12 a heading still ends at 生成AIの (8 of 12); body text keeps filling the line.
  CHECK(wrap(text, 12, PhraseBreaks::Heading) == Lines{"政府は生成AIの", "利用指針を改定した"});
  CHECK(wrap(text, 12, PhraseBreaks::Body) == Lines{"政府は生成AIの利用指針", "を改定した"});
}

TEST_CASE("kinsoku outranks a phrase boundary", "[layout][phrases][kinsoku]") {
  // BudouX starts a phrase at 「: it may not end a line, so the bracket moves down with it.
  for (PhraseBreaks mode : {PhraseBreaks::Body, PhraseBreaks::Heading}) {
    for (const std::string& line : wrap("攻撃は「ゼロデイ」と呼ばれる。対策は急務だ。", 6, mode)) {
      INFO(line);
      CHECK(line.rfind("」", 0) != 0);
      CHECK(line.rfind("。", 0) != 0);
      CHECK((line.size() < 3 || line.compare(line.size() - 3, 3, "「") != 0));
    }
  }
}

TEST_CASE("no paragraph ends with a lonely character where the line before can give one", "[layout][phrases]") {
  // Filled greedily, 11 per line leaves 。 alone with す: す。 is one character.
  CHECK(wrap("新機能は来月から順次提供されます。", 15) == Lines{"新機能は来月から順次提供されま", "す。"});
  CHECK(lonely_line("す。"));
  CHECK_FALSE(lonely_line("ます。"));
  CHECK_FALSE(lonely_line(""));
  for (PhraseBreaks mode : {PhraseBreaks::Body, PhraseBreaks::Heading}) {
    const Lines lines = wrap("新機能は来月から順次提供されます。", 15, mode);
    INFO(lines.front());
    REQUIRE(lines.size() == 2);
    CHECK_FALSE(lonely_line(lines.back()));
  }
  // Each paragraph of a text with newlines on its own.
  const Lines two = wrap("新機能は来月から順次提供されます。\n新機能は来月から順次提供されます。", 15, PhraseBreaks::Heading);
  REQUIRE(two.size() == 4);
  CHECK_FALSE(lonely_line(two[1]));
  CHECK_FALSE(lonely_line(two[3]));
  // Body text gives up at most half the line before; a heading gives what it takes.
  CHECK(wrap("あいうえお", 4, PhraseBreaks::Body) == Lines{"あいう", "えお"});
  CHECK(wrap("あいABCDEう", 7, PhraseBreaks::Body) == Lines{"あいABCDE", "う"});
  CHECK(wrap("あいABCDEう", 7, PhraseBreaks::Heading) == Lines{"あい", "ABCDEう"});
}
