#!/usr/bin/python3
"""Makes the whole deployable site of a folder of issues (`make site`, docs/publishing.md).

  site.py --issues DIR --site-url URL --out OUT [--shell build/shell] [--digest build/native/digest]
          [--config web/config.json] [--time-zone Asia/Tokyo] [--jobs N]

What OUT holds, and what makes it (`digest` does the work on each file; this script
only arranges it):

  the app shell            copied from --shell (the web build): viewer, scripts, style,
                           font slices, icons
  per issue <id>           issues/<id>.json (the issue, each article with its story thread:
                           `digest threads`, its state in OUT/.site/threads.json),
                           issues/<id>.html (`digest html`),
                           a/<id>/*, a/<id>.png, oembed/<id>/*, oembed/<id>.json (`digest
                           share`), fonts/issues/<id>-{regular,bold}.ttf (fonts/slice.py),
                           prepaint/<id>.json (`digest prepaint`)
  the archive              issues/index.json, index-YYYY.json, issues/search/ (`digest
                           index`), issues/index.html (`digest html-index`)
  for feed readers         feed.xml (Atom 1.0), feed.json (JSON Feed 1.1), sitemap.xml,
                           robots.txt (this script)
  for hosts                config.json (with siteUrl = URL), index.html, sw.js, the hashed
                           assets, _headers, nginx.conf, .br/.gz copies (tools/stamp_web.py)

Incremental and exact: OUT/.site/manifest.json records, for every issue, each step's
inputs (a key) and the files the step wrote. An issue's story thread is one of the
inputs of its copy, page, font slice and first screen: a new day rewrites the days it
links to, and only those. A run redoes a step only when its key
changed, and an issue gone from DIR has every file it owned removed (with their .br and
.gz copies); the archive, the feeds and the search index are then rebuilt without it,
and the build id changes so that the service worker's update drops it from readers'
saved copies. OUT/.site/ is the build's own record: not served (nginx.conf and serve.py
refuse dot-folders), not needed on the host.

[SECTION] Inputs: the issues, the tools and the keys
[SECTION] Steps per issue
[SECTION] Feeds, sitemap, robots.txt
[SECTION] The run
"""
import argparse
import concurrent.futures
import datetime
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_config  # noqa: E402
import stamp_web  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONT_DIR = "/usr/share/fonts/truetype/bizud-gothic"
MANIFEST_FORMAT = "digest-site/1"
STEPS = ("issue", "page", "share", "font", "prepaint")
FEED_ISSUES = 30        # newest issues in feed.xml and feed.json
# Newest issues whose share pages carry the viewer and the article's first screen
# (links are shared while the news is new; an older share page goes on to the viewer).
SHELL_ISSUES = 7
SHELL_MAX_ARTICLES = 60  # an issue with more: plain share pages (each screen lays the issue out again)
SAVE_EVERY = 200        # issues done between two saves of the manifest
SITEMAP_URLS = 50000    # a sitemap file's limit (sitemaps.org)
YEAR_FILE = re.compile(r"^index-[0-9]{4}\.json$")
ISSUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def fail(message):
    sys.exit(f"make site: {message}")


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def sha256_file(path):
    with open(path, "rb") as f:
        return sha256_bytes(f.read())


def key_of(*parts):
    return sha256_bytes("\0".join(parts).encode("utf-8"))[:32]


#-----------------------------------------------------------------------------
# [SECTION] Inputs: the issues, the tools and the keys
#-----------------------------------------------------------------------------

def scan_issues(folder):
    """{id: (path, bytes, sha)} of the issue files in `folder`: *.json but the index's own
    files (index.json, index-YYYY.json), which the site writes itself."""
    if not os.path.isdir(folder):
        fail(f"{folder}: not a folder of issues (ISSUES=DIR: a folder of <id>.json files)")
    issues = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".json") or name == "index.json" or YEAR_FILE.match(name) or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        issues[name[:-5]] = (path, data, sha256_bytes(data))
    return issues


def issue_meta(stem, path, data):
    """What the feeds and the sitemap need of an issue, read once when it changes."""
    try:
        issue = json.loads(data)
        meta = {"id": issue["id"], "date": issue["date"], "title": issue["title"],
                "categories": {c["id"]: c.get("label", c["id"]) for c in issue.get("categories", [])},
                "articles": [{"id": a["id"], "title": a["title"], "category": a.get("category", "")}
                             for a in issue["articles"]]}
    except (ValueError, KeyError, TypeError) as error:
        fail(f"{path}: cannot read its id, date, title and articles ({error}); `digest validate` says more")
    if meta["id"] != stem:
        fail(f"{path}: the issue's id is {meta['id']!r}: name the file {meta['id']}.json "
             "(the site's addresses are made of the id)")
    if not ISSUE_ID.match(stem):
        fail(f"{path}: {stem!r} cannot be part of an address: use letters, digits, '.', '_' and '-'")
    return meta


class Tools:
    """The programs and fonts each step runs with; a change to one redoes its steps."""

    def __init__(self, args):
        self.digest = os.path.abspath(args.digest)
        if not os.access(self.digest, os.X_OK):
            fail(f"{args.digest}: the digest command is not built (make digest)")
        self.shell = os.path.abspath(args.shell)
        if not os.path.isfile(os.path.join(self.shell, "viewer.wasm")):
            fail(f"{args.shell}: the viewer is not built there (make web builds it)")
        self.fonts = args.fonts
        self.slicer = os.path.join(ROOT, "fonts", "slice.py")
        self.table = os.path.join(self.shell, "fonts", "slices.json")
        fonts = "".join(sha256_file(os.path.join(self.fonts, f"BIZUDPGothic-{w}.ttf")) for w in ("Regular", "Bold"))
        digest = sha256_file(self.digest)
        slicer = sha256_file(self.slicer) + sha256_file(os.path.join(ROOT, "fonts", "subset.py"))
        slice0 = "".join(sha256_file(os.path.join(self.shell, "fonts", f"BIZUDPGothic-{w}.s00.ttf"))
                         for w in ("Regular", "Bold"))
        self.versions = {"digest": digest, "fonts": fonts, "slicer": slicer + sha256_file(self.table),
                         "slice0": slice0}
        self.checklist = []  # config.json's checklistHeadings: pages and first screens follow them

    def key(self, step, source, site_url, thread=""):
        """thread: the issue's threads as written into its copy ("" when it has none)."""
        v = self.versions
        parts = {
            "issue": (source, thread),
            "page": (source, thread, site_url, v["digest"], *self.checklist),
            "share": (source, site_url, v["digest"], v["fonts"]),
            "font": (source, thread, v["slicer"]),
            "prepaint": (source, thread, v["digest"], v["slicer"], v["slice0"], *self.checklist),
        }[step]
        return key_of(step, *parts)


#-----------------------------------------------------------------------------
# [SECTION] Steps per issue
#-----------------------------------------------------------------------------
# Each step writes into a staging folder laid out like OUT; what it wrote is then
# moved in and recorded as the issue's, so the record is what was written, not a
# list kept by hand.

def run(command, stdout=None):
    result = subprocess.run(command, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE,
                            encoding="utf-8" if stdout is None else None)
    if result.returncode != 0:
        err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
        fail(f"{' '.join(os.path.basename(c) if i == 0 else c for i, c in enumerate(command))} failed "
             f"({result.returncode}):\n{err.strip()}")
    return result


def write_output(command, target):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        run(command, stdout=f)


def staged_files(stage):
    files = []
    for folder, _, names in os.walk(stage):
        for name in names:
            files.append(os.path.relpath(os.path.join(folder, name), stage).replace(os.sep, "/"))
    return sorted(files)


def remove_files(out, files):
    """Removes each file with its .br and .gz copies, then folders left empty."""
    folders = set()
    for rel in files:
        for suffix in ("", ".br", ".gz"):
            try:
                os.remove(os.path.join(out, rel + suffix))
            except FileNotFoundError:
                pass
        folders.add(os.path.dirname(rel))
    for folder in sorted(folders, key=len, reverse=True):
        while folder:
            try:
                os.rmdir(os.path.join(out, folder))
            except OSError:
                break
            folder = os.path.dirname(folder)


def install(stage, out, earlier):
    """Moves what a step wrote into OUT (a file with the same bytes is left as it is, so
    its compressed copies stay valid); removes what the step wrote last time and not
    now. Returns (files, count written)."""
    files = staged_files(stage)
    written = 0
    for rel in files:
        source, target = os.path.join(stage, rel), os.path.join(out, rel)
        if os.path.isfile(target) and os.path.getsize(target) == os.path.getsize(source):
            with open(source, "rb") as a, open(target, "rb") as b:
                if a.read() == b.read():
                    continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(source, target)
        written += 1
    remove_files(out, sorted(set(earlier) - set(files)))
    shutil.rmtree(stage, ignore_errors=True)
    return files, written


class Builder:
    def __init__(self, args, tools, site_url, out):
        self.tools, self.site_url, self.out = tools, site_url, out
        self.work = os.path.join(out, ".site", "work")
        self.jobs = args.jobs

    def checklist_args(self):
        return [arg for heading in self.tools.checklist for arg in ("--checklist-heading", heading)]

    def stage(self, stem, step):
        folder = os.path.join(self.work, f"{stem}.{step}")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        return folder

    def issue(self, stem, path, stage, threads):
        """The issue as published: each article with its story thread (threads: article id →
        {earlier, later}, from `digest threads`); the file as it is when it has none."""
        os.makedirs(os.path.join(stage, "issues"))
        target = os.path.join(stage, "issues", f"{stem}.json")
        with open(path, "rb") as f:
            data = f.read()
        if not threads and b'"thread"' not in data:
            shutil.copyfile(path, target)
            return
        issue = json.loads(data)
        for article in issue.get("articles", []):
            article.pop("thread", None)
            if article.get("id") in threads:
                article["thread"] = threads[article["id"]]
        with open(target, "w", encoding="utf-8") as f:
            json.dump(issue, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")

    def published(self, stem):
        """The issue's copy in OUT (with its threads): what its page, slice and first screen show."""
        return os.path.join(self.out, "issues", f"{stem}.json")

    def page(self, stem, path, stage):
        write_output([self.tools.digest, "html", self.published(stem), "--site", self.site_url,
                      *self.checklist_args()],
                     os.path.join(stage, "issues", f"{stem}.html"))

    def share(self, stem, path, stage):
        run([self.tools.digest, "share", path, "--site", self.site_url, "--out", stage, "--fonts", self.tools.fonts])

    def fonts(self, items):
        """Each issue's font slice, `jobs` slicer processes at a time (the fonts are read
        once per process). items: [(stem, path, stage)]."""
        chunks = [items[i::self.jobs] for i in range(self.jobs) if items[i::self.jobs]]

        def cut(chunk):
            staging = os.path.join(self.work, f"fonts.{chunk[0][0]}")
            shutil.rmtree(staging, ignore_errors=True)
            run(["/usr/bin/python3", self.tools.slicer, "--fonts", self.tools.fonts, "--table", self.tools.table,
                 "--out", staging, "--issue", *[path for _, path, _ in chunk]])
            for stem, _, stage in chunk:
                os.makedirs(os.path.join(stage, "fonts", "issues"))
                for weight in ("regular", "bold"):
                    name = f"{stem}-{weight}.ttf"
                    os.replace(os.path.join(staging, "issues", name), os.path.join(stage, "fonts", "issues", name))
            shutil.rmtree(staging, ignore_errors=True)

        with concurrent.futures.ThreadPoolExecutor(max(1, len(chunks))) as pool:
            list(pool.map(cut, chunks))

    def prepaint_command(self, stem):
        fonts = os.path.join(self.out, "fonts")
        return [self.tools.digest, "prepaint", self.published(stem),
                "--regular", f"{fonts}/BIZUDPGothic-Regular.s00.ttf,{fonts}/issues/{stem}-regular.ttf",
                "--bold", f"{fonts}/BIZUDPGothic-Bold.s00.ttf,{fonts}/issues/{stem}-bold.ttf",
                *self.checklist_args()]

    def prepaint(self, stem, path, stage):
        write_output(self.prepaint_command(stem), os.path.join(stage, "prepaint", f"{stem}.json"))

    def keyed_screen(self, target, stem, key, flag, name):
        """`digest prepaint --<flag>`'s answer for the issue, kept in `target` as
        {"key", name: answer}; made again only when the issue's key changed."""
        try:
            with open(target, encoding="utf-8") as f:
                if json.load(f).get("key") == key:
                    return
        except (OSError, ValueError, AttributeError):
            pass
        answer = json.loads(run(self.prepaint_command(stem) + [flag]).stdout)
        write_text(target, json.dumps({"key": key, name: answer}, ensure_ascii=False) + "\n")

    def first_screen(self, stem, key):
        """The newest issue's top for index.html (`digest prepaint --first-screen`), kept in
        .site/first-screen.json for tools/stamp_web.py."""
        self.keyed_screen(os.path.join(self.out, ".site", "first-screen.json"), stem, key, "--first-screen", "screen")

    def article_screens(self, stems_keys):
        """Each article's first screen (`digest prepaint --articles`) of the issues given,
        kept in .site/article-screens/<id>.json for tools/stamp_web.py's share pages;
        other issues' files removed."""
        folder = os.path.join(self.out, ".site", "article-screens")
        os.makedirs(folder, exist_ok=True)
        wanted = {f"{stem}.json" for stem, _ in stems_keys}
        for name in set(os.listdir(folder)) - wanted:
            os.remove(os.path.join(folder, name))
        for stem, key in stems_keys:
            self.keyed_screen(os.path.join(folder, f"{stem}.json"), stem, key, "--articles", "screens")


#-----------------------------------------------------------------------------
# [SECTION] Feeds, sitemap, robots.txt
#-----------------------------------------------------------------------------

def published(date, zone):
    """An issue's date as a time: its midnight in the digest's own time zone."""
    day = datetime.date.fromisoformat(date)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=zone).isoformat()


def article_list_html(site_url, meta):
    items = "".join(f'<li><a href="{html.escape(site_url)}/a/{meta["id"]}/{a["id"]}.html">'
                    f'{html.escape(a["title"])}</a></li>' for a in meta["articles"])
    return f"<ul>{items}</ul>"


def atom_feed(site_url, title, entries, zone):
    """entries: [(meta, headline)] newest first."""
    esc = html.escape
    updated = published(entries[0][0]["date"], zone) if entries else "1970-01-01T00:00:00+00:00"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
             f"  <id>{esc(site_url)}/</id>",
             f"  <title>{esc(title)}</title>",
             f"  <updated>{updated}</updated>",
             f'  <link rel="self" type="application/atom+xml" href="{esc(site_url)}/feed.xml"/>',
             f'  <link rel="alternate" type="text/html" href="{esc(site_url)}/"/>',
             f"  <author><name>{esc(title)}</name></author>",
             f'  <icon>{esc(site_url)}/icons/icon-192.png</icon>']
    for meta, headline in entries:
        when = published(meta["date"], zone)
        issue_url = f'{site_url}/?issue={meta["id"]}'
        lines += ["  <entry>",
                  f'    <id>{esc(site_url)}/issues/{meta["id"]}.html</id>',
                  f'    <title>{esc(meta["title"])} {esc(meta["date"])}</title>',
                  f"    <published>{when}</published>",
                  f"    <updated>{when}</updated>",
                  f'    <link rel="alternate" type="text/html" href="{esc(issue_url)}"/>',
                  f"    <summary>{esc(headline)}</summary>"]
        for label in sorted(set(meta["categories"].values())):
            lines.append(f'    <category term="{esc(label)}"/>')
        lines += [f'    <content type="html">{esc(article_list_html(site_url, meta))}</content>', "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def json_feed(site_url, title, entries, zone):
    items = []
    for meta, headline in entries:
        items.append({
            "id": f'{site_url}/issues/{meta["id"]}.html',
            "url": f'{site_url}/?issue={meta["id"]}',
            "title": f'{meta["title"]} {meta["date"]}',
            "summary": headline,
            "content_html": article_list_html(site_url, meta),
            "date_published": published(meta["date"], zone),
            "tags": sorted(set(meta["categories"].values())),
            "_articles": [{"title": a["title"], "url": f'{site_url}/a/{meta["id"]}/{a["id"]}.html'}
                          for a in meta["articles"]],
        })
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": title, "language": "ja",
            "home_page_url": f"{site_url}/", "feed_url": f"{site_url}/feed.json",
            "icon": f"{site_url}/icons/icon-512.png", "favicon": f"{site_url}/icons/icon-192.png",
            "authors": [{"name": title}], "items": items}
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def sitemaps(site_url, metas):
    """{name: text}: sitemap.xml, and sitemap-N.xml behind it past 50,000 addresses."""
    esc = html.escape
    urls = [(f"{site_url}/", None), (f"{site_url}/issues/index.html", None)]
    for meta in metas:
        urls.append((f'{site_url}/issues/{meta["id"]}.html', meta["date"]))
        urls += [(f'{site_url}/a/{meta["id"]}/{a["id"]}.html', meta["date"]) for a in meta["articles"]]

    def urlset(part):
        body = "".join(f"<url><loc>{esc(u)}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "") + "</url>\n"
                       for u, d in part)
        return ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")

    if len(urls) <= SITEMAP_URLS:
        return {"sitemap.xml": urlset(urls)}
    files = {f"sitemap-{i // SITEMAP_URLS + 1}.xml": urlset(urls[i:i + SITEMAP_URLS])
             for i in range(0, len(urls), SITEMAP_URLS)}
    index = "".join(f"<sitemap><loc>{esc(site_url)}/{name}</loc></sitemap>\n" for name in files)
    files["sitemap.xml"] = ('<?xml version="1.0" encoding="utf-8"?>\n'
                            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                            + index + "</sitemapindex>\n")
    return files


def robots(site_url):
    return ("User-agent: *\n"
            "Disallow: /issues/search/\n"   # the search index: fetched by the viewer, nothing to read
            "Disallow: /prepaint/\n"
            f"Sitemap: {site_url}/sitemap.xml\n")


def write_text(path, text):
    stamp_web.write_if_changed(path, text.encode("utf-8"))


#-----------------------------------------------------------------------------
# [SECTION] The run
#-----------------------------------------------------------------------------

def load_manifest(path, out):
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
        if manifest.get("format") == MANIFEST_FORMAT:
            return manifest
    except FileNotFoundError:
        if os.path.isdir(out) and os.listdir(out):
            print(f"make site: {out} has files but no record of them (.site/manifest.json): "
                  "files of issues not in ISSUES stay there until OUT is cleared once", file=sys.stderr)
    except ValueError:
        print(f"make site: {path} is damaged: every issue is made again", file=sys.stderr)
    return {"format": MANIFEST_FORMAT, "retractions": 0, "shell": [], "site": [], "issues": {}}


def save_manifest(path, manifest):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(path + ".tmp", path)


def sync_shell(shell, out, earlier):
    """Copies the app shell into OUT (files with the same bytes left alone); removes shell
    files of the last build that this one does not have."""
    files = []
    for folder, _, names in os.walk(shell):
        for name in names:
            if name.endswith((".br", ".gz")):
                continue
            rel = os.path.relpath(os.path.join(folder, name), shell).replace(os.sep, "/")
            files.append(rel)
            source, target = os.path.join(shell, rel), os.path.join(out, rel)
            with open(source, "rb") as f:
                stamp_web.write_if_changed(target, f.read())
    remove_files(out, sorted(set(earlier) - set(files)))
    return sorted(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", required=True, help="the folder of issue files (<id>.json)")
    parser.add_argument("--site-url", required=True, help="the site's public address, e.g. https://digest.example")
    parser.add_argument("--out", required=True, help="where the site is written")
    parser.add_argument("--shell", default=os.path.join(ROOT, "build/shell"))
    parser.add_argument("--digest", default=os.path.join(ROOT, "build/native/digest"))
    parser.add_argument("--config", default=os.path.join(ROOT, "web/config.json"),
                        help="embedHosts and sources (its siteUrl, if any, gives way to --site-url)")
    parser.add_argument("--fonts", default=FONT_DIR)
    parser.add_argument("--time-zone", default="Asia/Tokyo", help="the digest's own: an issue's date is a day there")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    started = time.monotonic()

    site_url = args.site_url.rstrip("/")
    if not site_config.SITE_URL.match(site_url):
        fail(f"SITE_URL={args.site_url!r} is not an address like https://digest.example (no query, no fragment)")
    try:
        config = site_config.load_config(args.config)
        zone = zoneinfo.ZoneInfo(args.time_zone)
    except site_config.ConfigError as error:
        fail(str(error))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fail(f"--time-zone {args.time_zone!r}: not a time zone name like Asia/Tokyo")
    config["siteUrl"] = site_url
    out = os.path.abspath(args.out)
    if os.path.abspath(args.issues) in (out, os.path.join(out, "issues")):
        fail("OUT must be another folder than ISSUES: the site writes its own issues/ folder")
    tools = Tools(args)
    tools.checklist = config.get("checklistHeadings", [])
    issues = scan_issues(args.issues)
    os.makedirs(out, exist_ok=True)
    manifest_path = os.path.join(out, ".site", "manifest.json")
    manifest = load_manifest(manifest_path, out)
    if manifest.get("siteUrl") not in (None, site_url):
        print(f"make site: the address changed from {manifest['siteUrl']} to {site_url}: "
              "every page, card and feed is written again", file=sys.stderr)
    manifest["siteUrl"] = site_url
    records = manifest["issues"]

    # What changed: new or edited issues are validated before anything is written.
    changed = [stem for stem, (_, _, sha) in issues.items() if records.get(stem, {}).get("source") != sha]
    if changed:
        check = subprocess.run([tools.digest, "validate", *[issues[s][0] for s in changed]],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8")
        if check.returncode != 0:
            fail(f"{len(changed)} new or changed issues checked; fix these first (nothing in {args.out} was "
                 f"changed):\n{check.stdout.strip()}")
    metas = {stem: issue_meta(stem, issues[stem][0], issues[stem][1]) for stem in changed}

    # Retracted: every file an issue owned goes, and readers' saved copies follow.
    removed = sorted(set(records) - set(issues))
    for stem in removed:
        remove_files(out, [f for step in records[stem]["steps"].values() for f in step["files"]])
        del records[stem]
    if removed:
        manifest["retractions"] = manifest.get("retractions", 0) + 1
    manifest["shell"] = sync_shell(tools.shell, out, manifest.get("shell", []))
    save_manifest(manifest_path, manifest)

    for stem in changed:
        records.setdefault(stem, {"steps": {}})
        records[stem]["meta"] = metas[stem]
    builder = Builder(args, tools, site_url, out)
    counts = {step: [0, 0] for step in STEPS}  # issues redone, files written

    # Story threads: the state brought up to date (reading what changed and the year
    # around it); each issue's threads are an input of the steps that show them.
    threads_state = os.path.join(out, ".site", "threads.json")
    summary = run([tools.digest, "threads", args.issues, "--state", threads_state]).stderr.strip()
    with open(threads_state, encoding="utf-8") as f:
        threads = json.load(f)["threads"]
    thread_text = {stem: json.dumps(threads[stem], ensure_ascii=False, sort_keys=True)
                   for stem in issues if stem in threads}

    def key(step, stem):
        return tools.key(step, issues[stem][2], site_url, thread_text.get(stem, ""))

    def redo(step):
        return [stem for stem in issues if records[stem]["steps"].get(step, {}).get("key") != key(step, stem)]

    def finish(step, stem, stage):
        earlier = records[stem]["steps"].get(step, {}).get("files", [])
        files, written = install(stage, out, earlier)
        records[stem]["steps"][step] = {"key": key(step, stem), "files": files}
        counts[step][0] += 1
        counts[step][1] += written
        if counts[step][0] % SAVE_EVERY == 0:
            save_manifest(manifest_path, manifest)  # an interrupted build keeps what it did

    # One issue's steps run in parallel with other issues'; the font slices in batches;
    # the first screen last, measured with the slices.
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for step in ("issue", "page", "share"):
            todo = redo(step)

            def one(stem, step=step):
                stage = builder.stage(stem, step)
                if step == "issue":
                    builder.issue(stem, issues[stem][0], stage, threads.get(stem, {}))
                else:
                    getattr(builder, step)(stem, issues[stem][0], stage)
                return stem, stage

            for stem, stage in pool.map(one, todo):
                finish(step, stem, stage)
            save_manifest(manifest_path, manifest)
        todo = redo("font")
        for first in range(0, len(todo), SAVE_EVERY):
            staged = [(stem, builder.published(stem), builder.stage(stem, "font"))
                      for stem in todo[first:first + SAVE_EVERY]]
            builder.fonts(staged)
            for stem, _, stage in staged:
                finish("font", stem, stage)
        save_manifest(manifest_path, manifest)
        todo = redo("prepaint")

        def first_screen(stem):
            stage = builder.stage(stem, "prepaint")
            builder.prepaint(stem, issues[stem][0], stage)
            return stem, stage

        for stem, stage in pool.map(first_screen, todo):
            finish("prepaint", stem, stage)
        save_manifest(manifest_path, manifest)
    shutil.rmtree(builder.work, ignore_errors=True)
    for stem in issues:
        records[stem]["source"] = issues[stem][2]

    # The archive and its search index, from OUT/issues/ as it now is.
    run([tools.digest, "index", os.path.join(out, "issues")])
    archive_page = run([tools.digest, "html-index", os.path.join(out, "issues", "index.json")]).stdout
    write_text(os.path.join(out, "issues", "index.html"), archive_page)

    # Feeds, newest first, with the index's headlines; the sitemap lists every page.
    with open(os.path.join(out, "issues", "index.json"), encoding="utf-8") as f:
        newest = json.load(f)["issues"][:FEED_ISSUES]
    entries = [(records[e["id"]]["meta"], e.get("headline", "")) for e in newest if e["id"] in records]
    title = entries[0][0]["title"] if entries else "Digest"
    site_files = {"feed.xml": atom_feed(site_url, title, entries, zone),
                  "feed.json": json_feed(site_url, title, entries, zone),
                  "robots.txt": robots(site_url),
                  "config.json": json.dumps(config, ensure_ascii=False, indent=2) + "\n"}
    by_date = sorted((records[s]["meta"] for s in issues), key=lambda m: (m["date"], m["id"]), reverse=True)
    site_files.update(sitemaps(site_url, by_date))
    for name, text in site_files.items():
        write_text(os.path.join(out, name), text)
    remove_files(out, sorted(set(manifest.get("site", [])) - set(site_files)))
    manifest["site"] = sorted(site_files)

    newest_stem = os.path.splitext(newest[0].get("path", ""))[0] if newest else ""
    if newest_stem in issues:
        builder.first_screen(newest_stem, key("prepaint", newest_stem))
    shells = [os.path.splitext(e.get("path", ""))[0] for e in newest[:SHELL_ISSUES]]
    builder.article_screens([(stem, key("prepaint", stem)) for stem in shells
                             if stem in issues and len(records[stem]["meta"]["articles"]) <= SHELL_MAX_ARTICLES])
    version = stamp_web.stamp(out, os.path.join(ROOT, "web", "index.html"), os.path.join(ROOT, "web", "sw.js"),
                              catalogue=f"retractions:{manifest['retractions']}")
    manifest["version"] = version
    save_manifest(manifest_path, manifest)
    redone = ", ".join(f"{step} {n} ({w} files written)" for step, (n, w) in counts.items())
    print(f"site {out}: {len(issues)} issues for {site_url}; {len(changed)} new or changed, "
          f"{len(removed)} removed; threads: {summary}; redone: {redone}; in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
