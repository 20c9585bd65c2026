#!/usr/bin/env python3
"""Checks that the three descriptions of the JavaScript <-> wasm boundary agree.

The boundary is written down in src/platform/host_protocol.hpp (every exported call and
every event), implemented in src/ (DIGEST_EXPORT definitions, event builders), described
in docs/host-protocol.md, and used by web/ (module._digest_* calls, the event handlers
of app.js and the parts it creates). A call or an event renamed, added or dropped in one place and not the
others fails `make test` here, with what differs where.

    tools/check_protocol.py [--root DIR]
"""
import argparse
import pathlib
import re
import sys

EXPORT = re.compile(r'DIGEST_EXPORT\s+[\w:<>\s\*&]+?\b(digest_\w+)\s*\(')


def read(root, pattern):
    return {path: path.read_text(encoding='utf-8') for path in sorted(root.glob(pattern))}


def section(text, start, end=None):
    """The text between a heading line `start` and the next `end` heading."""
    at = text.find(start)
    if at < 0:
        return ''
    rest = text[at + len(start):]
    stop = rest.find(end) if end else -1
    return rest if stop < 0 else rest[:stop]


def facts(root):
    header = (root / 'src/platform/host_protocol.hpp').read_text(encoding='utf-8')
    sources = read(root, 'src/**/*.cpp')
    docs = (root / 'docs/host-protocol.md').read_text(encoding='utf-8')
    scripts = read(root, 'web/*.js')
    app = (root / 'web/app.js').read_text(encoding='utf-8')
    # app.js's eventHandlers, and the `handlers` each part it spreads into them returns.
    handlers = section(app, 'const eventHandlers = {', '\n  };')
    for part in re.findall(r'^    \.\.\.(\w+)\.handlers,', handlers, re.M):
        created = re.search(rf'const {part} = window\.(\w+)\.create', app)
        owner = next((text for text in scripts.values() if created and f'window.{created.group(1)} =' in text), '')
        handlers += section(owner, '      handlers: {', '\n      },').replace('\n    ', '\n')
    browser = sources.get(root / 'src/platform/browser.cpp', '')
    return {
        'calls declared in host_protocol.hpp': set(EXPORT.findall(header)),
        'calls defined in src/': {name for text in sources.values() for name in EXPORT.findall(text)},
        'calls in docs/host-protocol.md': set(re.findall(r'^\| `(digest_\w+)\(', docs, re.M)),
        # web/bridge.js names each call once: call('name', ...), callJson(...), giveFont(...).
        'calls made by web/ and browser.cpp': {
            'digest_' + name for text in [*scripts.values(), browser]
            for name in re.findall(r'\b_digest_(\w+)', text) + re.findall(r"\b(?:call|callJson|giveFont)\('(\w+)'", text)},
        'events declared in host_protocol.hpp': set(re.findall(r'//\s*\{"type":"(\w+)"', header)),
        'events built in src/': {
            name for text in sources.values()
            for name in re.findall(r'\bevent\("(\w+)"\)', text) + re.findall(r'\{"type", "(\w+)"\}', text)},
        'events in docs/host-protocol.md':
            set(re.findall(r'^\| `(\w+)` \|', section(docs, '## Events', '\n## '), re.M)) - {'type'},  # the header row
        'events handled by web/': set(re.findall(r'^    (\w+):', handlers, re.M)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--root', default=pathlib.Path(__file__).resolve().parent.parent, type=pathlib.Path)
    root = parser.parse_args().root
    found = facts(root)
    problems = []
    # The bridge is the only page code that touches the Emscripten module.
    for path in sorted(root.glob('web/*.js')):
        if path.name != 'bridge.js' and re.search(r'\b_digest_\w+|HEAPU8|createDigestViewer', path.read_text(encoding='utf-8')):
            problems.append(f'web/{path.name} touches the Emscripten module: only web/bridge.js may')
    for kind in ('calls', 'events'):
        views = {name: names for name, names in found.items() if name.startswith(kind)}
        if any(not names for names in views.values()):
            empty = [name for name, names in views.items() if not names]
            problems.append(f'found no {kind} in: {", ".join(empty)} (has the layout of a file changed?)')
            continue
        everything = set().union(*views.values())
        for name in sorted(everything):
            missing = [where for where, names in views.items() if name not in names]
            if missing:
                problems.append(f'{name}: missing from {"; ".join(missing)}')
    if problems:
        print('host protocol: the header, the sources, the docs and the page disagree:', file=sys.stderr)
        for problem in problems:
            print(f'  {problem}', file=sys.stderr)
        return 1
    calls = len(found['calls declared in host_protocol.hpp'])
    events = len(found['events declared in host_protocol.hpp'])
    print(f'host protocol: {calls} calls and {events} events agree in the header, src/, docs and web/')
    return 0


if __name__ == '__main__':
    sys.exit(main())
