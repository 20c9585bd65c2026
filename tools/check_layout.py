#!/usr/bin/env python3
"""Checks that the README's layout block names every file of the repository.

The block (README.md, "## Layout") has a line per folder: the folder at the start of
the line, then its files, described. A file is named there by its path, its name, or its
stem with `.*` (`issue.*` for issue.cpp and issue.hpp), in the lines of its folder or of
a folder above it (`tests/` may say `browser/harness.mjs`). Only collections are
covered by their folder's name alone: the tests themselves (test_*.cpp, *.test.mjs),
fixtures, saved fuzz inputs, sample issues and icons. A file added without
a word in the README fails `make test`, with its path.

    tools/check_layout.py [--root DIR]
"""
import argparse
import fnmatch
import pathlib
import re
import subprocess
import sys

# Folders whose files the block may name as a whole (their name is enough).
COLLECTIONS = ('tests/fixtures/', 'tests/fuzz/regressions/', 'tests/fuzz/seeds/', 'tests/spec/', 'web/issues/',
               'web/icons/')
TESTS = re.compile(r'(^|/)(test_[\w]+\.cpp|[\w.-]+\.test\.mjs)$')
# Repository housekeeping, not part of the layout.
HOUSEKEEPING = {'.gitignore', '.npmrc', '.clang-format', '.editorconfig', '.prettierrc.json', '.prettierignore',
                'README.md', 'package.json', 'package-lock.json', '.ci/run'}


def layout_block(readme):
    text = readme.split('## Layout', 1)[1]
    return text.split('```', 2)[1]


def sections(block):
    """{folder: text of its lines} (folder '' for the top line of root files)."""
    out = {}
    folder = None
    for line in block.splitlines():
        if not line.strip():
            continue
        if not line.startswith(' '):
            first = line.split()[0]
            folder = first if first.endswith('/') else ''
            if first.endswith('/') is False and '/' in first:  # "src/main.cpp  wires ..."
                folder = ''
        out[folder] = out.get(folder, '') + ' ' + line
    return out


def named(path, texts):
    """Whether `path` is named in the text of its folder or a folder above it: by its
    path from that folder, or by a pattern (`issue.*`, `paint_*.cpp`, `*.mjs`)."""
    parts = path.split('/')
    for depth in range(len(parts) - 1, -1, -1):
        folder = '/'.join(parts[:depth]) + ('/' if depth else '')
        text = texts.get(folder)
        if text is None:
            continue
        rest = '/'.join(parts[depth:])
        for token in re.findall(r'[\w./*+-]+', text):
            token = token.rstrip('.,')
            if token in (rest, path) or ('*' in token and fnmatch.fnmatchcase(rest, token)):
                return True
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--root', default=pathlib.Path(__file__).resolve().parent.parent, type=pathlib.Path)
    parser.add_argument('--files', help='a file listing the paths (default: git ls-files)')
    args = parser.parse_args()
    if args.files:
        files = pathlib.Path(args.files).read_text(encoding='utf-8').split()
    else:
        files = subprocess.run(['git', 'ls-files'], cwd=args.root, capture_output=True, text=True, check=True).stdout.split()
    texts = sections(layout_block((args.root / 'README.md').read_text(encoding='utf-8')))
    unnamed = []
    for path in files:
        if path in HOUSEKEEPING or TESTS.search(path) or path.startswith(COLLECTIONS):
            continue
        if not named(path, texts):
            unnamed.append(path)
    if unnamed:
        print("README.md's layout does not name these files (add each to its folder's line):", file=sys.stderr)
        for path in unnamed:
            print(f'  {path}', file=sys.stderr)
        return 1
    print(f'README layout: all {len(files)} files named or in a listed collection')
    return 0


if __name__ == '__main__':
    sys.exit(main())
