// 「フォロー」 on a selected term: when the reader selects a short phrase in the text
// layer (a CVE id, a product or vendor name), a real button next to the selection
// follows it; on each visit the viewer then checks the new issues against it and marks
// the articles that mention it 新着 (src/ui/follows.hpp). The button keeps the selection
// (it takes no focus on pointer down) and is reached by Tab after a keyboard selection.
// @ts-check
'use strict';

window.DigestFollowSelection = {
  // env: {layer: the text layer element, enabled() (false when embedded or the viewer
  // stopped), follow(topic) → {ok, topic, error}, announce(message)}.
  create(env) {
    const MIN_CHARS = 2;
    const MAX_CHARS = 80; // as the viewer keeps a topic (Follows::kMaxTopicChars)
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'follow-selection';
    button.hidden = true;
    document.body.append(button);
    let term = '';
    let hideTimer = 0;

    // The selection's text as a topic, or '' when it is not one (across blocks, too long).
    function selectedTerm() {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return '';
      const range = selection.getRangeAt(0);
      if (!env.layer.contains(range.commonAncestorContainer)) return '';
      const raw = selection.toString();
      if (/[\n\r]/.test(raw.trim())) return '';
      const text = raw.replace(/[\s\u3000]+/g, ' ').trim();
      const chars = [...text].length;
      return chars >= MIN_CHARS && chars <= MAX_CHARS ? text : '';
    }

    function place(range) {
      const rect = range.getBoundingClientRect();
      const width = button.offsetWidth;
      const height = button.offsetHeight;
      // Below the selection, or above it near the window's bottom; inside the window.
      const below = rect.bottom + 8 + height <= innerHeight;
      const top = below ? rect.bottom + 8 : Math.max(8, rect.top - 8 - height);
      const left = Math.min(Math.max(8, rect.left), Math.max(8, innerWidth - width - 8));
      button.style.setProperty('top', `${Math.round(top)}px`);
      button.style.setProperty('left', `${Math.round(left)}px`);
    }

    function update() {
      if (button.contains(document.activeElement) && !button.hidden) return;
      term = env.enabled() ? selectedTerm() : '';
      if (!term) {
        button.hidden = true;
        return;
      }
      clearTimeout(hideTimer);
      const shown = [...term].length > 16 ? `${[...term].slice(0, 15).join('')}…` : term;
      button.textContent = `「${shown}」をフォロー`;
      button.setAttribute('aria-label', `「${term}」をフォロー`);
      button.disabled = false;
      button.hidden = false;
      place(document.getSelection().getRangeAt(0));
    }

    let pending = 0;
    document.addEventListener('selectionchange', () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(update);
    });
    // A pointer press would otherwise clear the selection before the click.
    button.addEventListener('pointerdown', (event) => event.preventDefault());
    button.addEventListener('click', () => {
      if (!term) return;
      const result = env.follow(term);
      const message =
        result && result.ok
          ? `「${result.topic}」をフォローしました`
          : (result && result.error) || 'フォローできませんでした';
      button.textContent = message;
      button.disabled = true;
      env.announce(message);
      hideTimer = setTimeout(() => {
        button.hidden = true;
      }, 1600);
    });
    return { state: () => ({ shown: !button.hidden, term }) };
  },
};
