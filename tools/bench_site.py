#!/usr/bin/python3
"""`make site` on the ten-year archive (make archive): a full build, one day added, one
day retracted; time, files written and removed, and the site's size for each.

Usage: bench_site.py [--archive build/archive/issues] [--work build/bench-site]
The newest issue is held back for the full build, then added, then retracted. Prints
a Markdown table (docs/benchmarks.md keeps it with the command).

The run uses copies of the digest command and the app shell taken at its start (in
WORK/tools): each step's files are keyed by the tools that made them, so a `make`
during a run of two hours would otherwise make the later rows a second full build.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISSUE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\.json$")


def snapshot(out):
    """{relative path: (mtime_ns, size)} of the site, the build's own record left out."""
    files = {}
    for folder, dirs, names in os.walk(out):
        dirs[:] = [d for d in dirs if d != ".site"]
        for name in names:
            path = os.path.join(folder, name)
            st = os.stat(path)
            files[os.path.relpath(path, out)] = (st.st_mtime_ns, st.st_size)
    return files


def build(issues, out, site_url, tools):
    started = time.monotonic()
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools/site.py"), "--issues", issues, "--site-url", site_url,
                    "--out", out, "--digest", os.path.join(tools, "digest"), "--shell", os.path.join(tools, "shell")],
                   check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def measure(name, issues, out, site_url, tools, day=None):
    before = snapshot(out) if os.path.isdir(out) else {}
    seconds = build(issues, out, site_url, tools)
    after = snapshot(out)
    written = [rel for rel, facts in after.items() if before.get(rel) != facts]
    removed = [rel for rel in before if rel not in after]
    # Per-issue files of days other than `day` written again: must be none.
    per_issue = re.compile(r"^(a|oembed|prepaint|fonts/issues)/|^issues/[0-9-]+\.(html|json)")
    others = [rel for rel in written if per_issue.search(rel) and (day is None or day not in rel)]
    size = sum(size for _, size in after.values())
    print(f"| {name} | {seconds:.1f} s | {len(written):,} ({sum(after[r][1] for r in written) / 1e6:.1f} MB) | "
          f"{len(removed):,} | {len(others) if day else '—'} | {len(after):,} files, {size / 1e9:.2f} GB |", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", default=os.path.join(ROOT, "build/archive/issues"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build/bench-site"))
    parser.add_argument("--site-url", default="https://digest.example")
    parser.add_argument("--digest", default=os.path.join(ROOT, "build/native/digest"))
    parser.add_argument("--shell", default=os.path.join(ROOT, "build/shell"))
    args = parser.parse_args()
    names = sorted(n for n in os.listdir(args.archive) if ISSUE.match(n))
    if not names:
        sys.exit(f"{args.archive}: no issues (make archive)")
    shutil.rmtree(args.work, ignore_errors=True)
    issues, out = os.path.join(args.work, "issues"), os.path.join(args.work, "site")
    os.makedirs(issues)
    tools = os.path.join(args.work, "tools")
    os.makedirs(tools)
    shutil.copy2(args.digest, os.path.join(tools, "digest"))
    shutil.copytree(args.shell, os.path.join(tools, "shell"))
    newest = names[-1]
    for name in names[:-1]:
        os.link(os.path.join(args.archive, name), os.path.join(issues, name))
    day = newest[:-5]
    print(f"{len(names)} issues; the newest ({day}) held back, then added, then retracted\n")
    print("| run | time | files written | files removed | other days' pages, cards, slices, first screens written | site |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    measure(f"full build ({len(names) - 1:,} issues)", issues, out, args.site_url, tools)
    measure("nothing changed", issues, out, args.site_url, tools)
    os.link(os.path.join(args.archive, newest), os.path.join(issues, newest))
    measure(f"one day added ({day})", issues, out, args.site_url, tools, day=day)
    os.remove(os.path.join(issues, newest))
    measure(f"one day retracted ({day})", issues, out, args.site_url, tools, day=day)


if __name__ == "__main__":
    main()
