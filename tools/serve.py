#!/usr/bin/python3
"""Serves the built site on loopback the way a production static host would.

- Headers come from the site's own `_headers` file (the format Netlify and Cloudflare
  Pages read; tools/stamp_web.py writes it): caching per kind of file, security
  headers. So what is tested here is what such a host sends.
- A precompressed sibling (`.br`, then `.gz`) is sent when the browser accepts it.
- Only regular files inside the root are served: no directory listings, no symlinks
  leading out of the root, no dot-files.
"""
import argparse
import email.utils
import fnmatch
import http.server
import os
import posixpath
import urllib.parse

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
}


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


class Handler(http.server.BaseHTTPRequestHandler):
    root = "."
    server_version = "digest-serve"
    sys_version = ""

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def resolve(self, url_path):
        """The file for a URL path, or None: regular files inside the root only."""
        path = posixpath.normpath(urllib.parse.unquote(url_path))
        if url_path.endswith("/"):
            path = posixpath.join(path, "index.html")
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") for p in parts):
            return None
        candidate = os.path.join(self.root, *parts)
        real = os.path.realpath(candidate)
        if os.path.commonpath([real, self.root]) != self.root or not os.path.isfile(real):
            return None
        return real

    def respond(self, send_body):
        url_path = urllib.parse.urlsplit(self.path).path
        path = self.resolve(url_path)
        if path is None:
            self.send_error(404, "Not found")
            return
        headers = {"Content-Type": TYPES.get(os.path.splitext(path)[1], "application/octet-stream")}
        # Read per request: a new build written into the root takes effect at once.
        for pattern, rule_headers in read_headers_file(self.root):
            if fnmatch.fnmatchcase(url_path, pattern):
                headers.update(dict(rule_headers))
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
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            with open(body_path, "rb") as f:
                self.wfile.write(f.read())

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", default="build/web")
    args = parser.parse_args()
    Handler.root = os.path.realpath(args.root)
    server = http.server.ThreadingHTTPServer((args.host, args.port), Handler)
    host, port = server.server_address[:2]
    print(f"Serving the digest viewer on http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
