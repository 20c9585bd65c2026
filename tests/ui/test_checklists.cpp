// Action checklists in the viewer: boxes on the page, ticks kept through the host's
// record (and moved to a corrected item), the 対策 panel listing exactly the open items
// of the issues read or saved, exports, and a portal turning checklists off.
#include <catch_amalgamated.hpp>

#include <string>
#include <vector>

#include "ui_harness.hpp"

using ui_test::Browser;
using ui_test::Harness;

namespace {

// The issue 2026-11-24's checklist (qr-parking-scam) and 2026-11-25's (two articles).
std::vector<std::string> page_items(Harness& h) {
  std::vector<std::string> out;
  for (const auto& check : h.viewer().page().checks) out.push_back(check.name);
  return out;
}

const ui::SemanticNode* node(Harness& h, std::string_view key) { return h.viewer().semantics().find(key); }

std::vector<const ui::SemanticNode*> checkboxes(Harness& h) {
  std::vector<const ui::SemanticNode*> out;
  for (const ui::SemanticNode& n : h.viewer().semantics().nodes())
    if (n.role == ui::Role::Checkbox) out.push_back(&n);
  return out;
}

void frames(Harness& h, float width = 1280, float height = 800) {
  h.frame(width, height);
  h.frame(width, height);
}

}  // namespace

TEST_CASE("checklist items get boxes; ticks come from the record, follow a corrected item, and are reported",
          "[ui][checklists]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-24"));
  frames(h);
  CHECK(page_items(h) == std::vector<std::string>{"QRコードの上にシールが重ねられていないか確認する",
                                                  "開いたページのアドレスを確認する",
                                                  "不審に思ったら精算機の現金・カード払いを使う"});
  const auto& items = h.viewer().checklists().items();
  REQUIRE(items.size() == 3);
  // The record: one tick by key, one kept under an older wording of the third item.
  const host::Json record = {
      {"site", "https://example.org/digest/"},
      {"checks",
       {{"2026-11-24", "qr-parking-scam", items[0].key, items[0].text},
        {"2026-11-24", "qr-parking-scam", "0123456789abcdef", "不審に思ったら精算機の現金カード払いを使うこと"}}},
      {"lists", host::Json::array()}};
  h.clear_events();
  REQUIRE(h.viewer().set_checklists(record.dump()));
  frames(h);
  const ui::Checklists& lists = h.viewer().checklists();
  CHECK(lists.ticked(0));
  CHECK_FALSE(lists.ticked(1));
  CHECK(lists.ticked(2));
  // The corrected item's tick moves to its key on the device.
  const auto moved = h.events_of("check");
  REQUIRE(moved.size() == 1);
  CHECK(moved[0]["key"] == items[2].key);
  CHECK(moved[0]["replaces"] == "0123456789abcdef");
  CHECK(moved[0]["checked"] == true);
  // The issue's checklist is kept for the panel; the text layer learns the ticks.
  const auto kept = h.events_of("actions");
  REQUIRE(kept.size() == 1);
  CHECK(kept[0]["list"]["articles"][0]["items"].size() == 3);
  const auto ticks = h.events_of("checks");
  REQUIRE_FALSE(ticks.empty());
  CHECK(ticks.back()["ticked"].size() == 2);

  // The text layer's box: untick the first, tick the second.
  h.clear_events();
  CHECK(h.viewer().set_check("2026-11-24", "qr-parking-scam", items[0].key, false));
  CHECK(h.viewer().set_check("2026-11-24", "qr-parking-scam", items[1].key, true));
  CHECK_FALSE(h.viewer().set_check("2026-11-24", "qr-parking-scam", "no-such-key", true));
  CHECK_FALSE(h.viewer().set_check("2026-11-24", "another-article", items[1].key, true));
  CHECK_FALSE(lists.ticked(0));
  CHECK(lists.ticked(1));
  const auto changes = h.events_of("check");
  REQUIRE(changes.size() == 2);
  CHECK(changes[0]["checked"] == false);
  CHECK(changes[1]["checked"] == true);
  CHECK(changes[1]["text"] == "開いたページのアドレスを確認する");
  // The same text layer HTML names each box by article and key.
  h.viewer().text_layer_pieces_json();
  const std::string layer = h.viewer().text_layer_piece_html(0) + h.viewer().text_layer_piece_html(1) +
                            h.viewer().text_layer_piece_html(2);
  CHECK(layer.find("data-check=\"qr-parking-scam/" + items[1].key + "\"") != std::string::npos);
}

TEST_CASE("the 対策 panel lists exactly the open items of the issues read or saved, and exports them",
          "[ui][checklists]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  frames(h);
  const std::vector<std::string> newest = page_items(h);
  REQUIRE(newest.size() == 6);
  // Read: an article of 2026-11-25 and of 2026-11-24; the record knows 2026-11-24's list
  // with one item ticked, and 2026-11-23's (neither read nor saved).
  REQUIRE(h.viewer().set_reading(
      R"({"read":[["2026-11-25","local-llm-office"],["2026-11-24","qr-parking-scam"]],"newSince":null,"unfinished":null})"));
  const host::Json older = {{"issue", "2026-11-24"},
                            {"date", "2026-11-24"},
                            {"title", "Tech Digest"},
                            {"articles",
                             {{{"id", "qr-parking-scam"},
                               {"title", "駐車場のQRコード詐欺"},
                               {"items", {{{"key", "k1"}, {"text", "シールを確かめる"}}, {{"key", "k2"}, {"text", "アドレスを確かめる"}}}}}}}};
  const host::Json unread = {{"issue", "2026-11-23"},
                             {"date", "2026-11-23"},
                             {"title", "Tech Digest"},
                             {"articles", {{{"id", "a"}, {"title", "t"}, {"items", {{{"key", "k"}, {"text", "読んでいない号"}}}}}}}};
  const host::Json record = {{"site", "https://example.org/digest/"},
                             {"checks", {{"2026-11-24", "qr-parking-scam", "k1", "シールを確かめる"}}},
                             {"lists", {older, unread}}};
  REQUIRE(h.viewer().set_checklists(record.dump()));
  const auto bar = [&] { return node(h, "bar.actions"); };
  frames(h);
  REQUIRE(bar());
  CHECK(bar()->name == "対策");
  CHECK(bar()->expanded == ui::Flag::Off);
  REQUIRE(h.key("x"));
  frames(h);
  REQUIRE(node(h, "actions"));
  CHECK(node(h, "actions")->role == ui::Role::Dialog);
  CHECK(node(h, "actions")->name == "対策");
  CHECK(bar()->expanded == ui::Flag::On);
  // Exactly: the newest issue's six, then 2026-11-24's open one; not the unread issue's.
  std::vector<std::string> listed;
  for (const auto* box : checkboxes(h)) {
    CHECK(box->checked == ui::Flag::Off);
    listed.push_back(box->name);
  }
  std::vector<std::string> expected = newest;
  expected.push_back("アドレスを確かめる");
  CHECK(listed == expected);
  CHECK(node(h, "actions.count")->name == "未完了の対策 7件(読んだ号と保存した号から)");
  CHECK(node(h, "actions.open")->name == "未完了の対策 7件");
  // A phone's bar keeps 対策 with its count (help folds into 表示 first).
  frames(h, 360, 700);
  REQUIRE(bar());
  CHECK(bar()->rect.x + bar()->rect.width <= 360);
  frames(h);

  // Ticking in the panel takes the item off the list and keeps the tick.
  h.clear_events();
  const ui::SemanticNode* last = checkboxes(h).back();
  CHECK(h.viewer().activate(last->key)["ok"] == true);
  frames(h);
  CHECK(checkboxes(h).size() == 6);
  REQUIRE(h.events_of("check").size() == 1);
  CHECK(h.events_of("check")[0]["key"] == "k2");

  // Exports hold what is listed, with links to the articles.
  h.clear_events();
  CHECK(h.viewer().activate("actions.export.markdown.copy")["ok"] == true);
  CHECK(h.viewer().activate("actions.export.csv.download")["ok"] == true);
  const auto exports = h.events_of("export");
  REQUIRE(exports.size() == 2);
  const std::string md = exports[0]["text"];
  CHECK(exports[0]["to"] == "copy");
  CHECK(md.rfind("# 対策リスト(未完了 6件)\n", 0) == 0);
  for (const std::string& item : newest) CHECK(md.find("- [ ] " + item) != std::string::npos);
  CHECK(md.find("https://example.org/digest/?issue=2026-11-25#router-firmware-backdoor") != std::string::npos);
  CHECK(exports[1]["name"] == "対策-2026-11-25.csv");
  CHECK(exports[1]["to"] == "download");

  // An article's row opens it; Esc closes the panel.
  h.clear_events();
  CHECK(h.viewer().activate("actions.article.2026-11-25.ci-secret-leak")["ok"] == true);
  frames(h);
  CHECK_FALSE(node(h, "actions"));
  REQUIRE(h.key("x"));
  frames(h);
  REQUIRE(h.key("Escape"));
  frames(h);
  CHECK_FALSE(node(h, "actions"));

  // Saving the unread issue lists its open item too, and the bar's count shows it.
  h.viewer().take_redraw();
  h.viewer().set_offline_status(R"({"online": true, "supported": true, "saved": ["2026-11-23.json"]})");
  CHECK(h.viewer().take_redraw());
  frames(h);
  CHECK(node(h, "actions.open")->name == "未完了の対策 7件");
  CHECK(h.viewer().open_actions().back().issue == "2026-11-23");
}

TEST_CASE("the 対策 button is in a phone's bar or its 表示 menu; a portal can turn checklists off",
          "[ui][checklists]") {
  Browser browser;
  Harness h(browser);
  REQUIRE(h.load_fixture_index());
  REQUIRE(h.open_fixture("2026-11-25"));
  for (float width : {320.0f, 360.0f, 412.0f, 1280.0f}) {
    INFO(width << " px");
    frames(h, width, 700);
    const bool in_bar = node(h, "bar.actions") != nullptr;
    if (!in_bar) {
      REQUIRE(h.key("d"));
      frames(h, width, 700);
      CHECK(node(h, "display.actions"));
      REQUIRE(h.key("Escape"));
    }
    if (width >= 360) CHECK(in_bar);
  }
  REQUIRE(h.app().set_embed(R"({"embedded":true,"checklists":false})")["ok"] == true);
  frames(h);
  CHECK(h.viewer().page().checks.empty());
  CHECK_FALSE(h.key("x"));
  CHECK_FALSE(h.viewer().set_check("2026-11-25", "ci-secret-leak", h.viewer().checklists().items()[0].key, true));
  h.viewer().text_layer_pieces_json();
  CHECK(h.viewer().text_layer_piece_html(0).find("checkbox") == std::string::npos);
}
