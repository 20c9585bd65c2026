#!/usr/bin/python3
"""Cuts the reading font into slices by character frequency (issue 11, step 1).

Japanese web fonts are served in slices so that a page downloads only the glyphs its
text uses. Our slices:

  slice 0   what every page needs: ASCII, Latin-1, punctuation, kana, full-width
            forms, the characters of the viewer's own strings (src/), and the BASE
            most frequent kanji;
  slice 1+  the rest of the character set (subset.py's: JIS X 0208 and friends), kanji
            by newspaper frequency (KANJIDIC's F ranks, Debian package `kanjidic`),
            unranked characters after them in code point order, SIZE characters a slice.

`--measure` prints, for several BASE and SIZE, the slices' brotli sizes and what each
given issue would fetch (slice count and bytes), to choose them by measurement.
Without it, writes the slices and slices.json (which characters each holds) to --out.

Usage:
  slice.py --font F.ttf --measure ISSUE.json...
  slice.py --font F.ttf --out DIR [--base N] [--size N]
"""
import argparse
import glob
import io
import json
import os
import re
import sys

import brotli
from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import subset as font_subset  # noqa: E402  (the character set and the subsetting options)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KANJIDIC = "/usr/share/edict/kanjidic"


def kanji_frequency():
    """{kanji: rank} from KANJIDIC's F field (1 = most frequent in newspapers)."""
    ranks = {}
    with open(KANJIDIC, "rb") as f:
        for line in f.read().decode("euc_jp", errors="replace").splitlines():
            match = re.search(r" F(\d+)", line)
            if match and line and not line.startswith("#"):
                ranks[line[0]] = int(match.group(1))
    return ranks


def is_kanji(ch):
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


def ui_characters():
    """Non-ASCII characters the viewer itself draws (its strings live in src/)."""
    chars = set()
    for path in glob.glob(os.path.join(ROOT, "src", "**", "*.cpp"), recursive=True):
        with open(path, encoding="utf-8") as f:
            chars |= {ch for ch in f.read() if ord(ch) > 0x7F}
    return chars


def issue_characters(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    chars = set()

    def walk(value):
        if isinstance(value, str):
            chars.update(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    walk(data)
    return chars


def plan(present, ranks, ui, base, size):
    """[set of characters] per slice; `ui`: the viewer's own characters."""
    ui = ui & present
    kanji = sorted((c for c in present if is_kanji(c)), key=lambda c: (ranks.get(c, 10**6), ord(c)))
    first = {c for c in present if not is_kanji(c)} | {c for c in ui if is_kanji(c)} | set(kanji[:base])
    rest = [c for c in kanji if c not in first]
    return [first] + [set(rest[i:i + size]) for i in range(0, len(rest), size)]


def cut(font_bytes, chars):
    font = TTFont(io.BytesIO(font_bytes), lazy=False, recalcTimestamp=False)
    options = font_subset.subset_options()
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", required=True)
    parser.add_argument("--measure", nargs="*", help="issues to measure what they would fetch")
    parser.add_argument("--out")
    parser.add_argument("--base", type=int, default=600)
    parser.add_argument("--size", type=int, default=300)
    args = parser.parse_args()

    with open(args.font, "rb") as f:
        font_bytes = f.read()
    cmap = TTFont(io.BytesIO(font_bytes)).getBestCmap()
    present = {c for c in font_subset.character_set() if ord(c) in cmap}
    ranks = kanji_frequency()
    ui = ui_characters()

    if args.measure is not None:
        issues = {os.path.basename(p): issue_characters(p) | ui for p in args.measure}
        whole = len(brotli.compress(cut(font_bytes, present), quality=11))
        print(f"one file, {len(present)} characters: {whole:,} B brotli")
        # The floor: exactly the characters an issue (and the viewer's strings) use.
        for name, chars in issues.items():
            exact = chars & present
            print(f"{name}: exactly its {len(exact)} characters: "
                  f"{len(brotli.compress(cut(font_bytes, exact), quality=11)):,} B brotli", flush=True)
        for base, size in [(300, 300), (600, 300), (1000, 300), (600, 150), (600, 600), (1000, 500)]:
            slices = plan(present, ranks, ui, base, size)
            sizes = [len(brotli.compress(cut(font_bytes, s), quality=11)) for s in slices]
            line = f"base {base:4} size {size:3}: {len(slices):2} slices, slice 0 {sizes[0]:,} B, others {sum(sizes[1:]) // max(1, len(sizes) - 1):,} B on average"
            for name, chars in issues.items():
                used = [i for i, s in enumerate(slices) if s & chars]
                line += f"; {name}: {len(used)} slices {sum(sizes[i] for i in used):,} B"
            print(line, flush=True)
        return

    os.makedirs(args.out, exist_ok=True)
    stem = os.path.splitext(os.path.basename(args.font))[0]
    table = []
    for i, chars in enumerate(plan(present, ranks, ui, args.base, args.size)):
        name = f"{stem}.s{i:02}.ttf"
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(cut(font_bytes, chars))
        table.append({"file": name, "chars": "".join(sorted(chars))})
    with open(os.path.join(args.out, stem + ".slices.json"), "w", encoding="utf-8") as f:
        json.dump({"font": stem, "slices": table}, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
