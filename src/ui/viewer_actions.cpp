// The viewer's keyboard and actions: each key is one Action, and apply() does what
// a key, a click on the canvas or a mirrored control asked for. The rest of Viewer is
// in viewer.cpp.
//
// [SECTION] Keyboard and actions

#include <algorithm>
#include <cmath>
#include <string>

#include "core/shared_constants.hpp"
#include "ui/viewer.hpp"

namespace ui {

using digest::shared::kFontScaleStep;

//-----------------------------------------------------------------------------
// [SECTION] Keyboard and actions
//-----------------------------------------------------------------------------

namespace {

// The keyboard: each key is one Action (README "Reading" lists them for readers).
struct KeyBinding {
  const char* key;
  enum class Shift { Any, Up, Down } shift;
  bool needs_issue;  // does nothing until an issue is open
  Action::Kind kind;
  long index;
};

constexpr KeyBinding kKeys[] = {
    {"Escape", KeyBinding::Shift::Any, false, Action::Kind::CloseTopmost, 0},
    {"?", KeyBinding::Shift::Any, false, Action::Kind::ToggleHelp, 0},
    {"/", KeyBinding::Shift::Any, false, Action::Kind::OpenSearch, 0},
    {"j", KeyBinding::Shift::Any, true, Action::Kind::MoveArticle, 1},
    {"k", KeyBinding::Shift::Any, true, Action::Kind::MoveArticle, -1},
    {"n", KeyBinding::Shift::Any, true, Action::Kind::NewerIssue, 0},
    {"p", KeyBinding::Shift::Any, true, Action::Kind::OlderIssue, 0},
    {"+", KeyBinding::Shift::Any, true, Action::Kind::LargerText, 0},
    {"=", KeyBinding::Shift::Any, true, Action::Kind::LargerText, 0},
    {"-", KeyBinding::Shift::Any, true, Action::Kind::SmallerText, 0},
    {"t", KeyBinding::Shift::Any, true, Action::Kind::ToggleTheme, 0},
    {"c", KeyBinding::Shift::Any, true, Action::Kind::ToggleContents, 0},
    {"a", KeyBinding::Shift::Any, true, Action::Kind::ToggleArchive, 0},
    {"d", KeyBinding::Shift::Any, true, Action::Kind::ToggleDisplay, 0},
    {"x", KeyBinding::Shift::Any, false, Action::Kind::ToggleActions, 0},
    {"l", KeyBinding::Shift::Any, true, Action::Kind::ToggleListen, 0},
    {"s", KeyBinding::Shift::Any, true, Action::Kind::SaveIssueOffline, 0},
    {"S", KeyBinding::Shift::Any, true, Action::Kind::SaveArchiveOffline, 0},
    {"ArrowDown", KeyBinding::Shift::Any, true, Action::Kind::ScrollLines, 3},
    {"ArrowUp", KeyBinding::Shift::Any, true, Action::Kind::ScrollLines, -3},
    {"PageDown", KeyBinding::Shift::Any, true, Action::Kind::ScrollScreens, 1},
    {"PageUp", KeyBinding::Shift::Any, true, Action::Kind::ScrollScreens, -1},
    {" ", KeyBinding::Shift::Up, true, Action::Kind::ScrollScreens, 1},
    {" ", KeyBinding::Shift::Down, true, Action::Kind::ScrollScreens, -1},
    {"Home", KeyBinding::Shift::Any, true, Action::Kind::GoToTop, 0},
    {"End", KeyBinding::Shift::Any, true, Action::Kind::GoToEnd, 0},
};

}  // namespace

bool Viewer::key(const platform::KeyEvent& e) {
  for (const KeyBinding& binding : kKeys) {
    if (e.key != binding.key) continue;
    if ((binding.shift == KeyBinding::Shift::Up && e.shift) || (binding.shift == KeyBinding::Shift::Down && !e.shift))
      continue;
    if (binding.needs_issue && !has_issue_) return false;
    return apply(Action{binding.kind, {}, binding.index});
  }
  return false;
}

void Viewer::step_font_scale(int steps) {
  // In tenths, so that ten steps up and down land where they started.
  set_font_scale(std::round((font_scale_ + static_cast<float>(steps) * kFontScaleStep) * 10.0f) / 10.0f);
}

bool Viewer::apply(const Action& action) {
  using Kind = Action::Kind;
  redraw_ = true;
  const auto smooth = host::ScrollBehavior::Smooth;
  switch (action.kind) {
    case Kind::CloseTopmost: {
      if (search_.is_open()) {
        close_search();
        return true;
      }
      const bool any = contents_open_ || help_open_ || archive_open_ || display_open_ || actions_open_ ||
                       (!error_.empty() && has_issue_);
      contents_open_ = help_open_ = archive_open_ = display_open_ = actions_open_ = false;
      if (has_issue_) error_.clear();
      redraw_ = any;  // Esc with nothing open changes nothing on screen
      return any;
    }
    // Search and help close the 表示 menu they may be chosen from.
    case Kind::OpenSearch:
      display_open_ = false;
      open_search();
      break;
    case Kind::MoveArticle: position_.move_article(action.index < 0 ? -1 : 1, now_); break;
    case Kind::ScrollLines:
      position_.scroll_to(position_.scroll_y() + static_cast<float>(action.index) * kBaseFontSize * font_scale_ * 1.8f,
                          smooth);
      break;
    case Kind::ScrollScreens:
      position_.scroll_to(position_.scroll_y() + static_cast<float>(action.index) * position_.view_height() * 0.9f,
                          smooth);
      break;
    case Kind::GoToTop: position_.scroll_to(0, smooth); break;
    case Kind::ToggleContents: contents_open_ = !contents_open_; break;
    case Kind::CloseContents: contents_open_ = false; break;
    case Kind::OlderIssue: move_issue(-1); break;
    case Kind::NewerIssue: move_issue(1); break;
    case Kind::ToggleArchive:
      archive_open_ = !archive_open_;
      if (archive_open_ && has_issue_) archive_list_.reveal(issue_.id);
      break;
    case Kind::JumpToYear:
      if (action.index >= 0 && static_cast<size_t>(action.index) < index_.years.size())
        archive_list_.jump_to_year(index_, static_cast<size_t>(action.index));
      break;
    case Kind::RetryYear:
      if (action.index >= 0 && static_cast<size_t>(action.index) < index_.years.size())
        archive_list_.retry_year(index_, static_cast<size_t>(action.index));
      break;
    case Kind::ArchiveCategory: archive_list_.set_category(action.id); break;
    case Kind::ScrollList:
      if (action.id == "archive.issues")
        archive_list_.scroll_rows(static_cast<int>(action.index));
      else if (action.id == "search.results")
        search_.select_result(static_cast<int>(action.index));
      else if (action.id == "contents.articles")
        contents_.scroll_by(static_cast<int>(action.index));
      else
        return false;
      break;
    case Kind::OpenIssue:
      archive_open_ = false;
      notify(host::open_issue_event(action.id, ""));
      break;
    case Kind::SmallerText: step_font_scale(-1); break;
    case Kind::LargerText: step_font_scale(1); break;
    case Kind::ToggleTheme: set_theme(dark() ? ThemeSetting::Light : ThemeSetting::Dark); break;
    case Kind::ToggleHelp:
      display_open_ = false;
      help_open_ = !help_open_;
      break;
    case Kind::ToggleListen:
      display_open_ = false;
      notify(host::listen_event("toggle"));
      break;
    // The 表示 menu exists in a narrow window only (a wide one shows its buttons).
    case Kind::ToggleDisplay: display_open_ = !display_open_ && narrow_; break;
    case Kind::CloseDisplay: display_open_ = false; break;
    case Kind::ShowAllCategories:
      filter_.categories.clear();
      filter_changed();
      break;
    case Kind::ToggleCategory: toggle_category(action.id); break;
    // Choosing where to go in the contents panel of a narrow window closes it.
    case Kind::GlideToAnchor:
      contents_open_ = false;
      position_.glide_to_anchor(static_cast<size_t>(action.index), now_);
      break;
    case Kind::GoToEnd:
      contents_open_ = false;
      position_.scroll_to(page_.height, smooth);
      break;
    case Kind::ToggleSearchScope:
      search_.set_scope(search_.scope() == host::SearchScope::Archive ? host::SearchScope::Issue
                                                                      : host::SearchScope::Archive);
      break;
    case Kind::StepSearch: step_search(action.index < 0 ? -1 : 1); break;
    case Kind::CloseSearch: close_search(); break;
    case Kind::OpenResult: open_result(static_cast<size_t>(std::max(0L, action.index))); break;
    case Kind::Retry: notify(host::retry_event()); break;
    case Kind::DismissError: error_.clear(); break;
    case Kind::SaveIssueOffline:
      for (const auto& entry : index_.issues)
        if (has_issue_ && entry.id == issue_.id) notify(host::save_offline_event({entry.path}));
      break;
    case Kind::SaveArchiveOffline: {
      std::vector<std::string> paths;
      for (const auto& entry : index_.issues) paths.push_back(entry.path);
      notify(host::save_offline_event(paths));
      break;
    }
    case Kind::RemoveSavedOffline: notify(host::remove_offline_event({}, true)); break;
    case Kind::OpenUnfinished:
      if (const auto& place = reading_.unfinished()) {
        archive_open_ = false;
        if (has_issue_ && place->issue == issue_.id) {
          go_to_article(place->article);
        } else {
          notify(host::open_issue_event(place->issue, place->article));
        }
      }
      break;
    case Kind::ClearReading:
      reading_.clear();
      notify(host::clear_reading_event());
      break;
    case Kind::ToggleActions:
      if (!checklists_.enabled() || embed_.embedded) return false;
      display_open_ = false;
      actions_open_ = !actions_open_;
      break;
    case Kind::CloseActions: actions_open_ = false; break;
    case Kind::ToggleCheck: {
      // "issue\narticle\nkey"
      const size_t a = action.id.find('\n'), k = action.id.find('\n', a == std::string::npos ? a : a + 1);
      if (k == std::string::npos) return false;
      return set_check(std::string_view(action.id).substr(0, a), std::string_view(action.id).substr(a + 1, k - a - 1),
                       std::string_view(action.id).substr(k + 1), action.index != 0);
    }
    case Kind::OpenAction: {
      const size_t a = action.id.find('\n');
      if (a == std::string::npos) return false;
      const std::string issue = action.id.substr(0, a), article = action.id.substr(a + 1);
      actions_open_ = false;
      if (has_issue_ && issue == issue_.id)
        go_to_article(article);
      else
        notify(host::open_issue_event(issue, article));
      break;
    }
    case Kind::FollowTopic: return follow(action.id, action.index != 0).value("ok", false);
    case Kind::ExportActions: {
      const bool csv = action.id.rfind("csv", 0) == 0;
      const auto& lists = open_actions();
      const std::string text = csv ? digest::action_lists_csv(lists, checklists_.site())
                                   : digest::action_lists_markdown(lists, checklists_.site());
      const std::string day = lists.empty() ? std::string("list") : lists.front().date;
      notify(host::export_event(csv ? "csv" : "markdown",
                                action.id.find("copy") != std::string::npos ? "copy" : "download",
                                std::string("対策-") + day + (csv ? ".csv" : ".md"),
                                csv ? "text/csv;charset=utf-8" : "text/markdown;charset=utf-8", text));
      break;
    }
  }
  return true;
}

}  // namespace ui
