"""The site's config.json and the security headers derived from it.

web/config.json (copied to build/web/config.json):
  {"siteUrl":    the site's public address, written into share pages and oEmbed
                 answers at build time (crawlers need absolute URLs),
   "embedHosts": [origins that may frame the viewer and talk to it],
   "sources":    [origins the viewer may load an issue from with ?src=],
   "checklistHeadings": [headings whose lists are action checklists] (optional; the
                 default is 「今すぐやるべき対策」)}
Origins are exact: scheme://host[:port], nothing after it. siteUrl may add a path
(https://example.org/digest) and has no trailing slash.

Used by tools/stamp_web.py (writes the CSP into build/web/_headers) and tools/serve.py
(sends the CSP of the config it was started with), so both say the same.
"""
import json
import re

SITE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?$")
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


# Content types by extension: what serve.py sends and nginx.conf declares.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
}
# Files whose type their extension does not say.
PATH_TYPES = {"/feed.xml": "application/atom+xml; charset=utf-8", "/feed.json": "application/feed+json"}


class ConfigError(Exception):
    pass


def empty_config():
    """No site address, no hosts, no other sources: what a site without config.json has."""
    return {"siteUrl": "", "embedHosts": [], "sources": []}


def load_config(path):
    """The config at `path`, checked: {"siteUrl": "...", "embedHosts": [...], "sources": [...]}."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return empty_config()
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: cannot read it as JSON ({error})")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected an object with siteUrl, embedHosts and sources")
    config = {}
    for key in ("embedHosts", "sources"):
        origins = data.get(key, [])
        if not isinstance(origins, list):
            raise ConfigError(f"{path}: /{key} must be a list of origins")
        for i, origin in enumerate(origins):
            if not isinstance(origin, str) or not ORIGIN.match(origin):
                raise ConfigError(f"{path}: /{key}/{i}: {origin!r} is not an origin like https://portal.example")
        config[key] = origins
    site_url = data.get("siteUrl", "")
    if not isinstance(site_url, str) or (site_url and not SITE_URL.match(site_url)) or site_url.endswith("/"):
        raise ConfigError(f"{path}: /siteUrl: {site_url!r} is not an address like https://digest.example "
                          "(no trailing slash, no query)")
    config["siteUrl"] = site_url
    if "checklistHeadings" in data:
        headings = data["checklistHeadings"]
        if (not isinstance(headings, list) or not 1 <= len(headings) <= 20
                or not all(isinstance(h, str) and 0 < len(h) <= 100 and h.strip() == h for h in headings)):
            raise ConfigError(f"{path}: /checklistHeadings must be a list of 1-20 headings like "
                              "\"今すぐやるべき対策\" (text of 1-100 characters)")
        config["checklistHeadings"] = headings
    unknown = sorted(set(data) - {"siteUrl", "embedHosts", "sources", "checklistHeadings"})
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (expected siteUrl, embedHosts, sources "
                          "and checklistHeadings)")
    return config


def viewer_csp(config, hashes=None, share=False):
    """The viewer page and its worker: no eval, no inline script or style but the page's
    own (`hashes`: {"script": [...], "style": [...]}, CSP hash sources of index.html's
    inline texts, tools/stamp_web.py); wasm may compile.
    `share`: share pages (a/*), the newest issues' carrying the viewer with a <base> for
    the site's root; every one has a <style> of its own and its article's indents as
    style="" (for readers without script), so styles are not limited to hashes."""
    hashes = hashes or {}
    styles = ["'unsafe-inline'"] if share else hashes.get("style", [])
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'"] + hashes.get("script", [])),
        " ".join(["style-src 'self'"] + styles),
        " ".join(["connect-src 'self'"] + config["sources"]),
        "base-uri 'self'" if share else "base-uri 'none'",
        "object-src 'none'",
        "form-action 'none'",
        " ".join(["frame-ancestors 'self'"] + config["embedHosts"]),
    ])


def policy_hashes(policy):
    """The hash sources of a viewer policy's script-src and style-src (as viewer_csp
    takes them): a server applying its own config keeps the page's inline texts allowed."""
    hashes = {"script": [], "style": []}
    for directive in policy.split(";"):
        words = directive.split()
        kind = {"script-src": "script", "style-src": "style"}.get(words[0] if words else "")
        if kind:
            hashes[kind] = [w for w in words[1:] if w.startswith("'sha256-")]
    return hashes


def page_csp(config):
    """Static pages (issues/*.html, share pages): their one <style>, our scripts only."""
    return "; ".join([
        "default-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "form-action 'none'",
        " ".join(["frame-ancestors 'self'"] + config["embedHosts"]),
    ])


# Which paths carry which policy (patterns as in _headers: '*' matches anything).
VIEWER_PATHS = ("/", "/index.html", "/sw.js")
PAGE_PATHS = ("/issues/*",)
SHARE_PATHS = ("/a/*",)


def csp_rules(config, hashes=None):
    return ([(path, viewer_csp(config, hashes)) for path in VIEWER_PATHS] +
            [(path, page_csp(config)) for path in PAGE_PATHS] +
            [(path, viewer_csp(config, hashes, share=True)) for path in SHARE_PATHS])
