#include "ui/checklists.hpp"

#include <algorithm>

#include "core/json_document.hpp"

namespace ui {

namespace {

host::Json list_json(const digest::ActionList& list) {
  host::Json articles = host::Json::array();
  for (const auto& article : list.articles) {
    host::Json items = host::Json::array();
    for (const auto& item : article.items) items.push_back({{"key", item.key}, {"text", item.text}});
    articles.push_back({{"id", article.id}, {"title", article.title}, {"items", std::move(items)}});
  }
  return {{"issue", list.issue}, {"date", list.date}, {"title", list.title}, {"articles", std::move(articles)}};
}

// A kept checklist, as stored by any build: what is malformed is left out.
bool parse_list(const host::Json& json, digest::ActionList& out) {
  if (!json.is_object()) return false;
  out.issue = digest::string_member(json, "issue");
  out.date = digest::string_member(json, "date");
  out.title = digest::string_member(json, "title");
  if (out.issue.empty()) return false;
  const auto articles = json.find("articles");
  if (articles == json.end() || !articles->is_array()) return true;
  for (const auto& a : *articles) {
    if (!a.is_object()) continue;
    digest::ActionArticle article{digest::string_member(a, "id"), digest::string_member(a, "title"), {}};
    const auto items = a.find("items");
    if (article.id.empty() || items == a.end() || !items->is_array()) continue;
    for (const auto& item : *items) {
      if (!item.is_object()) continue;
      digest::ActionEntry entry{digest::string_member(item, "key"), digest::string_member(item, "text")};
      if (!entry.key.empty()) article.items.push_back(std::move(entry));
    }
    if (!article.items.empty()) out.articles.push_back(std::move(article));
  }
  return true;
}

bool same_list(const digest::ActionList& a, const digest::ActionList& b) {
  return list_json(a) == list_json(b);
}

}  // namespace

bool Checklists::load(std::string_view json) {
  const auto doc = host::Json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  ticks_.clear();
  lists_.clear();
  ++revision_;
  if (const auto headings = doc.find("headings"); headings != doc.end() && headings->is_array()) {
    digest::ChecklistConfig config;
    config.headings.clear();
    for (const auto& h : *headings)
      if (h.is_string() && !h.get<std::string>().empty()) config.headings.push_back(h.get<std::string>());
    if (!config.headings.empty()) config_ = std::move(config);
  }
  site_ = digest::string_member(doc, "site");
  if (const auto checks = doc.find("checks"); checks != doc.end() && checks->is_array()) {
    for (const auto& c : *checks) {
      if (!c.is_array() || c.size() != 4) continue;
      if (!c[0].is_string() || !c[1].is_string() || !c[2].is_string() || !c[3].is_string()) continue;
      ticks_[c[0].get<std::string>()].push_back(
          Tick{c[1].get<std::string>(), c[2].get<std::string>(), c[3].get<std::string>()});
    }
  }
  if (const auto lists = doc.find("lists"); lists != doc.end() && lists->is_array()) {
    for (const auto& l : *lists) {
      digest::ActionList list;
      if (parse_list(l, list)) lists_[list.issue] = std::move(list);
    }
  }
  loaded_ = true;
  return true;
}

void Checklists::show_issue(const digest::Issue& issue, const Notify& notify) {
  issue_ = issue.id;
  items_ = digest::checklist_items(issue, config_);
  ticked_.assign(items_.size(), false);
  item_articles_.clear();
  for (const auto& item : items_) item_articles_.push_back(issue.articles[item.article].id);
  if (!enabled_) return;
  match_ticks(issue, notify);
  if (!loaded_) return;  // what is kept is not known yet: load() shows the issue again
  digest::ActionList list = digest::make_action_list(issue, items_);
  const auto kept = lists_.find(issue.id);
  if (kept == lists_.end() ? !list.articles.empty() : !same_list(kept->second, list)) {
    notify(host::actions_event(list_json(list)));
    ++revision_;
    if (list.articles.empty()) lists_.erase(issue.id);
    else lists_[issue.id] = std::move(list);
  }
}

void Checklists::match_ticks(const digest::Issue& issue, const Notify& notify) {
  auto found = ticks_.find(issue.id);
  if (found == ticks_.end()) return;
  std::vector<Tick>& ticks = found->second;
  std::vector<digest::StoredCheck> stored;
  for (const Tick& t : ticks) stored.push_back(digest::StoredCheck{t.article, t.key, t.text});
  const std::vector<int> match = digest::match_checks(issue, items_, stored);
  for (size_t i = 0; i < items_.size(); ++i) {
    if (match[i] < 0) continue;
    ticked_[i] = true;
    Tick& tick = ticks[static_cast<size_t>(match[i])];
    if (tick.key == items_[i].key && tick.text == items_[i].text) continue;
    // A corrected item: the tick moves to its new key (and text) on the device too.
    notify(host::check_event(issue.id, tick.article, items_[i].key, items_[i].text, true, tick.key));
    tick.key = items_[i].key;
    tick.text = items_[i].text;
    ++revision_;
  }
}

bool Checklists::is_ticked(std::string_view issue, std::string_view article, std::string_view key) const {
  const auto found = ticks_.find(issue);
  if (found == ticks_.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(),
                     [&](const Tick& t) { return t.article == article && t.key == key; });
}

bool Checklists::set(std::string_view issue, std::string_view article, std::string_view key, bool on,
                     const Notify& notify) {
  if (!enabled_) return false;
  std::string text;
  if (issue == issue_) {
    bool found = false;
    for (size_t i = 0; i < items_.size(); ++i) {
      if (items_[i].key != key || item_articles_[i] != article) continue;
      found = true;
      text = items_[i].text;
      ticked_[i] = on;
    }
    if (!found) return false;
  } else {
    const auto list = lists_.find(issue);
    if (list == lists_.end()) return false;
    for (const auto& a : list->second.articles)
      if (a.id == article)
        for (const auto& item : a.items)
          if (item.key == key) text = item.text;
    if (text.empty()) return false;
  }
  std::vector<Tick>& ticks = ticks_[std::string(issue)];
  ticks.erase(std::remove_if(ticks.begin(), ticks.end(),
                             [&](const Tick& t) { return t.article == article && t.key == key; }),
              ticks.end());
  if (on) ticks.push_back(Tick{std::string(article), std::string(key), text});
  ++revision_;
  notify(host::check_event(issue, article, key, text, on, ""));
  if (issue == issue_) notify(ticks_event());
  return true;
}

std::vector<digest::ActionList> Checklists::open_lists(const ReadingLog& reading,
                                                       const std::function<bool(const std::string&)>& saved) const {
  std::vector<digest::ActionList> out;
  if (!enabled_) return out;
  for (const auto& [issue, list] : lists_) {
    if (reading.read_in(issue) == 0 && !(saved && saved(issue))) continue;
    digest::ActionList open{list.issue, list.date, list.title, {}};
    for (const auto& article : list.articles) {
      digest::ActionArticle left{article.id, article.title, {}};
      for (const auto& item : article.items)
        if (!is_ticked(issue, article.id, item.key)) left.items.push_back(item);
      if (!left.items.empty()) open.articles.push_back(std::move(left));
    }
    if (!open.articles.empty()) out.push_back(std::move(open));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.date != b.date ? a.date > b.date : a.issue > b.issue;
  });
  return out;
}

size_t Checklists::count(const std::vector<digest::ActionList>& lists) {
  size_t n = 0;
  for (const auto& list : lists)
    for (const auto& article : list.articles) n += article.items.size();
  return n;
}

host::Json Checklists::ticks_event() const {
  std::vector<std::string> ticked;
  // The text layer names a box "article/key" (core/text_layer.cpp).
  const auto found = ticks_.find(issue_);
  if (enabled_ && found != ticks_.end())
    for (const Tick& t : found->second) ticked.push_back(t.article + "/" + t.key);
  return host::checks_event(issue_, ticked);
}

host::Json Checklists::state_json() const {
  host::Json ticked = host::Json::array();
  for (size_t i = 0; i < items_.size(); ++i)
    if (ticked_[i]) ticked.push_back(items_[i].text);
  return {{"enabled", enabled_}, {"loaded", loaded_}, {"items", items_.size()}, {"ticked", std::move(ticked)}};
}

}  // namespace ui
