"""A static file server that compresses text with gzip, as GitHub Pages does, so that what the browser transfers (the
home page's weight, Lighthouse's figures) is what a reader's browser transfers. The tests start it on a free port;
by hand: `.venv/bin/python -m tests.e2e.gzip_server site 8000`."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

# What GitHub Pages compresses; Pagefind's index files are gzip already and are served as they are.
COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "image/svg+xml", "application/xml", "text/xml", "application/atom+xml", "text/plain", "text/csv"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory`; each response's path and body size (as sent, compressed or not) is appended to the
    server's `sent` list, so a test can add up what a page transferred."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass

    def path_in_site(self) -> str:
        return self.path

    def send_head(self):
        body = self._send_head()
        if body is not None:
            size = body.getbuffer().nbytes if isinstance(body, io.BytesIO) else os.fstat(body.fileno()).st_size
            self.server.sent.append((self.path_in_site(), size))
        return body

    def _send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or kind not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def under_prefix(handler: type[http.server.SimpleHTTPRequestHandler], prefix: str):
    """`handler` serving its folder at `prefix` (`/NAME/`, as GitHub Pages serves a project site); other paths are 404."""
    if prefix == "/":
        return handler

    class UnderPrefix(handler):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return os.path.join(self.directory, ".outside-the-published-path")  # no such file: 404
            return super().translate_path("/" + path[len(prefix):])

        def path_in_site(self) -> str:
            return "/" + self.path[len(prefix):] if self.path.startswith(prefix) else self.path

    return UnderPrefix


def serve(folder: Path, port: int = 0, prefix: str = "/") -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(under_prefix(GzipHandler, prefix), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.sent = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


if __name__ == "__main__":
    folder, port = Path(sys.argv[1] if len(sys.argv) > 1 else "site"), int(sys.argv[2] if len(sys.argv) > 2 else 8000)
    server, url = serve(folder, port)
    print(f"Serving {folder} with gzip at {url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
