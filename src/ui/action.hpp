// What the reader asked for: painters report Actions for what was clicked, keys map to
// them (Viewer::key), and a mirrored control (ui/semantics.hpp) carries one to run when
// the host activates it.
#pragma once

#include <string>

namespace ui {

// What the reader asked for in a frame.
struct Action {
  enum class Kind {
    ToggleContents,
    CloseContents,
    OlderIssue,
    NewerIssue,
    ToggleArchive,
    OpenIssue,       // id: an issue of the archive list
    JumpToYear,      // index: into ArchiveIndex::years (the archive list scrolls to it)
    RetryYear,       // index: a year whose file failed to load
    ArchiveCategory, // id: the archive list's category ("" all)
    ScrollList,      // id: a list of the semantics ("archive.issues", "search.results", "contents.articles"); index: rows
    SmallerText,
    LargerText,
    ToggleTheme,
    ToggleHelp,
    ToggleDisplay,  // the 表示 menu of a narrow window (text size, theme, help)
    CloseDisplay,
    ShowAllCategories,
    ToggleCategory,  // id: a category
    GlideToAnchor,   // index: into PageLayout::anchors
    GoToEnd,         // the afterword, at the end of the page
    ToggleSearchScope,
    StepSearch,  // index: +1 next, -1 previous
    CloseSearch,
    OpenResult,  // index: into the archive results
    Retry,
    DismissError,
    SaveIssueOffline,    // the issue on screen
    SaveArchiveOffline,  // every issue of the index
    RemoveSavedOffline,  // every saved and kept issue
    OpenUnfinished,      // 続きから読む: the reading log's unfinished article
    ClearReading,        // forget what was read
    ToggleActions,       // the 対策 panel: the open items of the issues read or saved
    CloseActions,
    ToggleCheck,         // id: "issue\narticle\nkey" of a checklist item; index: 1 tick, 0 untick
    OpenAction,          // id: "issue\narticle": the article an open item is in
    ExportActions,       // id: "markdown.copy", "markdown.download", "csv.copy" or "csv.download"
    FollowTopic,         // id: a topic (ui/follows.hpp); index: 1 follow, 0 unfollow
    ToggleListen,        // 読み上げ: the host starts or stops reading aloud
    // Keys (Viewer::key maps each to one of these)
    CloseTopmost,     // Esc: the search bar, else every panel and a dismissable error
    OpenSearch,       // /
    MoveArticle,      // index: +1 the next article, -1 the previous one (a glide)
    ScrollLines,      // index: lines down (negative: up)
    ScrollScreens,    // index: screens down (negative: up), 90% of the view each
    GoToTop,
  };
  Kind kind;
  std::string id;
  long index = 0;

  bool operator==(const Action& other) const {
    return kind == other.kind && id == other.id && index == other.index;
  }
};

}  // namespace ui
