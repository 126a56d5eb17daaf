#!/usr/bin/env python3
"""A small MISP REST server for agx's tests (Python standard library only):
POST /events/restSearch with MISP's paging ("page", "limit"), its
"timestamp" filter (events changed at or after it) and its bare
"Authorization: <key>" header (403 with MISP's JSON message otherwise).
Each page starts with an {"xml_version": ...} item, as older MISPs send,
which is not an event. Events live in --data FILE (a JSON list of events,
re-read at every request so a test can edit them); --init N writes N
generated events there first. Requests are logged as JSON lines to --log.
"""
import argparse
import json
import os
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NS = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
BASE = 1700000000


def generate(n):
    evs = []
    for i in range(n):
        actor = "Actor %d" % (i % 5)
        attrs = [{"id": str(1000 + 3 * i + k), "type": t, "category": "Network activity",
                  "to_ids": True, "uuid": str(uuid.uuid5(NS, "a%d-%d" % (i, k))),
                  "timestamp": str(BASE + i), "value": v}
                 for k, (t, v) in enumerate([("domain", "c2-%d.example.org" % (i % 9)),
                                             ("ip-dst", "198.51.100.%d" % (i % 7 + 1)),
                                             ("domain", "own-%d.example.org" % i)])]
        evs.append({"id": str(i + 1), "uuid": str(uuid.uuid5(NS, "e%d" % i)),
                    "info": "Event %d" % i, "date": "2023-11-%02d" % (i % 28 + 1),
                    "threat_level_id": "2", "analysis": "2", "published": True,
                    "timestamp": str(BASE + i), "Attribute": attrs,
                    "Tag": [{"name": 'misp-galaxy:threat-actor="%s"' % actor}]})
    return evs


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def send(self, code, obj, served=None, query=None):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        a = self.server.args
        if a.log:
            with open(a.log, "a") as f:
                f.write(json.dumps({"status": code, "query": query, "served": served or []}) + "\n")

    def do_POST(self):
        a = self.server.args
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if self.path != "/events/restSearch":
            self.send(404, {"name": "Not Found", "message": "Not Found", "url": self.path})
            return
        if self.headers.get("Authorization") != a.key:
            self.send(403, {"name": "Authentication failed. Please make sure you pass the API "
                                    "key of an API enabled user along in the Authorization header.",
                            "message": "Authentication failed. Please make sure you pass the "
                                       "API key of an API enabled user along in the "
                                       "Authorization header.",
                            "url": "/events/restSearch"})
            return
        try:
            q = json.loads(body)
        except ValueError:
            self.send(400, {"name": "Bad Request", "message": "not JSON", "url": self.path})
            return
        evs = json.load(open(a.data))
        ts = q.get("timestamp")
        if ts is not None:
            evs = [e for e in evs if int(e["timestamp"]) >= int(ts)]
        evs.sort(key=lambda e: int(e["id"]))
        page, limit = int(q.get("page", 1)), int(q.get("limit", 100))
        sel = evs[(page - 1) * limit:page * limit]
        self.send(200, {"response": [{"xml_version": "2.4.0"}] + [{"Event": e} for e in sel]},
                  [e["uuid"] for e in sel], q)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--init", type=int)
    p.add_argument("--key", default="k3y")
    p.add_argument("--log")
    args = p.parse_args()
    if args.init is not None:
        json.dump(generate(args.init), open(args.data, "w"))
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.args = args
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    srv.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    sys.exit(main())
