#include "ui/semantics.hpp"

namespace ui {

const char* role_name(Role role) {
  switch (role) {
    case Role::Toolbar: return "toolbar";
    case Role::Navigation: return "navigation";
    case Role::Dialog: return "dialog";
    case Role::List: return "list";
    case Role::Item: return "item";
    case Role::Button: return "button";
    case Role::Checkbox: return "checkbox";
    case Role::Text: return "text";
    case Role::Status: return "status";
    case Role::Searchbox: return "searchbox";
  }
  return "text";
}

bool SemanticNode::operator==(const SemanticNode& other) const {
  return role == other.role && key == other.key && name == other.name && parent == other.parent &&
         rect.x == other.rect.x && rect.y == other.rect.y && rect.width == other.rect.width &&
         rect.height == other.rect.height && pressed == other.pressed && expanded == other.expanded &&
         checked == other.checked &&
         current == other.current && disabled == other.disabled && position == other.position &&
         set_size == other.set_size && action == other.action;
}

void Semantics::open(Role role, std::string key, std::string name, const host::Rect& rect) {
  SemanticNode& node = add(role, std::move(key), std::move(name), rect);
  if (role == Role::Dialog) node.parent = -1;  // over the page, wherever it was drawn from
  open_.push_back(static_cast<int>(nodes_.size()) - 1);
}

void Semantics::close() {
  if (!open_.empty()) open_.pop_back();
}

SemanticNode& Semantics::add(Role role, std::string key, std::string name, const host::Rect& rect,
                             std::optional<Action> action) {
  SemanticNode node;
  node.role = role;
  node.key = std::move(key);
  node.name = std::move(name);
  node.parent = open_.empty() ? -1 : open_.back();
  node.rect = rect;
  node.action = std::move(action);
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

const SemanticNode* Semantics::find(std::string_view key) const {
  for (const SemanticNode& node : nodes_)
    if (node.key == key) return &node;
  return nullptr;
}

const SemanticNode* Semantics::find_named(std::string_view name, Role role) const {
  for (const SemanticNode& node : nodes_)
    if (node.role == role && node.name == name) return &node;
  return nullptr;
}

host::Json Semantics::to_json() const {
  host::Json out = host::Json::array();
  for (const SemanticNode& node : nodes_) {
    host::Json item = {{"key", node.key},
                       {"role", role_name(node.role)},
                       {"name", node.name},
                       {"parent", node.parent >= 0 ? nodes_[static_cast<size_t>(node.parent)].key : ""},
                       {"rect",
                        {{"x", node.rect.x},
                         {"y", node.rect.y},
                         {"width", node.rect.width},
                         {"height", node.rect.height}}}};
    if (node.pressed != Flag::Unset) item["pressed"] = node.pressed == Flag::On;
    if (node.expanded != Flag::Unset) item["expanded"] = node.expanded == Flag::On;
    if (node.checked != Flag::Unset) item["checked"] = node.checked == Flag::On;
    if (node.current) item["current"] = true;
    if (node.disabled) item["disabled"] = true;
    if (node.action && !node.disabled) item["action"] = true;
    if (node.set_size > 0) {
      item["position"] = node.position;
      item["setSize"] = node.set_size;
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace ui
