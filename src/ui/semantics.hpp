// What a reader can act on, as the viewer describes it after each frame that changed
// it: role, Japanese name, state, rectangle and the action it runs. The page mirrors it
// in real elements over the canvas (web/mirror.js) for screen readers and the keyboard;
// the UI tests read it as a reader's assistive technology would. docs/semantics.md
// says how the page maps each role.
//
// The painters add nodes while they draw (PaintContext::semantics); the Viewer keeps the
// last frame's description, reports it when it differs from what the host has, and runs
// a node's action when the host activates it by key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/host_protocol.hpp"
#include "ui/action.hpp"

namespace ui {

enum class Role {
  Toolbar,     // the top bar
  Navigation,  // the contents column of a wide window
  Dialog,      // a panel over the page: contents, archive, display, help, search
  List,        // contents entries, archive rows, search results
  Item,        // a row of a list; with an action, a button inside it
  Button,
  Checkbox,   // a checklist item of the 対策 panel (checked)
  Text,       // static text a reader needs (help's keys, a year that failed to load)
  Status,     // announced when it changes: search counts, saving progress, offline
  Searchbox,  // the host's own input: the mirror names it, it adds no element
};
const char* role_name(Role role);

// An ARIA-like tri-state: not applicable, false, true.
enum class Flag : unsigned char { Unset, Off, On };

struct SemanticNode {
  Role role = Role::Button;
  std::string key;   // stable from frame to frame: the page keeps the element (and focus)
  std::string name;  // what a screen reader says
  int parent = -1;   // the container's index, -1 at the top
  host::Rect rect;   // canvas CSS pixels
  Flag pressed = Flag::Unset, expanded = Flag::Unset, checked = Flag::Unset;
  bool current = false;   // the issue, article or result on screen
  bool disabled = false;  // drawn greyed out: no action
  // In a list that lays out only its rows in view: 1-based position, and the list's size.
  long position = 0, set_size = 0;
  std::optional<Action> action;

  bool operator==(const SemanticNode& other) const;
};

class Semantics {
 public:
  void clear() {
    nodes_.clear();
    open_.clear();
  }
  // A container: what is added until close() is inside it. A dialog is at the top
  // whatever is open (the 表示 menu is drawn from inside the bar).
  void open(Role role, std::string key, std::string name, const host::Rect& rect);
  void close();
  SemanticNode& add(Role role, std::string key, std::string name, const host::Rect& rect,
                    std::optional<Action> action = std::nullopt);

  const std::vector<SemanticNode>& nodes() const { return nodes_; }
  const SemanticNode* find(std::string_view key) const;
  // The first node with this name and role (tests and activation by name).
  const SemanticNode* find_named(std::string_view name, Role role) const;
  bool operator==(const Semantics& other) const { return nodes_ == other.nodes_; }

  // [{"key","role","name","parent"(key|""),"rect":{x,y,width,height}, optional
  //   "pressed","expanded","checked","current","disabled","action"(true),"position","setSize"}]
  host::Json to_json() const;

 private:
  std::vector<SemanticNode> nodes_;
  std::vector<int> open_;  // the containers being filled
};

}  // namespace ui
