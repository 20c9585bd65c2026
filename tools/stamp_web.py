#!/usr/bin/python3
"""Stamps the built site so it deploys as it is, to any static host, and works offline.

Run by tools/site.py (`make site`) after everything else is in the site's folder:

1. Content-hashed copies of the long-lived assets (style.css, viewer.js, app.js,
   viewer.wasm, the fonts' slice 0 and slice table): `app.3f2a9c1d0b7e.js`. They never change under a name, so
   hosts may cache them for a year (`immutable`).
2. index.html from web/index.html with those names, and the build's id, asset map
   and newest issue in a <script id="build" type="application/json"> for app.js;
   style.css, head.js (with the list of share pages that carry the viewer), constants.js,
   start.js and prepaint.js inlined (no request before the first paint, no script to
   fetch before a first screen is painted),
   and the newest issue's first screen (`digest prepaint --first-screen`, which
   tools/site.py keeps in .site/first-screen.json) in the text layer with its style
   sheet. The Content-Security-Policy allows exactly these inline texts by their hashes.
3. sw.js from web/sw.js with the precache list of this build in front of it: every
   file the app shell needs, as the build wrote it, so splitting or renaming an asset
   needs no edit of the worker. The build id (a hash of that list and the files'
   contents) names the worker's cache and changes the worker's bytes, so browsers see
   every new build as an update.
4. _headers (the format Netlify and Cloudflare Pages read, which tools/serve.py applies
   too): caching per kind of file, and security headers, the Content-Security-Policy
   (with frame-ancestors) from the site's config.json; nginx.conf, the same rules as
   nginx directives for inside a `server { }` block.
5. .br and .gz siblings of compressible files, for hosts (and serve.py) that pick one
   by Accept-Encoding; siblings whose file is gone are removed.

`--salt TEXT` makes a different build from the same files (tests use it to serve a
"version 2"): it is appended to app.js as a comment before hashing.

Usage: stamp_web.py --site build/web --page web/index.html --worker web/sw.js [--salt TEXT]
       stamp_web.py --site DIR --compress-only   (only step 5, e.g. for an archive's search/)
"""
import argparse
import base64
import concurrent.futures
import gzip
import hashlib
import html
import json
import os
import re
import sys
import urllib.parse

import brotli

import site_config

# Assets that get content-hashed names, as the page refers to them.
HASHED = [
    "viewer.js",
    "app.js",
    "bridge.js",
    "mirror.js",
    "offline.js",
    "offline_ui.js",
    "fonts.js",
    "reading.js",
    "text_layer.js",
    "resources.js",
    "failure.js",
    "notices.js",
    "router.js",
    "embedded.js",
    "search_input.js",
    "follow_selection.js",
    "listen.js",  # 読み上げ: loaded by app.js when first asked for, not part of the first view
    "archive.js",
    "viewer.wasm",
    "prepaint.wasm",  # a preview's first screen, laid out in the page (src/platform/prepaint_module.cpp)
    "fonts/BIZUDPGothic-Regular.s00.ttf",  # slice 0 of each weight (fonts/slice.py)
    "fonts/BIZUDPGothic-Bold.s00.ttf",
    "fonts/slices.json",                   # which characters each slice holds
]
# Hashed but not kept by the service worker: a preview's screen (a preview is read
# online; readers of the site's own issues never fetch it).
NOT_PRECACHED = ["prepaint.wasm"]
# Inlined into index.html (build_page).
INLINED = ["style.css", "head.js", "constants.js", "start.js", "prepaint.js"]
# The rest of the app shell, under their own names (the manifest names the icons).
SHELL = [
    "manifest.webmanifest",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
    "fonts/LICENSE-BIZUDGothic.txt",
]
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".wasm", ".ttf", ".svg", ".webmanifest", ".txt", ".xml")
YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write_if_changed(path, data):
    """Keeps mtimes (and so the compressed siblings) of unchanged outputs."""
    if os.path.exists(path) and read(path) == data:
        return
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def hashed_name(name, digest):
    stem, ext = os.path.splitext(name)
    return f"{stem}.{digest[:12]}{ext}"


def remove_hashed_copies(site, name, keep=None):
    """Removes the hashed copies of `name` (and their .br/.gz) but `keep` (a file name)."""
    stem, ext = os.path.splitext(name)
    folder = os.path.dirname(os.path.join(site, name))
    pattern = re.compile(re.escape(os.path.basename(stem)) + r"\.[0-9a-f]{12}" + re.escape(ext) + r"$")
    for entry in os.listdir(folder):
        if pattern.match(entry) and entry != keep:
            for suffix in ("", ".br", ".gz"):
                if os.path.exists(os.path.join(folder, entry + suffix)):
                    os.remove(os.path.join(folder, entry + suffix))


def stamp_assets(site, salt):
    """Writes the hashed copies; removes those of earlier builds (and any of a file now
    inlined). Returns name -> hashed."""
    names = {}
    for name in HASHED:
        data = read(os.path.join(site, name))
        if salt and name == "app.js":
            data += f"\n// build salt: {salt}\n".encode()
        hashed = hashed_name(name, sha256(data))
        names[name] = hashed
        write_if_changed(os.path.join(site, hashed), data)
        remove_hashed_copies(site, name, keep=os.path.basename(hashed))
    for name in INLINED:
        remove_hashed_copies(site, name)
    return names


def latest_issue(site):
    """The newest issue's file name in the site's index (e.g. "2026-11-25.json"), or None."""
    try:
        with open(os.path.join(site, "issues", "index.json"), encoding="utf-8") as f:
            path = json.load(f)["issues"][0]["path"]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(path, str) or not re.fullmatch(r"[\w.-]+\.json", path):
        return None
    return path if os.path.exists(os.path.join(site, "issues", path)) else None


def csp_hash(text):
    """A Content-Security-Policy source for one inline <script> or <style>'s text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def first_screen(site, latest):
    """The newest issue's first screen (digest-first-screen/1) if the site has it, for
    that issue: tools/site.py writes it with `digest prepaint --first-screen`."""
    try:
        with open(os.path.join(site, ".site", "first-screen.json"), encoding="utf-8") as f:
            screen = json.load(f)["screen"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not latest or not isinstance(screen, dict) or screen.get("format") != "digest-first-screen/1":
        return None
    if not isinstance(screen.get("html"), str) or latest != f"{screen.get('issue')}.json":
        return None
    return screen


def inline_text(text, tag, what):
    if f"</{tag}" in text.lower():
        sys.exit(f"stamp_web.py: {what} holds '</{tag}' and cannot be inlined")
    return text


# Where head.js takes the list of share pages that carry the viewer, and the files a
# preview's screen is laid out with.
SHARE_PAGES_MARK = "const SHARE_PAGES = {};"
PREVIEW_FILES_MARK = "const PREVIEW_FILES = [];"
PREVIEW_FILES = ["prepaint.wasm", "fonts/BIZUDPGothic-Regular.s00.ttf", "fonts/BIZUDPGothic-Bold.s00.ttf"]


def build_page(template, names, build, sources, screen, viewer_pages):
    """index.html, and the hashes of its inline script and styles (for the CSP):
    `sources` has the texts of INLINED; `viewer_pages` is {issue: [article]} of the share
    pages that carry the viewer, where head.js sends a deep link (None for a share page
    itself: it has no use for head.js, and it need not change when another issue does)."""
    page = template
    for name, hashed in names.items():
        for attribute in ("href", "src"):
            page = page.replace(f'{attribute}="{name}"', f'{attribute}="{hashed}"')
    hashes = {"script": [], "style": []}

    def replace_once(old, new, what):
        nonlocal page
        if page.count(old) != 1:
            sys.exit(f"stamp_web.py: index.html does not have {what} as expected")
        page = page.replace(old, new)

    style = inline_text(sources["style.css"], "style", "style.css")
    hashes["style"].append(csp_hash(style))
    styles = f"<style>{style}</style>"
    if screen:
        css = inline_text(screen["css"], "style", "the first screen's style sheet")
        hashes["style"].append(csp_hash(css))
        limits = " ".join(f'data-{name}="{screen[key]}"' for name, key in
                          (("min-width", "minWidth"), ("max-width", "maxWidth"), ("max-height", "maxHeight"))
                          if screen.get(key) is not None)
        issue = html.escape(str(screen["issue"]))
        place = f' data-place="{html.escape(str(screen["place"]))}"' if screen.get("place") else ""
        styles += f'\n<style id="first-screen" data-issue="{issue}"{place} {limits}>{css}</style>'
        # The page's own text, from our own layout (escaped there): no ids, no styles.
        replace_once('<div id="text-layer"></div>',
                     f'<div id="text-layer" class="prepaint"><div id="first-screen-column">{screen["html"]}</div></div>',
                     "an empty text layer")
    replace_once('<link rel="stylesheet" href="style.css">', styles, "the style sheet link")

    # head.js first in the head: it may send the reader on before the rest is parsed.
    if viewer_pages is not None:
        head = sources["head.js"]
        for mark in (SHARE_PAGES_MARK, PREVIEW_FILES_MARK):
            if head.count(mark) != 1:
                sys.exit(f"stamp_web.py: head.js does not have {mark!r} once")
        head = head.replace(SHARE_PAGES_MARK, f"const SHARE_PAGES = {json.dumps(viewer_pages, sort_keys=True)};")
        head = head.replace(PREVIEW_FILES_MARK, f"const PREVIEW_FILES = {json.dumps(build['previewFiles'])};")
        head = inline_text(head, "script", "head.js")
        hashes["script"].append(csp_hash(head))
        replace_once('<meta charset="utf-8">', f'<meta charset="utf-8">\n<script>{head}</script>', "<meta charset>")

    # The scripts, all three inline at the end of the body: constants.js and start.js,
    # then prepaint.js (named for stack traces and DevTools), which loads the others in
    # order.
    begin, end = "<!-- scripts: begin", "<!-- scripts: end -->"
    first, last = page.find(begin), page.find(end)
    if first < 0 or last < first:
        sys.exit("stamp_web.py: index.html lacks the scripts: begin/end markers")
    block = page[first:last]
    listed = re.findall(r'<script src="([^"]+)"></script>', block)
    if listed[:2] != ["constants.js", "prepaint.js"]:
        sys.exit("stamp_web.py: the scripts block must start with constants.js and prepaint.js")
    build = dict(build, scripts=listed[2:])
    start = inline_text(sources["constants.js"] + "\n" + sources["start.js"], "script", "constants.js + start.js")
    prepaint = inline_text(sources["prepaint.js"] + "\n//# sourceURL=prepaint.js\n", "script", "prepaint.js")
    hashes["script"] += [csp_hash(start), csp_hash(prepaint)]
    page = (page[:first] + '<script id="build" type="application/json">' + json.dumps(build, ensure_ascii=False) +
            f"</script>\n<script>{start}</script>\n<script>{prepaint}</script>" + page[last + len(end):])
    return page, hashes


# A share page that carries the viewer (start.js reads the attribute).
SHELL_MARK = '<html lang="ja" data-share="'


def plain_parts(plain, issue):
    """What a viewer page takes from the plain share page (`digest share`'s) of an
    article of `issue`: its title and card metadata, and its article with every link
    from the site's root; None for a page `digest share` did not write."""
    viewport = plain.find('<meta name="viewport"')
    head_start = plain.find("\n", viewport) + 1 if viewport > 0 else -1
    head_end = plain.find("<style>", head_start)
    body_start, body_end = plain.find("<body>\n"), plain.rfind("</body>")
    if min(head_start, head_end, body_start, body_end) <= 0:
        return None
    metadata = plain[head_start:head_end]
    # Its links were written from a/<issue>/: from the site's root now (the <base>).
    here = f"http://site/a/{issue}/"

    def from_root(match):
        url = urllib.parse.urljoin(here, html.unescape(match[2]))
        if not url.startswith("http://site/"):
            return match[0]  # another site's
        return f'{match[1]}="{html.escape(url.removeprefix("http://site/"))}"'

    return metadata, re.sub(r'(href|src)="([^"]*)"', from_root, plain[body_start + len("<body>\n"):body_end])


def share_shell(page, parts, issue, article):
    """The share page of `article` as a viewer page: `page` (index.html built with the
    article's first screen) with the plain share page's `parts` (plain_parts): its title
    and card metadata, its article for readers without script; and the site's root as
    the base of every relative address (the page is two folders down; start.js gives it
    the viewer's address before anything is fetched)."""
    metadata, article_html = parts

    def swap(text, old, new):
        if text.count(old) != 1:
            sys.exit(f"stamp_web.py: index.html does not have {old!r} once, for the share pages")
        return text.replace(old, new)

    page = swap(page, '<html lang="ja">', f'{SHELL_MARK}{html.escape(issue)}/{html.escape(article)}">')
    page = swap(page, '<meta charset="utf-8">', '<meta charset="utf-8">\n<base href="../../">')
    # The page's own title and description give way to the article's.
    title_start, title_end = page.find("<title>"), page.find("<!-- Installable")
    if not 0 <= title_start < title_end:
        sys.exit("stamp_web.py: index.html does not have <title> before '<!-- Installable', for the share pages")
    page = page[:title_start] + metadata + page[title_end:]
    for line in ('<link rel="alternate" type="application/atom+xml" href="feed.xml" title="Tech Digest">\n',
                 '<link rel="alternate" type="application/feed+json" href="feed.json" title="Tech Digest">\n'):
        page = page.replace(line, "")  # the share page's own (absolute) are in its metadata
    first, last = page.find('<div id="noscript">'), page.find("</noscript>")
    if not 0 <= first < last:
        sys.exit("stamp_web.py: index.html does not have <div id=\"noscript\"> in <noscript>, for the share pages")
    return page[:first] + f'<div id="noscript" class="share">\n{article_html}</div>\n' + page[last:]


def article_screens(site):
    """{(issue, article): digest-first-screen/1 at the article} for the newest issues
    (tools/site.py keeps them in .site/article-screens/)."""
    screens = {}
    folder = os.path.join(site, ".site", "article-screens")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                found = json.load(f)["screens"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not isinstance(found, dict) or found.get("format") != "digest-article-screens/1":
            continue
        for article, screen in found.get("screens", {}).items():
            if isinstance(screen, dict) and isinstance(screen.get("html"), str):
                screens[(str(found.get("issue")), article)] = screen
    return screens


def plan_share_pages(site):
    """The share pages (a/<issue>/<article>.html, `digest share`) of the issues with
    article screens: those become viewer pages with the article's first screen, every
    other share page is as `digest share` wrote it (kept in .site/share-pages/ while its
    viewer page is served). Planned before any page is written, since index.html lists
    the viewer pages (head.js). Returns (plans for write_share_pages, {issue: [article]}
    of the viewer pages)."""
    screens = article_screens(site)
    kept_root = os.path.join(site, ".site", "share-pages")
    shares = os.path.join(site, "a")
    # Only issues with screens now, or with pages made viewer pages before: every other
    # share page is as `digest share` wrote it (a ten-year archive has ~25,000).
    had = set(os.listdir(kept_root)) if os.path.isdir(kept_root) else set()
    plans, viewer_pages = [], {}
    for issue in sorted({issue for issue, _ in screens} | had):
        pages = os.path.join(shares, issue)
        for name in sorted(os.listdir(pages)) if os.path.isdir(pages) else []:
            if not name.endswith(".html"):
                continue
            path = os.path.join(pages, name)
            kept = os.path.join(kept_root, issue, name)
            text = read(path).decode("utf-8")
            if not text.startswith("<!doctype html>\n" + SHELL_MARK):
                write_if_changed(kept, text.encode("utf-8"))  # as `digest share` wrote it (anew)
            elif os.path.exists(kept):
                text = read(kept).decode("utf-8")
            else:
                continue  # a viewer page whose share page was not kept: left as it is
            article = name[:-5]
            screen = screens.get((issue, article))
            parts = plain_parts(text, issue) if screen else None
            plans.append({"path": path, "kept": kept, "plain": text, "issue": issue, "article": article,
                          "screen": screen if parts else None, "parts": parts})
            if parts:
                viewer_pages.setdefault(issue, []).append(article)
    return plans, viewer_pages


def write_share_pages(site, plans, make_page):
    """Writes the planned share pages: `make_page(screen)` builds index.html with that
    screen. Returns the number of viewer pages."""
    kept_root = os.path.join(site, ".site", "share-pages")
    kept_now, shells = set(), 0
    for plan in plans:
        shell = None
        if plan["screen"]:
            shell = share_shell(make_page(plan["screen"]), plan["parts"], plan["issue"], plan["article"])
        write_if_changed(plan["path"], (shell or plan["plain"]).encode("utf-8"))
        if shell:
            shells += 1
            kept_now.add(plan["kept"])
    # Kept copies of pages served as `digest share` wrote them again (an issue past the
    # newest), or gone (a retracted issue's).
    for folder, _, files in os.walk(kept_root, topdown=False):
        for name in files:
            if os.path.join(folder, name) not in kept_now:
                os.remove(os.path.join(folder, name))
        if folder != kept_root and not os.listdir(folder):
            os.rmdir(folder)
    return shells


def header_rules(names, config, hashes=None):
    """{pattern: [header lines]} in the order written: caching, and the
    Content-Security-Policy from config.json (site_config.py). Patterns are as in
    _headers: an exact path, or a folder ending in '/*'. No header is set twice for one
    path: hosts join repeated headers, and two CSPs would both be enforced."""
    rules = {"/*": ["X-Content-Type-Options: nosniff", "Referrer-Policy: strict-origin-when-cross-origin"]}
    for hashed in sorted(names.values()):
        rules["/" + hashed] = ["Cache-Control: " + YEAR]
    rules["/fonts/slices/*"] = ["Cache-Control: " + YEAR]  # content-hashed by slice.py
    for path in ("/", "/index.html", "/sw.js", "/manifest.webmanifest", "/issues/*", "/icons/*", "/a/*",
                 "/oembed/*", "/config.json", "/embed.js", "/share.js", "/fonts/LICENSE-BIZUDGothic.txt",
                 "/fonts/issues/*", "/prepaint/*", "/feed.xml", "/feed.json", "/sitemap.xml", "/robots.txt"):
        rules[path] = ["Cache-Control: " + REVALIDATE]
    for path, policy in site_config.csp_rules(config, hashes):
        rules.setdefault(path, []).append("Content-Security-Policy: " + policy)
    return rules


def build_headers(rules):
    """_headers, the format Netlify and Cloudflare Pages read (and tools/serve.py)."""
    lines = ["# Written by tools/stamp_web.py: how a static host serves this site."]
    for path, headers in rules.items():
        lines.append(path)
        lines.extend("  " + h for h in headers)
    return "\n".join(lines) + "\n"


def build_nginx(rules):
    """The same rules as nginx directives for inside a `server { }` block (docs/publishing.md):
    one location per pattern, each repeating every header that applies to it, since a
    location with add_header of its own inherits none from the server."""
    def covers(rule, location):
        if rule == "/*" or rule == location:
            return True
        return rule.endswith("/*") and location.startswith(rule[:-1])

    out = ["# Written by tools/stamp_web.py from the rules of _headers: include it inside",
           "#   server { listen PORT; root SITE; include SITE/nginx.conf; }",
           "# brotli_static needs Debian's libnginx-mod-http-brotli-static; without that module,",
           "# delete its line (the .gz copies are still served).",
           "index index.html;",
           "gzip_static on;",
           "brotli_static on;",
           "gzip_vary on;",
           "types {"]
    out += [f"    {mime.split(';')[0]} {ext[1:]};" for ext, mime in site_config.TYPES.items()]
    out += ["}", "default_type application/octet-stream;", "charset utf-8;",
            "charset_types text/html text/css text/javascript text/plain application/json;",
            "# Not for readers: the build's own records and the host's rules.",
            "location ~ /\\. { return 404; }",
            "location = /_headers { return 404; }",
            "location = /nginx.conf { return 404; }"]
    for location in rules:
        headers = [h for rule, hs in rules.items() if covers(rule, location) for h in hs]
        if location == "/*":
            head = "location / {"
        elif location.endswith("/*"):
            head = f"location ^~ {location[:-1]} {{"
        else:
            head = f"location = {location} {{"
        out.append(head)
        if location in site_config.PATH_TYPES:
            out.append(f"    types {{ }} default_type {site_config.PATH_TYPES[location].split(';')[0]};")
        for header in headers:
            name, value = header.split(":", 1)
            out.append(f'    add_header {name} "{value.strip()}";')
        out.append("}")
    return "\n".join(out) + "\n"


def compress_one(path):
    """Writes the .br and .gz siblings of one file that are missing or older than it."""
    data = None
    for suffix, squeeze in ((".br", lambda d: brotli.compress(d, quality=11)),
                            (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0))):
        sibling = path + suffix
        if os.path.exists(sibling) and os.path.getmtime(sibling) >= os.path.getmtime(path):
            continue
        data = data if data is not None else read(path)
        write_if_changed(sibling, squeeze(data))
        os.utime(sibling)


def compress_siblings(site):
    """Only for what the site serves: not the unhashed build outputs the stamp copied.
    Brotli at quality 11 is slow: a big archive's files are compressed on every core."""
    unhashed = {os.path.join(site, name) for name in HASHED + INLINED}
    todo = []
    for folder, dirs, files in os.walk(site):
        dirs[:] = [d for d in dirs if d != "bench" and not d.startswith(".")]  # .site/: the build's own
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith((".br", ".gz")):
                if not os.path.exists(path[:-3]):
                    os.remove(path)  # its file was removed (a retracted issue's, an old segment's)
                continue
            if not name.endswith(COMPRESSIBLE) or path in unhashed:
                continue
            if os.path.getsize(path) < 1024:
                continue
            mtime = os.path.getmtime(path)
            if all(os.path.exists(path + s) and os.path.getmtime(path + s) >= mtime for s in (".br", ".gz")):
                continue
            todo.append(path)
    if len(todo) < 32:
        for path in todo:
            compress_one(path)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _ in pool.map(compress_one, todo, chunksize=16):
            pass


def stamp(site, page, worker, salt="", catalogue=""):
    """Steps 1-5 on `site`; returns the build id. `catalogue` changes the build id when
    the site's issues changed in a way saved copies must follow (a retraction)."""
    names = stamp_assets(site, salt)
    shell = ["index.html"] + [names[n] for n in HASHED if n not in NOT_PRECACHED] + SHELL
    for name in SHELL:
        if not os.path.exists(os.path.join(site, name)):
            sys.exit(f"stamp_web.py: {name} is missing from {site}")
    # The build id: every shell file's name and content (the page itself is derived
    # from these and the template), and the catalogue.
    fingerprint = hashlib.sha256()
    for name in sorted(set(shell + [names[n] for n in NOT_PRECACHED]) - {"index.html"}):
        fingerprint.update(name.encode() + b"\0" + sha256(read(os.path.join(site, name))).encode() + b"\n")
    fingerprint.update(sha256(read(page).replace(b"\r", b"")).encode())
    # What index.html inlines.
    sources = {name: read(os.path.join(site, name)).decode("utf-8") for name in INLINED}
    for name in INLINED:
        fingerprint.update(name.encode() + b"\0" + sha256(sources[name].encode("utf-8")).encode() + b"\n")
    fingerprint.update(sha256(read(worker)).encode())
    fingerprint.update(catalogue.encode())
    try:
        config = site_config.load_config(os.path.join(site, "config.json"))
    except site_config.ConfigError as error:
        sys.exit(f"stamp_web.py: {error}")
    # The site's checklist headings go into the page (read offline too, with no request
    # for config.json); a change of them is a new build.
    headings = config.get("checklistHeadings")
    if headings:
        fingerprint.update(json.dumps(headings, ensure_ascii=False).encode())
    version = fingerprint.hexdigest()[:16]

    latest = latest_issue(site)
    # "latest": the newest issue when the site was built: app.js starts downloading it
    # (and its font slice) for ?issue=latest at once, without waiting for the index; a
    # guess the viewer confirms against the index it reads. (Not a <link rel=preload>:
    # readers opening another issue would download it for nothing.)
    # previewFiles: what a preview's screen is laid out with (head.js asks for the same).
    build = {"version": version, "assets": {n: names[n] for n in HASHED}, "latest": latest,
             "previewFiles": [names[n] for n in PREVIEW_FILES]}
    if headings:
        build["checklistHeadings"] = headings
    template = read(page).decode("utf-8")
    plans, viewer_pages = plan_share_pages(site)
    page_text, hashes = build_page(template, names, build, sources, first_screen(site, latest), viewer_pages)
    write_if_changed(os.path.join(site, "index.html"), page_text.encode("utf-8"))
    shells = write_share_pages(site, plans, lambda screen: build_page(template, names, build, sources, screen, None)[0])

    precache = {"version": version, "shell": shell}
    text = ("// Generated by tools/stamp_web.py from web/sw.js: this build's id and app shell.\n"
            "const BUILD = " + json.dumps(precache, ensure_ascii=False, indent=2) + ";\n\n")
    write_if_changed(os.path.join(site, "sw.js"), text.encode("utf-8") + read(worker))
    rules = header_rules(names, config, hashes)
    write_if_changed(os.path.join(site, "_headers"), build_headers(rules).encode("utf-8"))
    write_if_changed(os.path.join(site, "nginx.conf"), build_nginx(rules).encode("utf-8"))
    compress_siblings(site)
    print(f"stamped build {version}: {len(shell)} shell files, {shells} share pages with the viewer")
    return version


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--page")
    parser.add_argument("--worker")
    parser.add_argument("--salt", default="")
    parser.add_argument("--compress-only", action="store_true",
                        help="only write the .br/.gz siblings under --site (e.g. an archive's search/)")
    args = parser.parse_args()
    if args.compress_only:
        compress_siblings(args.site)
        return
    if not args.page or not args.worker:
        parser.error("--page and --worker are needed to stamp a site")
    stamp(args.site, args.page, args.worker, args.salt)


if __name__ == "__main__":
    main()
