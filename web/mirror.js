// The mirror: real elements for what the viewer draws as pixels, from its semantics
// events (src/ui/semantics.hpp; docs/semantics.md says how each role maps), so that a
// screen reader and the keyboard reach the top bar, the contents, the panels, the
// archive and the search results. Each element lies over the control it stands for (a
// focus ring shows where the keyboard is) and lets the pointer through to the canvas;
// activating one (Enter, Space, a screen reader's click) runs the control's action in
// the viewer. A panel that opens takes the focus and gives it back to the control that
// opened it when it closes; arrows move within the toolbar and within a list.
//
// [SECTION] Keys the focused element keeps (the viewer asks: src/platform/browser.cpp)
// [SECTION] Elements from nodes
// [SECTION] Focus: into panels and back
// [SECTION] Arrows within the toolbar and lists; the skip link
// @ts-check
'use strict';

window.DigestMirror = {
  //---------------------------------------------------------------------------
  // [SECTION] Keys the focused element keeps (the viewer asks: src/platform/browser.cpp)
  //---------------------------------------------------------------------------
  // Typing into a text field (the search box) is not a shortcut.
  editingText() {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement) return !['checkbox', 'radio', 'button'].includes(active.type);
    return active instanceof HTMLElement && (active.tagName === 'TEXTAREA' || active.isContentEditable);
  },

  // True when the focused element takes `key` itself, so the viewer's shortcut for it
  // stands aside: a text field takes every key; a checkbox Space; a mirrored control
  // Enter and Space (a click) and the arrows, Home and End (moving within its toolbar
  // or list); any other button of the page Enter and Space (Space on 読み上げ's 一時停止
  // pauses, it does not scroll); a select its arrows too.
  ownsKey(key) {
    if (window.DigestMirror.editingText()) return true;
    const active = document.activeElement;
    // A checklist box of the text layer: Space ticks it; every other key is the viewer's.
    if (active instanceof HTMLInputElement && active.type === 'checkbox') return key === ' ';
    const controlKey = window.DigestMirror.CONTROL_KEYS.has(key);
    if (active instanceof HTMLElement && active.closest('#mirror') !== null) return controlKey;
    if (active instanceof HTMLSelectElement) return controlKey;
    return active instanceof HTMLButtonElement && (key === 'Enter' || key === ' ');
  },
  CONTROL_KEYS: new Set(['Enter', ' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']),

  // env: { viewer() (the bridge, or null), canvasTop() (the canvas's top in the window),
  //        scroller() (where the article text is: the skip link's target),
  //        searchInput() (the host's input, which a searchbox node names) }
  create(env) {
    const root = /** @type {HTMLElement} */ (document.getElementById('mirror'));
    /** @type {Map<string, {node: any, element: HTMLElement, focusable: HTMLElement | null, box?: string}>} */
    let entries = new Map();
    const openers = new Map(); // dialog key -> the key of the control that opened it
    const textOpeners = new Map(); // dialog key -> the article text element it was opened from
    let lastFocused = ''; // the key of the mirrored control that last had the focus
    let activated = ''; // the control activated since the last update (it may open a panel)
    // A dialog the focus went into before its rows were laid out (ImGui sizes a new
    // window over two frames): when its current item shows up, the focus moves there.
    let landing = null; // {dialog, element, updates}
    let updates = 0;
    const durations = []; // ms per update, the last 500 (make bench reads them)

    //---------------------------------------------------------------------------
    // [SECTION] Elements from nodes
    //---------------------------------------------------------------------------
    // role -> [tag, ARIA role or '' for the tag's own]
    const TAGS = {
      toolbar: ['div', 'toolbar'],
      navigation: ['nav', ''],
      dialog: ['div', 'dialog'],
      list: ['ul', 'list'],
      item: ['li', 'listitem'],
      button: ['button', ''],
      checkbox: ['button', 'checkbox'],
      text: ['p', ''],
      status: ['div', 'status'],
    };

    function create(node) {
      const [tag, role] = TAGS[node.role] || TAGS.text;
      const element = document.createElement(tag);
      if (role) element.setAttribute('role', role);
      let focusable = null;
      if (node.role === 'button' || node.role === 'checkbox') focusable = element;
      if (node.role === 'item' && node.action !== undefined) {
        // A row that does something: a button in the list item.
        focusable = document.createElement('button');
        element.append(focusable);
        element.classList.add('holds-button');
      }
      if (focusable) {
        /** @type {HTMLButtonElement} */ (focusable).type = 'button';
        focusable.dataset.key = node.key;
      }
      if (node.role === 'dialog') element.tabIndex = -1; // focus lands here when it holds no control
      element.dataset.node = node.key;
      return { node, element, focusable };
    }

    // Whether an entry can be kept for this node (the same elements: an item holds a
    // button only when it does something).
    const sameKind = (entry, node) =>
      entry.node.role === node.role &&
      (node.role !== 'item' || (entry.node.action !== undefined) === (node.action !== undefined));

    // Attributes and styles are written only when they change: an update that rewrote
    // every element's would cost the page a style pass each time the list scrolls.
    function setFlag(element, name, value) {
      if (value === undefined) {
        if (element.hasAttribute(name)) element.removeAttribute(name);
      } else if (element.getAttribute(name) !== String(value)) {
        element.setAttribute(name, String(value));
      }
    }

    function apply(entry, node, parentRect) {
      const { element, focusable } = entry;
      const labelled = focusable || element;
      if (node.role === 'dialog' || node.role === 'toolbar' || node.role === 'navigation' || node.role === 'list')
        setFlag(element, 'aria-label', node.name);
      else if (labelled.textContent !== node.name) labelled.textContent = node.name;
      if (focusable) {
        setFlag(focusable, 'aria-pressed', node.pressed);
        setFlag(focusable, 'aria-expanded', node.expanded);
        setFlag(focusable, 'aria-checked', node.checked);
        setFlag(focusable, 'aria-disabled', node.disabled ? true : undefined);
      }
      setFlag(labelled, 'aria-current', node.current ? true : undefined);
      if (node.role === 'item') {
        setFlag(element, 'aria-posinset', node.position);
        setFlag(element, 'aria-setsize', node.setSize);
      }
      // Over the drawn control, relative to the element it is in (an item's button to
      // its list: the item itself takes no room).
      const placed = entry.element.classList.contains('holds-button') ? focusable : element;
      const { x, y, width, height } = node.rect;
      const box = `${x - parentRect.x} ${y - parentRect.y} ${Math.max(0, width)} ${Math.max(0, height)}`;
      if (entry.box !== box) {
        entry.box = box;
        placed.style.left = `${x - parentRect.x}px`;
        placed.style.top = `${y - parentRect.y}px`;
        placed.style.width = `${Math.max(0, width)}px`;
        placed.style.height = `${Math.max(0, height)}px`;
      }
      entry.node = node;
    }

    // Puts `children` (elements, in order) into `parent` without moving those already
    // in order: a focused element that is moved loses the focus. Those that went are
    // removed first, so the ones that stay keep their order.
    function arrange(parent, children) {
      const wanted = new Set(children);
      for (const child of Array.from(parent.children)) if (!wanted.has(child)) child.remove();
      children.forEach((child, i) => {
        if (parent.children[i] !== child) parent.insertBefore(child, parent.children[i] || null);
      });
    }

    function onSemantics(nodes) {
      const started = performance.now();
      update(nodes);
      durations.push(performance.now() - started);
      if (durations.length > 500) durations.shift();
    }

    function update(nodes) {
      updates += 1;
      const active = document.activeElement;
      const focusedKey = active instanceof HTMLElement && root.contains(active) ? keyOf(active) : '';
      const before = entries;
      const next = new Map();
      const byKey = new Map(nodes.map((node) => [node.key, node]));
      const kids = new Map([['', []]]);
      for (const node of nodes) {
        if (node.role === 'searchbox') {
          const input = env.searchInput();
          if (input && input.getAttribute('aria-label') !== node.name) input.setAttribute('aria-label', node.name);
          continue;
        }
        const kept = before.get(node.key);
        const entry = kept && sameKind(kept, node) ? kept : create(node);
        const parent = byKey.get(node.parent);
        apply(entry, node, parent ? parent.rect : { x: 0, y: 0 });
        next.set(node.key, entry);
        kids.set(node.key, []);
        const siblings = kids.get(parent ? node.parent : '') || kids.get('');
        siblings.push(entry.element);
      }
      // Lay out each container's children, then the top (elements left out are gone).
      for (const [key, children] of kids) {
        if (key === '') continue;
        const entry = next.get(key);
        const holder = entry.element;
        if (holder.classList.contains('holds-button')) continue;
        arrange(holder, children);
      }
      arrange(root, kids.get(''));
      const top = `${env.canvasTop()}px`;
      if (root.style.top !== top) root.style.top = top;
      entries = next;
      rove();
      moveFocus(before, focusedKey);
      followPending();
      activated = '';
    }

    const keyOf = (element) => {
      const holder = element.closest('[data-key], [data-node]');
      return holder ? holder.dataset.key || holder.dataset.node : '';
    };

    root.addEventListener('click', (event) => {
      const button = /** @type {HTMLElement | null} */ (
        /** @type {HTMLElement} */ (event.target).closest('button[data-key]')
      );
      if (!button || !env.viewer()) return;
      event.preventDefault();
      lastFocused = activated = button.dataset.key;
      env.viewer().activate(button.dataset.key);
    });
    root.addEventListener('focusin', (event) => {
      const key = keyOf(/** @type {HTMLElement} */ (event.target));
      if (key) lastFocused = key;
    });

    //---------------------------------------------------------------------------
    // [SECTION] Focus: into panels and back
    //---------------------------------------------------------------------------
    // The dialog (or navigation) a key's element is in, if any.
    function dialogOf(key, map) {
      for (let entry = map.get(key); entry; entry = map.get(entry.node.parent)) {
        if (entry.node.role === 'dialog') return entry.node.key;
        if (!entry.node.parent) break;
      }
      return '';
    }

    // Where the focus goes in a dialog that opened: the item on screen (the current
    // issue, the article being read), else its first control that is not 閉じる, else
    // 閉じる, else the dialog itself.
    function entryPoint(dialog) {
      const inside = Array.from(dialog.querySelectorAll('button'));
      return (
        inside.find((b) => b.getAttribute('aria-current') === 'true') ||
        inside.find((b) => b.textContent !== '閉じる' && b.getAttribute('aria-disabled') !== 'true') ||
        inside[0] ||
        dialog
      );
    }

    function moveFocus(before, focusedKey) {
      const active = document.activeElement;
      // Nothing, a control of the mirror, or the article text (a link, a checklist box)
      // gives the focus to a dialog that opens; the search box keeps it.
      const inText = active instanceof HTMLElement && active.closest('#text-layer') !== null;
      const idle = !active || active === document.body || root.contains(active) || inText;
      // A dialog that opened: the focus goes in (unless the reader is typing: the search
      // box takes the focus itself), and comes back to the control that opened it.
      for (const [key, entry] of entries) {
        if (entry.node.role !== 'dialog' || before.has(key)) continue;
        openers.set(key, focusedKey || activated);
        if (inText) textOpeners.set(key, active);
        if (!idle) continue;
        const point = entryPoint(entry.element);
        point.focus({ preventScroll: true });
        landing = { dialog: key, element: point, updates: 3 };
      }
      if (landing && !landing.updates--) landing = null;
      if (landing && document.activeElement === landing.element && entries.has(landing.dialog)) {
        const point = entryPoint(entries.get(landing.dialog).element);
        if (point !== landing.element && point.getAttribute('aria-current') === 'true') {
          point.focus({ preventScroll: true });
          landing = null;
        }
      }
      // A dialog that closed with the focus in it (the focus is on nothing now).
      for (const [key, entry] of before) {
        if (entry.node.role !== 'dialog' || entries.has(key)) continue;
        const opener = openers.get(key);
        openers.delete(key);
        // Lost, or parked on the page by the search box that closed.
        const now = document.activeElement;
        const lost = now === document.body || now === null || now === env.scroller();
        const wasInside = focusedKey !== '' && dialogOf(focusedKey, before) === key;
        if (!lost || !(wasInside || focusedKey === '')) continue;
        const back = opener && entries.get(opener);
        const text = textOpeners.get(key);
        textOpeners.delete(key);
        if (text && text.isConnected) text.focus({ preventScroll: true });
        else if (back && back.focusable) back.focusable.focus({ preventScroll: true });
        else if (wasInside) env.scroller().focus({ preventScroll: true });
      }
      // The focused control went away otherwise (its row scrolled out of the list): the
      // list itself keeps the focus, once, rather than one row after another.
      if (focusedKey && !entries.has(focusedKey) && document.activeElement === document.body) {
        const group = before.get(focusedKey) && before.get(focusedKey).node.parent;
        const entry = group && entries.get(group);
        if (entry) {
          entry.element.tabIndex = -1;
          entry.element.focus({ preventScroll: true });
        }
      }
    }

    //---------------------------------------------------------------------------
    // [SECTION] Arrows within the toolbar and lists; the skip link
    //---------------------------------------------------------------------------
    // The toolbar and each list are one stop for Tab (roving tabindex): the control
    // last focused there, else the current one, else the first.
    function groupOf(element) {
      return element.closest('[role="toolbar"], [role="list"]');
    }

    function rove() {
      const stops = new Set();
      for (const group of root.querySelectorAll('[role="toolbar"], [role="list"]')) {
        const buttons = Array.from(group.querySelectorAll('button')).filter((b) => groupOf(b) === group);
        if (!buttons.length) continue;
        stops.add(
          buttons.find((b) => b.dataset.key === lastFocused) ||
            buttons.find((b) => b.getAttribute('aria-current') === 'true') ||
            buttons.find((b) => b.getAttribute('aria-disabled') !== 'true') ||
            buttons[0],
        );
      }
      for (const entry of entries.values()) {
        if (!entry.focusable) continue;
        const index = stops.has(entry.focusable) || !groupOf(entry.focusable) ? 0 : -1;
        if (entry.focusable.tabIndex !== index) entry.focusable.tabIndex = index;
      }
    }

    root.addEventListener('keydown', (event) => {
      const target = /** @type {HTMLElement} */ (event.target);
      const group = groupOf(target);
      if (!group || event.altKey || event.ctrlKey || event.metaKey) return;
      const across = group.getAttribute('role') === 'toolbar';
      const forward = across ? 'ArrowRight' : 'ArrowDown';
      const backward = across ? 'ArrowLeft' : 'ArrowUp';
      if (![forward, backward, 'Home', 'End'].includes(event.key)) return;
      const buttons = Array.from(group.querySelectorAll('button')).filter((b) => groupOf(b) === group);
      const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (target));
      let to = at;
      if (event.key === forward) to = Math.min(buttons.length - 1, at + 1);
      if (event.key === backward) to = Math.max(0, at - 1);
      if (event.key === 'Home') to = 0;
      if (event.key === 'End') to = buttons.length - 1;
      event.preventDefault();
      if (to === at && !across && at >= 0) scrollPast(group, buttons[at], event.key === forward ? 1 : -1);
      if (to === at || to < 0) return;
      for (const b of buttons) b.tabIndex = -1;
      buttons[to].tabIndex = 0;
      buttons[to].focus();
    });

    // A list that lays out only its rows in view (the archive, search results): past its
    // first or last row the arrows ask the viewer to scroll it, and the focus goes on to
    // the next row once it is there.
    let pending = null; // {list, from, step, tries}
    function scrollPast(list, button, step) {
      const item = button.closest('li');
      const at = Number(item && item.getAttribute('aria-posinset'));
      const size = Number(item && item.getAttribute('aria-setsize'));
      if (!at || !size || (step > 0 ? at >= size : at <= 1)) return;
      pending = { list: list.dataset.node, from: at, step, tries: 4 };
      env.viewer().scrollList(pending.list, step);
    }

    function followPending() {
      if (!pending) return;
      const list = entries.get(pending.list);
      if (!list) {
        pending = null;
        return;
      }
      const { from, step } = pending;
      const rows = Array.from(list.element.querySelectorAll('li[aria-posinset] > button')).map((button) => ({
        button: /** @type {HTMLElement} */ (button),
        at: Number(button.parentElement.getAttribute('aria-posinset')),
      }));
      const onward = rows.filter((row) => (step > 0 ? row.at > from : row.at < from));
      const next = step > 0 ? onward[0] : onward[onward.length - 1];
      if (next) {
        pending = null;
        for (const row of rows) row.button.tabIndex = -1;
        next.button.tabIndex = 0;
        next.button.focus({ preventScroll: true });
      } else if (--pending.tries > 0) {
        env.viewer().scrollList(pending.list, step); // a month's heading row came first
      } else {
        pending = null;
      }
    }

    // The search box is the page's own input, outside the mirror: Tab goes from it to
    // the search bar's controls (前の一致, 検索範囲, the results…) and Shift+Tab back.
    const input = env.searchInput();
    const searchControls = () => {
      const dialog = entries.get('search');
      return dialog ? Array.from(dialog.element.querySelectorAll('button')).filter((b) => b.tabIndex === 0) : [];
    };
    if (input)
      input.addEventListener('keydown', (event) => {
        if (event.key !== 'Tab' || event.shiftKey || event.isComposing) return;
        const first = searchControls()[0];
        if (!first) return;
        event.preventDefault();
        first.focus();
      });
    root.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab' || !event.shiftKey || !input || input.hidden) return;
      if (searchControls()[0] !== event.target) return;
      event.preventDefault();
      input.focus();
    });

    // A node's rectangle (canvas CSS px) as the last update gave it, or null.
    function rectOf(key) {
      const entry = entries.get(key);
      return entry ? entry.node.rect : null;
    }

    // The skip link goes to the article text without changing the URL's #fragment
    // (which names an article).
    const skip = document.getElementById('skip-link');
    if (skip)
      skip.addEventListener('click', (event) => {
        event.preventDefault();
        const scroller = env.scroller();
        const first = scroller.querySelector('article, h1, h2');
        const target = /** @type {HTMLElement} */ (first || scroller);
        if (target !== scroller && !target.hasAttribute('tabindex')) target.tabIndex = -1;
        target.focus();
      });

    // For tests and make bench: how many updates came and what they cost, what the
    // focus is on.
    function state() {
      const active = document.activeElement;
      const sorted = [...durations].sort((x, y) => x - y);
      return {
        updates,
        updateMs: sorted.length
          ? {
              median: sorted[Math.floor(sorted.length / 2)],
              max: sorted[sorted.length - 1],
              count: sorted.length,
              samples: [...durations],
            }
          : null,
        nodes: entries.size,
        focused: active instanceof HTMLElement && root.contains(active) ? keyOf(active) : null,
      };
    }

    return { onSemantics, state, rectOf };
  },
};
