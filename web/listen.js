// 読み上げ: the issue read aloud by the platform's own speech (the Web Speech API, a
// Japanese voice), a sentence an utterance, the sentence being spoken lit on the page.
// The viewer makes the script (core/spoken.hpp: what is read and how), lights the
// sentence on the canvas and follows it; this file speaks, shows the player bar (real
// buttons: pause, sentence and section steps, rate, 読み上げ位置へ戻る, stop), lights
// the sentence in the text layer (a CSS custom highlight over its DOM text), answers a
// phone's lock screen and headset buttons (Media Session) and keeps where the reading
// stopped in the reading log (続きから聞く).
//
// Utterances are short (Chrome ends one after about 15 s) and queued two ahead, so the
// voice runs on without a gap; a pause between blocks waits for the last one to end.
// Pause cancels and resume says the sentence again from its start: speechSynthesis's
// own pause is unreliable on phones and for network voices.
//
// [SECTION] Voices
// [SECTION] The player bar
// [SECTION] Speaking
// [SECTION] Moving and the page
// @ts-check
'use strict';

window.DigestListen = {
  // env: {viewer() → the bridge or null, issueId() (the issue on screen, or ''),
  // announce(message, options), enabled() (false when an embed turned it off),
  // reading: DigestReading (setListening, loadListening), onChange(on) (a reading
  // started or ended), visibleFoot() (a height=auto embed's foot in view, else null),
  // textLayer: the text layer element, speech?: a speechSynthesis to use instead of the
  // window's}.
  create(env) {
    // The platform's speech, looked up when a reading starts (a polyfill or a test's
    // fake may come after the page's scripts).
    let synth = /** @type {SpeechSynthesis | null} */ (null);
    const RATES = [0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.5, 1.75, 2];
    const RATE_KEY = `${DigestConstants.storage.prefix}listenRate`;
    const VOICE_KEY = `${DigestConstants.storage.prefix}listenVoice`;
    const AHEAD = 2; // utterances queued past the one being spoken
    const MORE = 8; // sentences asked for at a time
    const HIGHLIGHT = 'digest-speaking';

    const state = {
      on: false,
      paused: false,
      generation: 0, // bumped on every cancel: events of older utterances are ignored
      sentences: /** @type {any[]} */ ([]),
      end: false,
      current: -1,
      queuedTo: -1, // the last sentence handed to speechSynthesis
      waitTimer: 0,
      moreTimer: 0,
      issue: '',
      issueTitle: '',
      date: '',
      voice: /** @type {SpeechSynthesisVoice | null} */ (null),
      rate: Number(safeGet(RATE_KEY)) || 1,
      following: true,
      saveTimer: 0,
    };
    if (!RATES.includes(state.rate)) state.rate = 1;

    // The reader's choices (rate, voice), kept in localStorage when it may be used.
    function safeGet(key) {
      try {
        return localStorage.getItem(key);
      } catch (error) {
        return null;
      }
    }
    function safeSet(key, value) {
      try {
        localStorage.setItem(key, value);
      } catch (error) {
        /* private mode: this reading only */
      }
    }

    //---------------------------------------------------------------------------
    // [SECTION] Voices
    //---------------------------------------------------------------------------

    // The device's Japanese voices: its own before network ones, the default first.
    function japaneseVoices() {
      const voices = synth.getVoices().filter((v) => /^ja([-_]|$)/i.test(v.lang));
      voices.sort((a, b) => Number(b.localService) - Number(a.localService) || Number(b.default) - Number(a.default));
      return voices;
    }
    // The one the reader chose last, else the first.
    function japaneseVoice() {
      const voices = japaneseVoices();
      return voices.find((v) => v.name === safeGet(VOICE_KEY)) || voices[0] || null;
    }

    // The list may come a moment after the page loads ('voiceschanged').
    function findVoice() {
      return new Promise((resolve) => {
        const now = japaneseVoice();
        if (now || synth.getVoices().length) {
          resolve(now);
          return;
        }
        const done = () => {
          clearTimeout(timer);
          synth.removeEventListener('voiceschanged', done);
          resolve(japaneseVoice());
        };
        const timer = setTimeout(done, 1500);
        synth.addEventListener('voiceschanged', done);
      });
    }

    //---------------------------------------------------------------------------
    // [SECTION] The player bar
    //---------------------------------------------------------------------------

    const bar = document.createElement('div');
    bar.id = 'listen-bar';
    bar.setAttribute('role', 'region');
    bar.setAttribute('aria-label', '読み上げ');
    bar.hidden = true;
    const title = document.createElement('span');
    title.className = 'listen-title';
    // Icons drawn as SVG (24 × 24): no font has to hold them.
    const ICONS = {
      previousSection: 'M5 5h2.5v14H5zM20 5v14L9 12z',
      previousSentence: 'M11.5 5v14L3 12zM21 5v14l-8.5-7z',
      pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
      play: 'M7 5v14l12-7z',
      nextSentence: 'M12.5 5v14L21 12zM3 5v14l8.5-7z',
      nextSection: 'M4 5v14l11-7zM16.5 5H19v14h-2.5z',
      stop: 'M6.5 5 5 6.5 10.5 12 5 17.5 6.5 19 12 13.5 17.5 19 19 17.5 13.5 12 19 6.5 17.5 5 12 10.5z',
    };
    function icon(name) {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 24 24');
      svg.setAttribute('aria-hidden', 'true');
      const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', ICONS[name]);
      svg.append(path);
      return svg;
    }
    // A button named for screen readers and tooltips; its face is an icon or words.
    function button(face, name, action) {
      const b = document.createElement('button');
      b.type = 'button';
      if (face in ICONS) {
        b.append(icon(face));
        b.className = 'icon';
      } else {
        b.textContent = face;
      }
      b.setAttribute('aria-label', name);
      b.title = name;
      b.addEventListener('click', action);
      return b;
    }
    const resumeButton = button('続きから聞く', '続きから聞く', () => startAt(kept));
    const hereButton = button('この位置から聞く', 'この位置から聞く', () => startAt(null));
    const previousSection = button('previousSection', '前の見出し', () => stepSection(-1));
    const previousSentence = button('previousSentence', '前の文', () => stepSentence(-1));
    const pauseButton = button('pause', '一時停止', () => (state.paused ? resume() : pause()));
    const nextSentence = button('nextSentence', '次の文', () => stepSentence(1));
    const nextSection = button('nextSection', '次の見出し', () => stepSection(1));
    const backButton = button('読み上げ位置へ戻る', '読み上げ位置へ戻る', () => follow());
    backButton.className = 'listen-back';
    const rate = document.createElement('select');
    rate.setAttribute('aria-label', '読み上げの速さ');
    for (const value of RATES) {
      const option = document.createElement('option');
      option.value = String(value);
      option.textContent = `${value}×`;
      rate.append(option);
    }
    rate.value = String(state.rate);
    rate.addEventListener('change', () => setRate(Number(rate.value)));
    // The voice, when the device has more than one Japanese voice.
    const voicePicker = document.createElement('select');
    voicePicker.setAttribute('aria-label', '読み上げの声');
    voicePicker.className = 'listen-voice';
    voicePicker.addEventListener('change', () => setVoice(voicePicker.value));
    function listVoices() {
      const voices = japaneseVoices();
      voicePicker.replaceChildren(
        ...voices.map((v) => {
          const option = document.createElement('option');
          option.value = option.textContent = v.name;
          return option;
        }),
      );
      voicePicker.value = state.voice ? state.voice.name : '';
      voicePicker.dataset.voices = String(voices.length);
    }
    const stopButton = button('stop', '読み上げを止める', () => stop());
    stopButton.title = '読み上げを止める (l)';
    const players = [previousSection, previousSentence, pauseButton, nextSentence, nextSection, rate, voicePicker];
    bar.append(title, resumeButton, hereButton, ...players, backButton, stopButton);
    document.body.append(bar);

    // At the window's foot; in a height=auto embed, at the foot of the part the host shows.
    function place() {
      if (bar.hidden) return;
      const foot = env.visibleFoot ? env.visibleFoot() : null;
      bar.classList.toggle('in-band', foot !== null);
      if (foot === null) bar.style.removeProperty('top');
      else bar.style.setProperty('top', `${Math.max(0, Math.round(foot - bar.offsetHeight - 12))}px`);
    }

    // Choosing where to start (a kept place for this issue), or playing.
    function showBar(choosing) {
      bar.hidden = false;
      bar.classList.toggle('choosing', choosing);
      resumeButton.hidden = hereButton.hidden = !choosing;
      for (const control of players) control.hidden = choosing;
      voicePicker.hidden =
        choosing || voicePicker.dataset.voices === undefined || Number(voicePicker.dataset.voices) < 2;
      backButton.hidden = choosing || state.following;
      pauseButton.replaceChildren(icon(state.paused ? 'play' : 'pause'));
      pauseButton.setAttribute('aria-label', state.paused ? '再開' : '一時停止');
      pauseButton.title = pauseButton.getAttribute('aria-label') || '';
      pauseButton.setAttribute('aria-pressed', String(state.paused));
      place();
    }

    function setTitle(text) {
      title.textContent = text;
    }

    //---------------------------------------------------------------------------
    // [SECTION] Speaking
    //---------------------------------------------------------------------------

    let kept = /** @type {{issue: string, part: string, ordinal: number, title: string} | null} */ (null);

    // 読み上げ pressed (the bar's button, l, the mirror): stops a reading, else starts
    // one; with a kept place in this issue, the reader chooses first.
    async function toggle() {
      if (state.on || !bar.hidden) {
        stop();
        return;
      }
      if (!env.enabled()) return;
      synth = env.speech !== undefined ? env.speech : window.speechSynthesis || null;
      if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') {
        env.announce('このブラウザは読み上げに対応していません');
        return;
      }
      state.voice = await findVoice();
      listVoices();
      if (!state.voice) {
        env.announce(
          'この端末には日本語の読み上げ音声がありません。端末の設定で日本語の音声を追加すると読み上げられます',
          {
            long: true,
          },
        );
        return;
      }
      kept = await env.reading.loadListening().catch(() => null);
      if (kept && kept.issue === env.issueId()) {
        setTitle(kept.title ? `「${kept.title}」の途中から` : '');
        showBar(true);
        resumeButton.focus();
        return;
      }
      startAt(null);
    }

    // A reading from a kept place, or (null) from the screen's top.
    function startAt(place) {
      const viewer = env.viewer();
      if (!viewer) return;
      cancel();
      const answer = place ? viewer.listenStart(place.part, place.ordinal) : viewer.listenStart('', -1);
      if (!answer || !answer.ok || !answer.sentences.length) {
        env.announce(answer && answer.error ? answer.error : '読み上げる文がありません');
        hide();
        return;
      }
      Object.assign(state, {
        on: true,
        paused: false,
        sentences: answer.sentences,
        end: answer.end,
        issue: answer.issue,
        issueTitle: answer.issueTitle,
        date: answer.date,
        following: true,
      });
      showBar(false);
      mediaSession(true);
      speakFrom(0);
      pauseButton.focus();
      env.onChange(true);
    }

    function cancel() {
      state.generation++;
      clearTimeout(state.waitTimer);
      if (synth) synth.cancel();
      state.queuedTo = -1;
    }

    // Says sentence n, then goes on.
    function speakFrom(n) {
      cancel();
      if (!state.sentences[n]) return;
      state.current = n;
      queue(n);
      topUp();
    }

    function queue(n) {
      const sentence = state.sentences[n];
      const generation = state.generation;
      const utterance = new SpeechSynthesisUtterance(sentence.text);
      utterance.lang = 'ja-JP';
      if (state.voice) utterance.voice = state.voice;
      utterance.rate = state.rate;
      utterance.onstart = () => generation === state.generation && started(n);
      utterance.onend = () => generation === state.generation && ended(n);
      utterance.onerror = (event) => {
        if (generation !== state.generation) return;
        // 'interrupted' and 'canceled' are ours; anything else ends the reading.
        if (event.error === 'interrupted' || event.error === 'canceled') return;
        env.announce(`読み上げを続けられません (${event.error})`);
        stop();
      };
      state.queuedTo = n;
      synth.speak(utterance);
    }

    // Queues up to AHEAD sentences past the current one, up to a pause.
    function topUp() {
      while (state.queuedTo < state.current + AHEAD) {
        const next = state.sentences[state.queuedTo + 1];
        if (!next || next.pauseMs > 0) break;
        queue(state.queuedTo + 1);
      }
      askForMore();
    }

    function askForMore() {
      if (state.end || state.sentences.length - state.current > MORE || state.moreTimer) return;
      const viewer = env.viewer();
      if (!viewer) return;
      const answer = viewer.listenMore(MORE);
      if (!answer) return;
      state.sentences.push(...answer.sentences);
      state.end = answer.end;
      // None yet: the page is still being laid out.
      if (!answer.sentences.length && !answer.end) {
        state.moreTimer = setTimeout(() => {
          state.moreTimer = 0;
          askForMore();
          if (state.on && !state.paused && state.queuedTo === state.current) topUp();
        }, 300);
      }
    }

    function started(n) {
      state.current = n;
      const sentence = state.sentences[n];
      const viewer = env.viewer();
      const at = viewer ? viewer.listenAt(n) : null;
      state.following = !at || at.following;
      light(at ? at.marks : []);
      showBar(false);
      setTitle(sentence.title);
      mediaMetadata(sentence);
      keep();
      topUp();
    }

    function ended(n) {
      if (n !== state.queuedTo) return; // the next one is queued and starts by itself
      askForMore();
      const next = state.sentences[n + 1];
      if (!next) {
        if (state.end) finish();
        return;
      }
      const generation = state.generation;
      state.waitTimer = setTimeout(() => {
        if (generation !== state.generation) return;
        state.current = n + 1;
        queue(n + 1);
        topUp();
      }, next.pauseMs / state.rate);
    }

    // Read to the end of the issue: the place is forgotten, the bar goes.
    function finish() {
      env.reading.setListening(null).catch(() => {});
      env.announce('最後まで読み上げました');
      stop(false);
    }

    function pause() {
      if (!state.on || state.paused) return;
      state.paused = true;
      cancel();
      showBar(false);
      mediaSession(true);
    }

    function resume() {
      if (!state.on || !state.paused) return;
      state.paused = false;
      showBar(false);
      mediaSession(true);
      speakFrom(state.current);
    }

    function setVoice(name) {
      const voice = japaneseVoices().find((v) => v.name === name);
      if (!voice) return;
      state.voice = voice;
      safeSet(VOICE_KEY, name);
      if (state.on && !state.paused) speakFrom(state.current); // the sentence again, in the new voice
    }

    function setRate(value) {
      state.rate = RATES.includes(value) ? value : 1;
      rate.value = String(state.rate);
      safeSet(RATE_KEY, String(state.rate));
      if (state.on && !state.paused) speakFrom(state.current); // the sentence again, at the new rate
    }

    // Ends the reading (keeping where it was, unless `keepPlace` is false).
    function stop(keepPlace = true) {
      const wasOn = state.on;
      cancel();
      clearTimeout(state.moreTimer);
      state.moreTimer = 0;
      if (wasOn && keepPlace) keep(true);
      state.on = false;
      state.paused = false;
      state.sentences = [];
      state.current = -1;
      const viewer = env.viewer();
      if (wasOn && viewer) viewer.listenAt(-1);
      light([]);
      hide();
      mediaSession(false);
      if (wasOn) env.onChange(false);
    }

    function hide() {
      bar.hidden = true;
    }

    // The place, kept in the reading log a moment after it changes (and at once on stop).
    function keep(now = false) {
      clearTimeout(state.saveTimer);
      const sentence = state.sentences[state.current];
      if (!sentence) return;
      const place = { issue: state.issue, part: sentence.part, ordinal: sentence.ordinal, title: sentence.title };
      const save = () => env.reading.setListening(place).catch(() => {});
      if (now) save();
      else state.saveTimer = setTimeout(save, 1000);
    }

    //---------------------------------------------------------------------------
    // [SECTION] Moving and the page
    //---------------------------------------------------------------------------

    function stepSentence(step) {
      if (!state.on) return;
      if (step > 0 && !state.sentences[state.current + 1]) askForMore();
      const target = Math.max(0, state.current + step);
      if (!state.sentences[target]) return;
      state.paused = false;
      speakFrom(target);
      showBar(false);
    }

    // The next heading, or back to the start of this one (the one before when it has
    // only just begun).
    function stepSection(step) {
      if (!state.on) return;
      let target = -1;
      if (step > 0) {
        for (let n = state.current + 1; target < 0; n++) {
          if (!state.sentences[n]) {
            if (state.end) break;
            const before = state.sentences.length;
            askForMore();
            if (state.sentences.length === before) break;
          }
          if (state.sentences[n] && state.sentences[n].heading) target = n;
        }
      } else {
        const headings = state.sentences
          .map((s, n) => (s.heading && n <= state.current ? n : -1))
          .filter((n) => n >= 0);
        target = headings.length ? headings[headings.length - 1] : 0;
        if (state.current - target <= 1 && headings.length > 1) target = headings[headings.length - 2];
      }
      if (target < 0) return;
      state.paused = false;
      speakFrom(target);
      showBar(false);
    }

    function follow() {
      const viewer = env.viewer();
      if (viewer) viewer.listenFollow();
      state.following = true;
      showBar(false);
    }

    // The sentence in the text layer: a custom highlight over its DOM text (marks from
    // the viewer: the element by data-box, UTF-16 offsets of its text). Unstyled: the
    // canvas paints what the reader sees; this tells the DOM (and its tests) where it is.
    function light(marks) {
      if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight !== 'function') return;
      const ranges = [];
      for (const { box, from, to } of marks) {
        const element = env.textLayer.querySelector(`[data-box="${CSS.escape(box)}"]`);
        const range = element && rangeIn(element, from, to);
        if (range) ranges.push(range);
      }
      if (ranges.length) CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
      else CSS.highlights.delete(HIGHLIGHT);
    }

    function rangeIn(element, from, to) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let at = 0;
      let started = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.nodeValue ? node.nodeValue.length : 0;
        if (!started && from <= at + length) {
          range.setStart(node, from - at);
          started = true;
        }
        if (started && to <= at + length) {
          range.setEnd(node, to - at);
          return range;
        }
        at += length;
      }
      return null;
    }

    // A phone's lock screen and headset buttons.
    function mediaSession(on) {
      if (!('mediaSession' in navigator)) return;
      const session = navigator.mediaSession;
      session.playbackState = !on ? 'none' : state.paused ? 'paused' : 'playing';
      const handlers = {
        play: resume,
        pause,
        stop: () => stop(),
        previoustrack: () => stepSection(-1),
        nexttrack: () => stepSection(1),
        seekbackward: () => stepSentence(-1),
        seekforward: () => stepSentence(1),
      };
      for (const [action, handler] of Object.entries(handlers)) {
        try {
          session.setActionHandler(/** @type {MediaSessionAction} */ (action), on ? handler : null);
        } catch (error) {
          /* an action this browser does not know */
        }
      }
      if (!on) session.metadata = null;
    }

    function mediaMetadata(sentence) {
      if (!('mediaSession' in navigator) || typeof MediaMetadata !== 'function') return;
      const current = navigator.mediaSession.metadata;
      if (current && current.title === sentence.title) return;
      navigator.mediaSession.metadata = new MediaMetadata({
        title: sentence.title,
        artist: state.issueTitle,
        album: state.date,
      });
    }

    return {
      toggle,
      place,
      // The viewer ended the reading (another issue or filter).
      stop: () => stop(),
      pause,
      resume,
      state: () => ({
        on: state.on,
        paused: state.paused,
        current: state.current,
        sentence: state.sentences[state.current] || null,
        following: state.following,
        rate: state.rate,
        voice: state.voice ? state.voice.name : null,
      }),
    };
  },
};
