#!/usr/bin/env python3
"""A small TAXII 2.1 server for agx's tests (Python standard library only).

It listens on 127.0.0.1 on a free port (written to --port-file) and behaves
as the real servers of ../shared/TAXII.md do, traps included:

- 406 when Accept lacks application/taxii+json;version=2.1 (medallion);
- 308 to the same URL with a trailing slash when it is missing (medallion);
- `next` tokens that must come back with the original limit (500, an HTML
  page, as medallion's KeyError) and added_after (400 when it changed);
  --expire-next K: the token handed out with page K is refused once (400),
  as medallion's 30 s expiry;
- `{}` for an empty page, with no X-TAXII-Date-Added-Last header (or the
  text "undefined" with --empty-header undefined, as OpenCTI#6973);
- dates written as --date-style z ("...000Z"), micro ("...123456Z") or plus
  ("...+00:00", as OpenCTI#5681); added_after is accepted only in the style
  the server writes (medallion refuses anything but Z with a 500 HTML page),
  so a client must send the header back verbatim;
- relative API-root URLs in discovery ("../api1/");
- HTML error pages for unknown paths;
- 401 with WWW-Authenticate: Basic, Bearer (--user/--password, --token);
- --taxii20: a TAXII 2.0 server (vnd.oasis media types, 206 on objects);
- --no-next: `more` without `next` (date-only paging);
- --hold-at K: the K-th objects request waits until --release FILE exists
  (the test kills the client meanwhile);
- --tls CERT KEY [--client-ca CA]: HTTPS, optionally requiring a client
  certificate.

Every request is logged as one JSON line to --log: method, path, query,
status, the ids served and whether the request was held.
Objects are generated (--objects N, deterministic) and POSTs add to them.
--dump FILE writes the generated objects as a STIX bundle.
"""
import argparse
import base64
import json
import os
import re
import ssl
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MEDIA = "application/taxii+json;version=2.1"
MEDIA20 = "application/vnd.oasis.taxii+json; version=2.0"
NS = uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
COLL = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"
SECRET = "52892447-4d7e-4f70-b94d-d7f22742ff63"
BASE = 1700000000  # 2023-11-14T22:13:20Z


def sid(kind, name):
    return "%s--%s" % (kind, uuid.uuid5(NS, name))


def generate(n):
    """n objects: actors, indicators naming shared domains, relationships."""
    objs = []
    actors = max(2, n // 25)
    i = 0
    while len(objs) < n:
        k = i % 3
        if k == 0 and i // 3 < actors:
            objs.append({"type": "intrusion-set", "spec_version": "2.1",
                         "id": sid("intrusion-set", "actor%d" % (i // 3)),
                         "name": "Actor %d" % (i // 3),
                         "created": "2023-01-01T00:00:00.000Z",
                         "modified": "2023-01-01T00:00:00.000Z"})
        else:
            j = i
            dom = "c2-%d.example.net" % (j % (n // 4 + 7))
            ind = sid("indicator", "ind%d" % j)
            objs.append({"type": "indicator", "spec_version": "2.1", "id": ind,
                         "pattern": "[domain-name:value = '%s']" % dom,
                         "pattern_type": "stix", "valid_from": "2023-01-01T00:00:00Z",
                         "created": "2023-01-01T00:00:00.000Z",
                         "modified": "2023-01-01T00:00:00.000Z"})
            if len(objs) < n:
                objs.append({"type": "relationship", "spec_version": "2.1",
                             "id": sid("relationship", "rel%d" % j),
                             "relationship_type": "indicates", "source_ref": ind,
                             "target_ref": sid("intrusion-set",
                                               "actor%d" % ((j * 7) % actors)),
                             "created": "2023-01-01T00:00:00.000Z",
                             "modified": "2023-01-01T00:00:00.000Z"})
        i += 1
    return objs[:n]


def fmt_date(t, style):
    """Seconds (float) as the server's date style."""
    whole = int(t)
    frac = t - whole
    base = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))
    if style == "plus":
        return base + "+00:00"
    if style == "micro":
        return base + ".%06dZ" % round(frac * 1e6)
    return base + ".%03dZ" % round(frac * 1e3)


STYLE_RE = {
    "z": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"),
    "micro": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"),
    "plus": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$"),
}


def parse_date(s, style):
    if not STYLE_RE[style].match(s):
        return None
    base = time.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")
    t = float(int(time.mktime(base) - time.timezone))
    if style == "micro":
        t += int(s[20:26]) / 1e6
    elif style == "z":
        t += int(s[20:23]) / 1e3
    return t


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.objects = []  # (date_added seconds, object)
        step = 0.25 if args.date_style != "plus" else 1.0
        for i, o in enumerate(generate(args.objects)):
            self.objects.append((BASE + i * step + (0.000123 if args.date_style == "micro" else 0), o))
        self.clock = BASE + len(self.objects) * step + 10
        self.tokens = {}
        self.objects_requests = 0
        self.token_pages = 0
        self.log = open(args.log, "a", buffering=1) if args.log else None

    def add(self, objs):
        with self.lock:
            for o in objs:
                self.clock += 1.0
                self.objects.append((self.clock, o))
            return len(objs)


def html(code, title):
    return ("<!DOCTYPE html><html><head><title>%d %s</title></head><body><h1>%s</h1>"
            "<p>The server could not answer this request.</p></body></html>" % (code, title, title))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "agx-test-taxii/1.0"

    def log_message(self, fmt, *a):
        pass

    # ---- output ----
    def send(self, code, body, ctype, headers=None, served=None, held=False):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass
        st = self.server.state
        if st.log:
            u = urlsplit(self.path)
            st.log.write(json.dumps({"method": self.command, "path": u.path,
                                     "query": parse_qs(u.query, keep_blank_values=True),
                                     "status": code, "served": served or [],
                                     "held": held}) + "\n")

    def taxii(self, code, obj, headers=None, served=None, held=False):
        st = self.server.state
        ctype = MEDIA20 if st.args.taxii20 else MEDIA
        self.send(code, json.dumps(obj), ctype, headers, served, held)

    def error(self, code, title, desc):
        self.taxii(code, {"title": title, "description": desc, "http_status": str(code)})

    # ---- checks ----
    def authorised(self):
        a = self.server.state.args
        if not a.user and not a.token:
            return True
        got = self.headers.get("Authorization", "")
        if a.token and got == "Bearer " + a.token:
            return True
        if a.user:
            want = "Basic " + base64.b64encode(("%s:%s" % (a.user, a.password)).encode()).decode()
            if got == want:
                return True
        self.send(401, json.dumps({"title": "Unauthorized", "http_status": "401"}), MEDIA,
                  {"WWW-Authenticate": "Basic, Bearer"})
        return False

    def accepts(self):
        acc = self.headers.get("Accept", "")
        if self.server.state.args.taxii20:
            return True
        if "application/taxii+json" in acc and "version=2.1" in acc:
            return True
        self.send(406, html(406, "Not Acceptable"), "text/html")
        return False

    # ---- routes ----
    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def route(self, method):
        st = self.server.state
        u = urlsplit(self.path)
        path = u.path
        if not path.endswith("/"):
            self.send(308, "", "text/plain",
                      {"Location": path + "/" + ("?" + u.query if u.query else "")})
            return
        if not self.authorised() or not self.accepts():
            return
        q = parse_qs(u.query, keep_blank_values=True)
        if method == "GET" and path == "/taxii2/":
            self.taxii(200, {"title": "agx test server", "description": "for the tests",
                             "default": "../api1/", "api_roots": ["../api1/"]})
        elif method == "GET" and path == "/api1/":
            self.taxii(200, {"title": "Team intel", "versions": [MEDIA],
                             "max_content_length": 104857600})
        elif method == "GET" and path == "/api1/collections/":
            self.taxii(200, {"collections": [self.coll(COLL), self.coll(SECRET)]})
        elif method == "GET" and path in ("/api1/collections/%s/" % COLL,
                                          "/api1/collections/%s/" % SECRET):
            self.taxii(200, self.coll(path.split("/")[3]))
        elif method == "GET" and path == "/api1/collections/%s/objects/" % COLL:
            self.objects(q)
        elif method == "POST" and path == "/api1/collections/%s/objects/" % COLL:
            n = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(n) or b"{}")
            ctype = self.headers.get("Content-Type", "")
            if not ctype.startswith("application/taxii+json"):
                self.error(415, "Unsupported Media Type", ctype)
                return
            objs = body.get("objects", [])
            st.add(objs)
            self.taxii(202, {"id": str(uuid.uuid4()), "status": "complete",
                             "total_count": len(objs), "success_count": len(objs),
                             "successes": [{"id": o.get("id"), "version": o.get("modified")}
                                           for o in objs],
                             "failure_count": 0, "pending_count": 0})
        else:
            self.send(404, html(404, "Not Found"), "text/html")

    def coll(self, cid):
        return {"id": cid, "title": "Intel" if cid == COLL else "Secret",
                "can_read": cid == COLL, "can_write": cid == COLL,
                "media_types": ["application/stix+json;version=2.1"]}

    def objects(self, q):
        st = self.server.state
        a = st.args
        with st.lock:
            st.objects_requests += 1
            number = st.objects_requests
        held = a.hold_at and number == a.hold_at
        if held:
            open(a.hold_marker, "w").close()
            for _ in range(600):
                if os.path.exists(a.release):
                    break
                time.sleep(0.05)
        limit = q.get("limit", [None])[0]
        after = q.get("added_after", [None])[0]
        nxt = q.get("next", [None])[0]
        start = 0
        if nxt is not None:
            tok = st.tokens.get(nxt)
            if tok is None or tok.get("expired"):
                if tok is not None:
                    tok["expired"] = False
                    del st.tokens[nxt]
                self.error(400, "Bad Request", "the next token is expired or unknown")
                return
            if limit is None:  # medallion: KeyError -> 500, HTML
                self.send(500, html(500, "Internal Server Error"), "text/html")
                return
            if tok["after"] != after or tok["limit"] != limit:
                self.error(400, "Bad Request", "parameters changed beside next")
                return
            start = tok["pos"]
        t_after = None
        if after is not None:
            t_after = parse_date(after, a.date_style)
            if t_after is None:
                self.send(500, html(500, "Internal Server Error"), "text/html")
                return
        size = min(int(limit), a.max_page) if limit else a.max_page
        with st.lock:
            rows = [r for r in st.objects if t_after is None or r[0] > t_after + 1e-9]
        page = rows[start:start + size]
        more = start + size < len(rows)
        if a.taxii20:
            self.send(206, json.dumps({"objects": [o for _, o in page]}),
                      "application/vnd.oasis.stix+json; version=2.0",
                      {"Content-Range": "items 0-%d/%d" % (len(page), len(rows))})
            return
        headers = {}
        if page:
            headers["X-TAXII-Date-Added-First"] = fmt_date(page[0][0], a.date_style)
            headers["X-TAXII-Date-Added-Last"] = fmt_date(page[-1][0], a.date_style)
        elif a.empty_header == "undefined":
            headers["X-TAXII-Date-Added-Last"] = "undefined"
        if not page and not more:
            self.taxii(200, {}, headers, held=held)
            return
        body = {"more": more, "objects": [o for _, o in page]}
        if more and not a.no_next:
            token = uuid.uuid4().hex
            with st.lock:
                st.token_pages += 1
                st.tokens[token] = {"after": after, "limit": limit, "pos": start + size,
                                    "expired": a.expire_next == st.token_pages}
            body["next"] = token
        self.taxii(200, body, headers, served=[o["id"] for _, o in page], held=held)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--log")
    p.add_argument("--objects", type=int, default=0)
    p.add_argument("--max-page", type=int, default=1000)
    p.add_argument("--date-style", choices=["z", "micro", "plus"], default="z")
    p.add_argument("--empty-header", choices=["missing", "undefined"], default="missing")
    p.add_argument("--user")
    p.add_argument("--password", default="")
    p.add_argument("--token")
    p.add_argument("--taxii20", action="store_true")
    p.add_argument("--no-next", action="store_true")
    p.add_argument("--expire-next", type=int, default=0)
    p.add_argument("--hold-at", type=int, default=0)
    p.add_argument("--hold-marker", default="/dev/null")
    p.add_argument("--release", default="/nonexistent")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--client-ca")
    p.add_argument("--dump")
    args = p.parse_args()
    state = State(args)
    if args.dump:
        with open(args.dump, "w") as f:
            json.dump({"type": "bundle", "id": "bundle--" + str(uuid.uuid5(NS, "dump")),
                       "objects": [o for _, o in state.objects]}, f)
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.state = state
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        if args.client_ca:
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(args.client_ca)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, args.port_file)
    try:
        srv.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
