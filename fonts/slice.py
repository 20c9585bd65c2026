#!/usr/bin/python3
"""Cuts the reading font into slices, so a page downloads only the glyphs its text uses.

Japanese web fonts are served in slices so that a page downloads only the glyphs its
text uses (docs/fonts.md). Ours, for each weight (Regular and Bold, the same cut):

  slice 0   what every page needs: ASCII, Latin-1, punctuation, kana, full-width
            forms, the characters of the viewer's own strings (src/), and the BASE
            most frequent kanji;
  slice 1+  the rest of the character set (subset.py's: JIS X 0208 and friends), kanji
            by newspaper frequency (KANJIDIC's F ranks, Debian package `kanjidic`),
            unranked characters after them in code point order, SIZE characters a slice;
  an issue's slice
            the characters of one issue that slice 0 lacks (made when the issue is
            published, by the build for the bundled ones): with slice 0 it draws the
            whole issue, so a first view fetches two small files.

Usage:
  slice.py --font F.ttf --measure ISSUE.json...       what slicings would fetch
  slice.py --fonts DIR --out DIR [--base N] [--size N]  slices + slices.json
  slice.py --fonts DIR --table slices.json --issue ISSUE.json... --out DIR
                                                      each issue's slice (both weights;
                                                      many in one run: the fonts are read once)

--fonts is the folder of BIZUDPGothic-{Regular,Bold}.ttf. The slices are written as
`<out>/BIZUDPGothic-<Weight>.s00.ttf` (the page names slice 0; the site's stamp gives
it a hashed name) and `<out>/slices/<Weight>.<hash>.ttf`; the table slices.json:

  {"format": "digest-font-slices/1", "weights": ["regular", "bold"],
   "files": {"regular": [...], "bold": [...]},   # slice i of each weight, under <out>
   "chars": ["...", ...],                        # the characters of slice i
   "square": {"regular": [...], "bold": [...]}}  # slice i of each weight: square()

A slice is square when each of its characters is East Asian Wide and advances exactly
one em: the viewer draws such a character in the browser's font in the same place
(a wide character it borrows gets one em), so a page may draw them at once and take
the slice's glyphs when it arrives, nothing moving (web/fonts.js).

An issue's slice is `<out>/issues/<stem>-regular.ttf` and `-bold.ttf`, `<stem>` the
name of the issue's file (2026-11-25.json -> 2026-11-25).
"""
import argparse
import glob
import hashlib
import io
import json
import os
import re
import sys
import unicodedata

import logging

import brotli
from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import subset as font_subset  # noqa: E402  (the character set and the subsetting options)

# The subsetter says it drops the 'meta' table for every cut; we know.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

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
    # lazy: only the glyphs kept are decompiled (18x faster than loading all 13,932;
    # the output is byte-identical). No timestamp: the same input gives the same bytes.
    font = TTFont(io.BytesIO(font_bytes), lazy=True, recalcTimestamp=False)
    options = font_subset.subset_options()
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


WEIGHTS = {"regular": "BIZUDPGothic-Regular", "bold": "BIZUDPGothic-Bold"}
TABLE_FORMAT = "digest-font-slices/1"


def square(font_bytes, chars):
    """Every character of `chars` is East Asian Wide and one em wide in the font."""
    font = TTFont(io.BytesIO(font_bytes), lazy=True)
    cmap, metrics, em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    return all(unicodedata.east_asian_width(c) in "WF" and ord(c) in cmap and metrics[cmap[ord(c)]][0] == em
               for c in chars)


def write_if_changed(path, data):
    """Keeps the mtime of an unchanged output, so what depends on it is not rebuilt."""
    if os.path.exists(path):
        with open(path, "rb") as f:
            if f.read() == data:
                return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def read_font(folder, weight):
    with open(os.path.join(folder, WEIGHTS[weight] + ".ttf"), "rb") as f:
        return f.read()


def write_slices(fonts, out, base, size):
    """Every slice of both weights and the table; removes slices of earlier cuts."""
    regular = read_font(fonts, "regular")
    cmap = TTFont(io.BytesIO(regular)).getBestCmap()
    present = {c for c in font_subset.character_set() if ord(c) in cmap}
    slices = plan(present, kanji_frequency(), ui_characters(), base, size)
    table = {"format": TABLE_FORMAT, "weights": list(WEIGHTS), "files": {}, "chars": [], "square": {}}
    table["chars"] = ["".join(sorted(chars)) for chars in slices]
    for weight in WEIGHTS:
        font_bytes = read_font(fonts, weight)
        table["square"][weight] = [square(font_bytes, chars) for chars in slices]
        files = []
        for i, chars in enumerate(slices):
            data = cut(font_bytes, chars)
            if i == 0:
                name = f"{WEIGHTS[weight]}.s00.ttf"
            else:
                name = f"slices/{weight}.{hashlib.sha256(data).hexdigest()[:12]}.ttf"
            write_if_changed(os.path.join(out, name), data)
            files.append(name)
        table["files"][weight] = files
    kept = {os.path.basename(n) for weight in WEIGHTS for n in table["files"][weight]}
    for entry in os.listdir(os.path.join(out, "slices")):
        if entry not in kept and not any(entry == k + suffix for k in kept for suffix in (".br", ".gz")):
            os.remove(os.path.join(out, "slices", entry))
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    write_if_changed(os.path.join(out, "slices.json"), text.encode("utf-8"))
    squares = {weight: sum(table["square"][weight]) for weight in WEIGHTS}
    print(f"font slices: {len(slices)} a weight, slice 0 {len(slices[0])} characters, "
          f"the others up to {size}; square: {squares}", file=sys.stderr)


def write_issue_slices(fonts, table_path, issues, out):
    """For each of `issues`, the characters it uses that slice 0 lacks and the font has,
    in both weights."""
    with open(table_path, encoding="utf-8") as f:
        table = json.load(f)
    if table.get("format") != TABLE_FORMAT:
        sys.exit(f"slice.py: {table_path} is not a {TABLE_FORMAT} table")
    first = set(table["chars"][0])
    known = set("".join(table["chars"]))
    font_bytes = {weight: read_font(fonts, weight) for weight in WEIGHTS}
    for issue in issues:
        chars = (issue_characters(issue) & known) - first
        stem = os.path.splitext(os.path.basename(issue))[0]
        for weight in WEIGHTS:
            data = cut(font_bytes[weight], chars or {" "})
            write_if_changed(os.path.join(out, "issues", f"{stem}-{weight}.ttf"), data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", help="with --measure: the font to cut")
    parser.add_argument("--fonts", help="the folder of BIZUDPGothic-Regular.ttf and -Bold.ttf")
    parser.add_argument("--measure", nargs="*", help="issues to measure what they would fetch")
    parser.add_argument("--out")
    parser.add_argument("--table", help="with --issue: the slices.json the issue's slice completes")
    parser.add_argument("--issue", nargs="+", help="write these issues' slices")
    parser.add_argument("--base", type=int, default=0)
    parser.add_argument("--size", type=int, default=150)
    args = parser.parse_args()

    if args.measure is None:
        if not args.fonts or not args.out:
            parser.error("--fonts and --out are needed (or --font with --measure)")
        if args.issue:
            if not args.table:
                parser.error("--issue needs --table")
            write_issue_slices(args.fonts, args.table, args.issue, args.out)
        else:
            write_slices(args.fonts, args.out, args.base, args.size)
        return

    with open(args.font, "rb") as f:
        font_bytes = f.read()
    cmap = TTFont(io.BytesIO(font_bytes)).getBestCmap()
    present = {c for c in font_subset.character_set() if ord(c) in cmap}
    ranks = kanji_frequency()
    ui = ui_characters()
    issues = {os.path.basename(p): issue_characters(p) | ui for p in args.measure}
    whole = len(brotli.compress(cut(font_bytes, present), quality=11))
    print(f"one file, {len(present)} characters: {whole:,} B brotli")
    # The floor: exactly the characters an issue (and the viewer's strings) use.
    for name, chars in issues.items():
        exact = chars & present
        print(f"{name}: exactly its {len(exact)} characters: "
              f"{len(brotli.compress(cut(font_bytes, exact), quality=11)):,} B brotli", flush=True)
    for base, size in [(0, 150), (200, 150), (300, 300), (600, 150), (600, 300)]:
        slices = plan(present, ranks, ui, base, size)
        sizes = [len(brotli.compress(cut(font_bytes, s), quality=11)) for s in slices]
        line = (f"base {base:4} size {size:3}: {len(slices):2} slices, slice 0 {sizes[0]:,} B, "
                f"others {sum(sizes[1:]) // max(1, len(sizes) - 1):,} B on average")
        for name, chars in issues.items():
            used = [i for i, s in enumerate(slices) if s & chars]
            own = len(brotli.compress(cut(font_bytes, (chars & present) - slices[0] or {" "}), quality=11))
            line += (f"; {name}: {len(used)} slices {sum(sizes[i] for i in used):,} B,"
                     f" or slice 0 + its own {sizes[0] + own:,} B")
        print(line, flush=True)


if __name__ == "__main__":
    main()
