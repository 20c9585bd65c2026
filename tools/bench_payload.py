#!/usr/bin/python3
"""First-view payload and font slices, figures only (run by tools/bench.sh).

1. Every file of the first view of the bundled latest issue: raw, gzip -9, brotli -q 11,
   and the total against the 0.5 MB bar, beside the whole-font first view of before
   (the JIS X 0208 subset, cut again here in the same run by fonts/subset.py); and the
   first view of a deep link into each older bundled issue.
2. For each bundled issue and for the holdout (an issue of ours that is not bundled,
   tests/fixtures/holdout/): the font bytes its first view fetches -- slice 0 and its
   own slice once published (cut here as the build cuts them), or, without one (`?src=`),
   the frequency slices holding its characters -- and the count of files.

Usage: bench_payload.py SITE (build/web)
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

import brotli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "fonts"))
import slice as font_slice  # noqa: E402

FONTS = "/usr/share/fonts/truetype/bizud-gothic"
HOLDOUT = os.path.join(ROOT, "tests/fixtures/holdout/2026-11-26.json")


def sizes(data):
    return len(data), len(gzip.compress(data, 9, mtime=0)), len(brotli.compress(data, quality=11))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def build_of(site):
    """The build's record in index.html (tools/stamp_web.py): asset names, scripts."""
    with open(os.path.join(site, "index.html"), encoding="utf-8") as f:
        page = f.read()
    start = page.index('<script id="build" type="application/json">') + len('<script id="build" type="application/json">')
    return json.loads(page[start:page.index("</script>", start)])


def hashed(site, name):
    """The content-hashed copy the page loads (tools/stamp_web.py)."""
    return build_of(site)["assets"].get(name, name)


def main():
    site = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/web")
    index = json.loads(read(os.path.join(site, "issues/index.json")))
    latest = index["issues"][0]["path"][:-len(".json")]
    # index.html holds the style sheet, constants.js, start.js, prepaint.js and the newest
    # issue's first screen; prepaint.js loads the scripts the build lists.
    first_view = ["index.html"] + build_of(site)["scripts"] + [hashed(site, n) for n in (
        "viewer.wasm", "fonts/BIZUDPGothic-Regular.s00.ttf")] + [
        f"fonts/issues/{latest}-regular.ttf", "issues/index.json", f"issues/{latest}.json"]
    # A first screen painted before the viewer (titles laid out in bold) loads the bold weight before the
    # canvas's first frame (titles are laid out in it): after the first text, before
    # the canvas takes over.
    takeover = [hashed(site, "fonts/BIZUDPGothic-Bold.s00.ttf"), f"fonts/issues/{latest}-bold.ttf"]

    print(f"## First-view payload of the latest bundled issue ({latest})")
    print(f"| file | raw | gzip -9 | brotli -q 11 |\n| --- | ---: | ---: | ---: |")
    total = [0, 0, 0]
    font_total = 0
    for name in first_view:
        row = sizes(read(os.path.join(site, name)))
        total = [a + b for a, b in zip(total, row)]
        if name.startswith("fonts/"):
            font_total += row[2]
        print(f"| {name} | {row[0]:,} | {row[1]:,} | {row[2]:,} |")
    print(f"| **total** | {total[0]:,} | {total[1]:,} | **{total[2]:,}** |")
    later = 0
    for name in takeover:
        row = sizes(read(os.path.join(site, name)))
        later += row[2]
        print(f"| then, before the canvas takes over: {name} | {row[0]:,} | {row[1]:,} | {row[2]:,} |")
    print(f"| **total when the canvas takes over** | | | **{total[2] + later:,}** |")
    # The slice table is not needed for an issue its own slice covers: fetched once the
    # canvas shows, for what the reader opens or types next (web/fonts.js).
    table = hashed(site, "fonts/slices.json")
    row = sizes(read(os.path.join(site, table)))
    print(f"| then, once the canvas shows: {table} | {row[0]:,} | {row[1]:,} | {row[2]:,} |")

    with tempfile.TemporaryDirectory() as tmp:
        whole = os.path.join(tmp, "whole.ttf")
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "fonts/subset.py"), "--font",
                        os.path.join(FONTS, "BIZUDPGothic-Regular.ttf"), "--output", whole],
                       check=True, stderr=subprocess.DEVNULL)
        whole_br = sizes(read(whole))[2]
        before = total[2] - font_total + whole_br
        print(f"\nbar 500,000 B: {total[2] / 500000:.3f}x of it. Baseline, same run: the same first view with the "
              f"whole font (JIS X 0208 subset, {whole_br:,} B brotli) would be {before:,} B; "
              f"now {total[2] / before:.2f}x of that.")

        # The other arrivals of the bar: a deep link into an older issue loads that issue,
        # its own slice and its prepaint file instead of the newest issue's.
        print("\n## First view of a deep link into each older bundled issue (brotli)")
        print("| issue | its slice + issue + prepaint file | first view | of the bar |\n| --- | ---: | ---: | ---: |")
        newest = sum(sizes(read(os.path.join(site, n)))[2] for n in (f"fonts/issues/{latest}-regular.ttf",
                                                                       f"issues/{latest}.json"))
        for entry in index["issues"][1:]:
            stem = entry["path"][:-len(".json")]
            own = [f"fonts/issues/{stem}-regular.ttf", f"issues/{stem}.json", f"prepaint/{stem}.json"]
            if not all(os.path.exists(os.path.join(site, n)) for n in own):
                continue
            extra = sum(sizes(read(os.path.join(site, n)))[2] for n in own)
            deep = total[2] - newest + extra
            print(f"| {stem} | {extra:,} | {deep:,} | {deep / 500000:.3f}x |")

        # A share link of one of the newest issues: its page (the viewer's, with the
        # article's screen) instead of index.html; that issue and its slice; no prepaint file.
        print("\n## First view of a share link (a/<issue>/<article>.html, brotli)")
        print("| share page | the page | first view | of the bar |\n| --- | ---: | ---: | ---: |")
        page = sizes(read(os.path.join(site, "index.html")))[2]
        for entry in index["issues"]:
            stem = entry["path"][:-len(".json")]
            folder = os.path.join(site, "a", stem)
            shells = sorted(n for n in os.listdir(folder) if n.endswith(".html")) if os.path.isdir(folder) else []
            shells = [n for n in shells if b"data-share=" in read(os.path.join(folder, n))[:200]]
            if not shells:
                continue
            own = sum(sizes(read(os.path.join(site, n)))[2] for n in (f"fonts/issues/{stem}-regular.ttf",
                                                                      f"issues/{stem}.json"))
            share = sizes(read(os.path.join(folder, shells[0])))[2]
            view = total[2] - page - newest + share + own
            print(f"| a/{stem}/{shells[0]} | {share:,} | {view:,} | {view / 500000:.3f}x |")

        table = json.loads(read(os.path.join(site, "fonts/slices.json")))
        slice_br = {}

        def slice_bytes(i):
            if i not in slice_br:
                slice_br[i] = sizes(read(os.path.join(site, "fonts", table["files"]["regular"][i])))[2]
            return slice_br[i]

        print("\n## Font bytes a first view fetches (regular weight, brotli)")
        print("| issue | characters | published: slice 0 + its own slice | without its own slice (`?src=`): "
              "slice 0 + frequency slices | whole font (before) |\n| --- | ---: | ---: | ---: | ---: |")
        issues = [os.path.join(ROOT, "web/issues", e["path"]) for e in index["issues"]] + [HOLDOUT]
        for path in issues:
            chars = font_slice.issue_characters(path)
            stem = os.path.splitext(os.path.basename(path))[0]
            own_path = os.path.join(site, f"fonts/issues/{stem}-regular.ttf")
            if not os.path.exists(own_path):  # the holdout: cut as the build would
                subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "fonts/slice.py"), "--fonts", FONTS,
                                "--table", os.path.join(site, "fonts/slices.json"), "--issue", path, "--out", tmp],
                               check=True)
                own_path = os.path.join(tmp, f"issues/{stem}-regular.ttf")
            published = slice_bytes(0) + sizes(read(own_path))[2]
            used = sorted({i for i, s in enumerate(table["chars"]) if i > 0 and chars & set(s)})
            frequency = slice_bytes(0) + sum(slice_bytes(i) for i in used)
            label = stem + (" (holdout)" if path == HOLDOUT else "")
            print(f"| {label} | {len(chars)} | 2 files, {published:,} B | {1 + len(used)} files, {frequency:,} B | "
                  f"{whole_br:,} B |")


if __name__ == "__main__":
    main()
