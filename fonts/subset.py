#!/usr/bin/python3
"""Subsets the Japanese reading font for the web viewer.

The subset is JIS X 0208 (levels 1 and 2: 6,879 characters, the set Japanese news
text is written in) plus ASCII, Latin-1, general punctuation, arrows and the
half-width and full-width forms. Measured on BIZ UDPGothic Regular (BRIEF figures; docs/benchmarks.md):
the full font is 2.49 MB brotli-compressed; this subset about 1.2 MB; Jōyō kanji alone
0.43 MB but it lacks characters this digest uses (脆 in 脆弱性), so it is not enough.

Hinting and OpenType layout tables are dropped: stb_truetype (ImGui's rasteriser)
uses neither, and they are a large part of the file.

Usage: subset.py --font SRC.ttf --output OUT.ttf [--licence OUT.txt] [--chars FILE]
"""
import argparse
import os
import shutil
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def jis_x_0208():
    """Every character of JIS X 0208, by decoding all EUC-JP two-byte codes."""
    chars = set()
    for row in range(0xA1, 0xFF):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("euc_jp"))
            except UnicodeDecodeError:
                pass
    return chars


def ranges(*pairs):
    return {chr(c) for lo, hi in pairs for c in range(lo, hi + 1)}


def character_set():
    chars = jis_x_0208()
    chars |= ranges(
        (0x20, 0x7E),      # ASCII
        (0xA0, 0xFF),      # Latin-1 supplement
        (0x2010, 0x203B),  # dashes, quotes, ※, ‥ …
        (0x2190, 0x2193),  # arrows
        (0x2460, 0x2473),  # circled numbers ①-⑳
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3041, 0x3096),  # hiragana
        (0x30A0, 0x30FF),  # katakana
        (0xFF01, 0xFF9F),  # full-width ASCII, half-width katakana
        (0xFFFD, 0xFFFD),  # replacement character
    )
    return chars


def subset_options():
    """No hinting or layout tables (stb_truetype uses neither); names kept (OFL)."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]          # keep copyright and licence names (OFL asks for it)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "vhea", "vmtx", "VORG"]
    return options


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--licence")
    parser.add_argument("--chars", help="also write the character list to this file")
    args = parser.parse_args()

    chars = character_set()
    font = TTFont(args.font, lazy=False, recalcTimestamp=False)  # reproducible output
    cmap = font.getBestCmap()
    present = sorted(c for c in chars if ord(c) in cmap)

    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=[ord(c) for c in present])
    subsetter.subset(font)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    font.save(args.output)

    if args.chars:
        with open(args.chars, "w", encoding="utf-8") as out:
            out.write("".join(present))
    if args.licence:
        shutil.copyfile("/usr/share/doc/fonts-morisawa-bizud-gothic/copyright", args.licence)
    print(f"font subset: {len(present)} characters ({len(chars) - len(present)} not in the font), "
          f"{os.path.getsize(args.output)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
