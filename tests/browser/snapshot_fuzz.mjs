// Fuzzes the first-screen reader (web/prepaint.js firstScreenMarkup) in the page it
// runs in: a real snapshot's markup, spliced with hostile and random pieces, must come
// out as the text layer's own elements and attributes only, without a throw. Used by
// tests/browser/stored.test.mjs (seconds) and tools/fuzz_snapshot.mjs (make fuzz).

// Resolves to {runs, failures: [{input, problem}]} after `seconds` of fuzzing in `page`
// (a viewer page: DigestPrepaint is loaded).
export function fuzzFirstScreen(page, seconds, seed = 1) {
  return page.evaluate(([seconds, seed]) => {
    const PIECES = [
      '<meta http-equiv="refresh" content="0;url=https://evil.example/">', '<base href="https://evil.example/">',
      '<form action="https://evil.example/"><input name=q></form>', '<iframe src="https://evil.example/"></iframe>',
      '<object data="x.swf"></object>', '<embed src=x>', '<script>window.pwned=1</script>', '<img src=x onerror="window.pwned=1">',
      '<svg><a href="https://evil.example/">x</a><script>1</script></svg>', '<math><mi><style>*{}</style></mi></math>',
      ' onclick="window.pwned=1"', ' style="background:url(https://evil.example/)"', '<a href="javascript:alert(1)">j</a>',
      '<a href=" java\tscript:alert(1)">t</a>', '<a href="data:text/html,x">d</a>', '<a href="//evil.example/">p</a>',
      '<!--', '-->', '<![CDATA[', ']]>', '<template><p>t</p></template>', '<noscript><p>n</p></noscript>',
      '<p data-box="0 0 0 0;background:red">b</p>', '<p data-box="1e9 2 3 4">e</p>', '<p data-box="NaN 2 3 4">n</p>',
      '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">', '<select><template><style>', '<table><a>',
      '<p', '</p>', '<', '>', '"', "'", '&lt;', '&#0;', '\u0000', '\u202e', '<h1 aria-label="x" id="y">h</h1>',
      '<a href="https://example.org/" target="_top" rel="opener">r</a>', '<article id="a" data-article="a">',
      '</article>', '<aside id="afterword">', '<br aria-hidden="true">', '<strong><em><code><del>', '<link rel=stylesheet href=x>',
      '<style>body{display:none}</style>', '<xmp><p>', '<plaintext>', '<frameset>', '<isindex>', '<keygen>',
      '<div is="x" slot="y" part="z" popover>', '<span tabindex=1 contenteditable>', '<p formaction=x>',
      '<button type="submit" formaction="https://evil.example/" data-copy="a">b</button>', '<button onclick="x()">',
    ];
    const ELEMENTS = new Set(['article', 'aside', 'h1', 'h2', 'h3', 'p', 'pre', 'span', 'a', 'button', 'br', 'strong',
      'em', 'code', 'del']);
    const ATTRIBUTES = new Set(['id', 'class', 'data-box', 'data-article', 'aria-label', 'aria-hidden']);
    const LINK = new Set(['href', 'target', 'rel', 'data-copy']);
    // A small deterministic generator: a failure is replayed by its seed and run.
    let state = seed >>> 0 || 1;
    const random = () => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return (state >>> 0) / 4294967296; };
    const pick = (list) => list[Math.floor(random() * list.length)];
    const base = document.getElementById('text-layer').innerHTML || '<article id="a"><p data-box="1 2 3 4">x</p></article>';
    const mutate = () => {
      let text = random() < 0.7 ? base : '';
      const steps = 1 + Math.floor(random() * 8);
      for (let i = 0; i < steps; i++) {
        const at = Math.floor(random() * (text.length + 1));
        const r = random();
        if (r < 0.6) text = text.slice(0, at) + pick(PIECES) + text.slice(at);
        else if (r < 0.8) text = text.slice(0, at) + text.slice(at + Math.floor(random() * 40));
        else text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at);
      }
      return text;
    };
    const check = (fragment) => {
      const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_ALL);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) continue;
        if (node.nodeType !== Node.ELEMENT_NODE) return `a node of type ${node.nodeType}`;
        if (!ELEMENTS.has(node.localName) || node.namespaceURI !== 'http://www.w3.org/1999/xhtml') return `<${node.localName}>`;
        for (const { name, value } of node.attributes) {
          if (node.localName === 'button' && ((name === 'type' && value === 'button') || name === 'data-copy')) continue;
          if (ATTRIBUTES.has(name) || (node.localName === 'a' && LINK.has(name))) {
            if (name === 'data-box' && !/^-?\d+(\.\d+)? -?\d+(\.\d+)? -?\d+(\.\d+)? -?\d+(\.\d+)?$/.test(value)) return `data-box="${value}"`;
            if (name === 'href' && !['http:', 'https:', 'mailto:'].includes(new URL(value, location.href).protocol)) return `href="${value}"`;
            if (name === 'target' && value !== '_blank') return `target="${value}"`;
            continue;
          }
          return `${name}="${value}"`;
        }
      }
      return null;
    };
    const failures = [];
    let runs = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end && failures.length < 5) {
      const input = mutate();
      runs++;
      try {
        const fragment = window.DigestPrepaint.firstScreenMarkup(input);
        const problem = fragment ? check(fragment) : 'no fragment for a string';
        if (problem) failures.push({ input: input.slice(0, 2000), problem });
      } catch (error) {
        failures.push({ input: input.slice(0, 2000), problem: `threw ${error}` });
      }
    }
    if (window.pwned) failures.push({ input: '', problem: 'a script or handler ran' });
    return { runs, failures };
  }, [seconds, seed]);
}
