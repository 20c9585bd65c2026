#!/usr/bin/python3
"""Serves the built site on loopback the way a production static host would.

- Headers come from the site's own `_headers` file (the format Netlify and Cloudflare
  Pages read; tools/stamp_web.py writes it): caching per kind of file, security
  headers. So what is tested here is what such a host sends.
- A precompressed sibling (`.br`, then `.gz`) is sent when the browser accepts it.
- Only regular files inside the root are served: no directory listings, no symlinks
  leading out of the root, no dot-files, not _headers itself.
- The site's config.json (or --config) is read once, at start: /config.json is served
  from it and the Content-Security-Policy (frame-ancestors = 'self' + embedHosts,
  connect-src = 'self' + sources) is derived from it, as stamp_web.py derives _headers.
- A site built for another address (its config.json's siteUrl, from `make site
  SITE_URL=...`) is served all the same, with a note that says so.
- A demo portal (tools/demo/portal.html) is served on a second port (--demo-port,
  default PORT+1): another origin, embedding the viewer twice with embed.js.
"""
import argparse
import email.utils
import json
import fnmatch
import http.server
import os
import posixpath
import sys
import threading
import urllib.parse

import site_config

def read_headers_file(root):
    """[(pattern, [(name, value)])] from root/_headers; '*' matches anything."""
    rules = []
    try:
        with open(os.path.join(root, "_headers"), encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if not line[0].isspace():
                    rules.append((line.strip(), []))
                elif rules and ":" in line:
                    name, value = line.strip().split(":", 1)
                    rules[-1][1].append((name.strip(), value.strip()))
    except FileNotFoundError:
        pass
    return rules


class Server(http.server.ThreadingHTTPServer):
    # A page opens many connections at once (fonts, year files, tests fetching in
    # parallel): with the default backlog of 5, some waited 20 s for a connection.
    request_queue_size = 128


class Handler(http.server.BaseHTTPRequestHandler):
    # Headers and body go out in separate writes: without this, Nagle's algorithm holds
    # the body back until the client's delayed ACK (~40 ms a request on loopback),
    # which no real host does and which would dominate every measurement of requests.
    disable_nagle_algorithm = True

    root = "."
    config = site_config.empty_config()
    server_version = "digest-serve"
    sys_version = ""

    def do_GET(self):
        try:
            self.respond(send_body=True)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (a tab closed, a fetch aborted): nothing to say

    def do_HEAD(self):
        self.respond(send_body=False)

    def resolve(self, url_path):
        """The file for a URL path, or None: regular files inside the root only."""
        path = posixpath.normpath(urllib.parse.unquote(url_path))
        if url_path.endswith("/"):
            path = posixpath.join(path, "index.html")
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") for p in parts) or parts in (["_headers"], ["_redirects"], ["nginx.conf"]):
            return None  # dot-files, and the host's own rules (static hosts do not serve them)
        candidate = os.path.join(self.root, *parts)
        real = os.path.realpath(candidate)
        if os.path.commonpath([real, self.root]) != self.root or not os.path.isfile(real):
            return None
        return real

    def respond(self, send_body):
        url_path = urllib.parse.urlsplit(self.path).path
        if "\x00" in urllib.parse.unquote(url_path):
            self.send_error(400, "Bad request: the path holds a NUL")  # no file has one in its name
            return
        if url_path == "/config.json":
            self.send_bytes(json.dumps(self.config, indent=2).encode() + b"\n", {
                "Content-Type": "application/json", "Cache-Control": "no-cache",
                "X-Content-Type-Options": "nosniff"}, send_body)
            return
        path = self.resolve(url_path)
        if path is None:
            self.send_error(404, "Not found")
            return
        headers = {"Content-Type": site_config.PATH_TYPES.get(url_path) or
                   site_config.TYPES.get(os.path.splitext(path)[1], "application/octet-stream")}
        # Read per request: a new build written into the root takes effect at once.
        for pattern, rule_headers in read_headers_file(self.root):
            if fnmatch.fnmatchcase(url_path, pattern):
                headers.update(dict(rule_headers))
        # The policy of the config this server was started with (the same text as
        # _headers when that config is the site's own), with the page's inline hashes.
        hashes = site_config.policy_hashes(headers.get("Content-Security-Policy", ""))
        for pattern, policy in site_config.csp_rules(self.config, hashes):
            if fnmatch.fnmatchcase(url_path, pattern):
                headers["Content-Security-Policy"] = policy
        body_path = path
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            sibling = path + suffix
            if encoding in accepted and os.path.isfile(sibling):
                body_path = sibling
                headers["Content-Encoding"] = encoding
                break
        if os.path.isfile(path + ".br") or os.path.isfile(path + ".gz"):
            headers["Vary"] = "Accept-Encoding"
        stat = os.stat(body_path)
        headers["Content-Length"] = str(stat.st_size)
        headers["Last-Modified"] = email.utils.formatdate(stat.st_mtime, usegmt=True)
        self.send_ok(headers)
        if send_body:
            with open(body_path, "rb") as f:
                self.wfile.write(f.read())

    def send_ok(self, headers):
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def send_bytes(self, body, headers, send_body):
        self.send_ok(dict(headers, **{"Content-Length": str(len(body))}))
        if send_body:
            self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


class PortalHandler(Handler):
    """The demo portal: one page, on its own origin, that embeds the viewer."""
    viewer = ""
    page = b""

    def respond(self, send_body):
        if urllib.parse.urlsplit(self.path).path not in ("/", "/index.html"):
            self.send_error(404, "Not found")
            return
        self.send_bytes(self.page, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache"},
                        send_body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--demo-port", type=int, default=None, help="the demo portal's port (default PORT+1; -1: none)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", default="build/web")
    parser.add_argument("--config", default=None, help="default: ROOT/config.json")
    args = parser.parse_args()
    Handler.root = os.path.realpath(args.root)
    try:
        Handler.config = site_config.load_config(args.config or os.path.join(Handler.root, "config.json"))
    except site_config.ConfigError as error:
        sys.exit(f"serve.py: {error}")
    server = Server((args.host, args.port), Handler)
    host, port = server.server_address[:2]
    viewer = f"http://{host}:{port}"
    print(f"Serving the digest viewer on {viewer}/ (Ctrl+C stops)", flush=True)
    site_url = Handler.config.get("siteUrl", "")
    if site_url and site_url.rstrip("/") != viewer:
        # Share pages, cards, oEmbed answers and feeds carry absolute addresses: they
        # point at siteUrl, wherever this copy is served.
        print(f"  note: this site was built for {site_url}, not {viewer}: its share pages, cards, feeds and "
              f"oEmbed answers point there; `make site SITE_URL={viewer} ...` builds it for here "
              "(make serve does)", flush=True)

    demo_port = args.demo_port if args.demo_port is not None else (port + 1 if args.port else 0)
    if demo_port >= 0:
        template = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo", "portal.html")
        with open(template, encoding="utf-8") as f:
            PortalHandler.page = f.read().replace("{{VIEWER}}", viewer).encode("utf-8")
        portal = Server((args.host, demo_port), PortalHandler)
        portal_origin = f"http://{host}:{portal.server_address[1]}"
        threading.Thread(target=portal.serve_forever, daemon=True).start()
        print(f"Demo portal (another origin, embedding the viewer) on {portal_origin}/", flush=True)
        if portal_origin not in Handler.config["embedHosts"]:
            print(f"  note: {portal_origin} is not in embedHosts of the config, so the viewer refuses to be framed"
                  " there; add it to web/config.json (or pass --config)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
