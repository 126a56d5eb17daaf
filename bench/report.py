#!/usr/bin/env python3
"""Turn bench/out/measure.tsv (written by bench/run.sh) into the table for
people and bench/out/results.json for machines.

    report.py OUTDIR

Ratios and targets (issues 8 and 18; the targets are stated for the L bundle,
and are shown for every input as a guide):
  load_vs_json_load    agx stats wall / json.load wall          target <= 1
  reopen_vs_json_load  agx second open wall / json.load wall    target <= 0.15
  rss_per_byte         agx stats peak RSS / input bytes         target < 1.5
  overlaps_s           overlap phase, df cap 20 (see below)     target < 1 s
  all_vs_duckdb        agx all pairs wall / DuckDB wall         target <= 0.5
  pairs_equal          agx, DuckDB and networkx pair counts     equal
  export_overlap_s     overlap view of ~5,000 nodes to SVG      target < 5 s
  tui_median_ms        keystroke-to-screen median (and max)     target < 16 ms (50 ms)
  networkx_speedup     networkx wall / agx all pairs wall       target >= 100
The overlap time is agx's own figure when `overlaps --json` reports one
(overlaps_ms / compute_ms / pairs_ms), otherwise the wall time of
`agx overlaps` minus that of `agx stats` (both load the same input).
"""
import json
import os
import platform
import re
import statistics
import sys

FIGURES = ["stats", "reopen", "overlaps", "overlaps_all", "export", "export_overlap", "tui",
           "json_load", "networkx", "duckdb"]
LABEL = {"stats": "agx load (stats)", "reopen": "agx second open",
         "overlaps": "agx load+overlaps", "overlaps_all": "agx all pairs",
         "export": "agx SVG export", "export_overlap": "agx overlap SVG",
         "tui": "agx TUI 1000 keys", "json_load": "python json.load",
         "networkx": "python networkx", "duckdb": "node DuckDB"}
TARGET_INPUT = "L"


def read_tsv(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            for k in ("wall_s", "rss_kb"):
                try:
                    r[k] = float(r[k]) if k == "wall_s" else int(r[k])
                except (KeyError, ValueError):
                    r[k] = None
            rows.setdefault(r["input"], {})[r["figure"]] = r
    return rows


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def last_json(text):
    """The last line of text that parses as a JSON object, or the whole text."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                pass
    try:
        v = json.loads(text)
        return v if isinstance(v, dict) else None
    except ValueError:
        return None


def find_key(obj, names):
    """Depth-first search of a JSON value for the first key in names."""
    if isinstance(obj, dict):
        for n in names:
            if n in obj and isinstance(obj[n], (int, float)):
                return obj[n]
        for v in obj.values():
            r = find_key(v, names)
            if r is not None:
                return r
    elif isinstance(obj, list):
        for v in obj[:50]:
            r = find_key(v, names)
            if r is not None:
                return r
    return None


NUM = r"([0-9]+(?:\.[0-9]+)?)"


def tui_timings(text):
    """Keystroke-to-screen timings printed by `agx --script`. Accepted forms,
    in order: a JSON line with median_ms/max_ms (or a list under keys_ms /
    key_ms / timings_ms); a line with 'median ... X' and 'max ... Y' (ms);
    or one timing per key, lines ending in 'N ms' (median/max computed here)."""
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            j = json.loads(line)
        except ValueError:
            continue
        for k in ("keys_ms", "key_ms", "timings_ms"):
            if isinstance(j.get(k), list) and j[k]:
                xs = [float(x) for x in j[k]]
                return {"median_ms": statistics.median(xs), "max_ms": max(xs), "keys": len(xs)}
        med = find_key(j, ["median_ms", "key_median_ms"])
        mx = find_key(j, ["max_ms", "key_max_ms"])
        if med is not None:
            return {"median_ms": float(med), "max_ms": float(mx) if mx is not None else None,
                    "keys": find_key(j, ["keys", "count"])}
    med = re.search(r"median[^0-9\n]*" + NUM, text, re.I)
    mx = re.search(r"\bmax(?:imum)?[^0-9\n]*" + NUM, text, re.I)
    if med:
        return {"median_ms": float(med.group(1)),
                "max_ms": float(mx.group(1)) if mx else None, "keys": None}
    per_key = [float(m) for m in re.findall(NUM + r"\s*ms\s*$", text, re.M)]
    if len(per_key) >= 10:
        return {"median_ms": statistics.median(per_key), "max_ms": max(per_key),
                "keys": len(per_key)}
    return None


def input_bytes(out, name):
    path = os.path.join(out, name + ".json")
    if os.path.isfile(path):
        return os.path.getsize(path), path
    corpus = os.environ.get("BENCH_CORPUS", "../shared/corpus")
    total = 0
    for root, _dirs, files in os.walk(corpus):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total, corpus


def gen_info(out, name):
    text = read(os.path.join(out, name + ".json.gen")).splitlines()
    if len(text) < 2:
        return None
    info = {"stamp": text[0]}
    try:
        wall, rss = text[1].split()[-2:]
        info.update(wall_s=float(wall), rss_kb=int(rss))
    except ValueError:
        pass
    m = re.search(r"(\d+) objects, (\d+) actors", "\n".join(text[2:]))
    if m:
        info.update(objects=int(m.group(1)), actors=int(m.group(2)))
    return info


def analyse(out, name, figs):
    size, path = input_bytes(out, name)
    res = {"path": path, "bytes": size, "generated": gen_info(out, name), "figures": {}}
    for fig in FIGURES:
        r = figs.get(fig)
        if not r:
            continue
        d = {"status": r["status"], "wall_s": r["wall_s"], "rss_kb": r["rss_kb"]}
        if r.get("note"):
            d["note"] = r["note"]
        logtxt = read(r["log"] + ".out") if r.get("log") else ""
        if r["status"] == "ok":
            j = last_json(logtxt)
            if fig == "stats" and j:
                d["load_ms"] = j.get("load_ms")
                d["peak_rss_kb_self"] = j.get("peak_rss_kb")
                if isinstance(j.get("nodes"), dict):
                    d["nodes"] = sum(v for v in j["nodes"].values() if isinstance(v, int))
                if isinstance(j.get("edges"), dict):
                    d["edges"] = sum(v for v in j["edges"].values() if isinstance(v, int))
            elif fig == "reopen" and j:
                d["load_ms"] = j.get("load_ms")
                d["cache"] = j.get("cache")
            elif fig == "overlaps_all" and j:
                d["pairs_total"] = j.get("pairs_total")
                d["overlaps_ms"] = j.get("overlap_ms")
                d["load_ms"] = j.get("load_ms")
            elif fig == "duckdb" and j:
                d.update({k: v for k, v in j.items() if k in ("load_s", "pairs_s", "pairs",
                                                               "units", "threads")})
            elif fig == "export_overlap":
                svg = read(os.path.join(out, name + ".overlap.svg"))
                d["svg_nodes"] = svg.count('class="node"')
                d["svg_bytes"] = len(svg)
            elif fig == "overlaps" and j:
                if isinstance(j.get("pairs"), list):
                    d["pairs"] = len(j["pairs"])
                ms = find_key(j, ["overlap_ms", "overlaps_ms", "compute_ms", "pairs_ms"])
                if ms is not None:
                    d["overlaps_ms"] = ms
            elif fig == "export":
                svg = read(os.path.join(out, name + ".ego.svg"))
                d["svg_nodes"] = svg.count('class="node"')
                d["svg_bytes"] = len(svg)
            elif fig == "tui":
                t = tui_timings(logtxt + "\n" + read(r["log"] + ".err"))
                if t:
                    d.update(t)
            elif fig in ("json_load", "networkx") and j:
                d.update({k: v for k, v in j.items() if k != "bytes"})
        res["figures"][fig] = d
    f = res["figures"]

    def ok(fig):
        return f.get(fig, {}).get("status") == "ok" and f[fig].get("wall_s") is not None

    ratios = {}
    if ok("stats") and ok("json_load") and f["json_load"]["wall_s"] > 0:
        ratios["load_vs_json_load"] = f["stats"]["wall_s"] / f["json_load"]["wall_s"]
    if ok("stats") and f["stats"].get("rss_kb") and size:
        ratios["rss_per_byte"] = f["stats"]["rss_kb"] * 1024.0 / size
    if ok("overlaps"):
        if f["overlaps"].get("overlaps_ms") is not None:
            ratios["overlaps_s"] = f["overlaps"]["overlaps_ms"] / 1000.0
        elif ok("stats"):
            ratios["overlaps_s"] = max(0.0, f["overlaps"]["wall_s"] - f["stats"]["wall_s"])
    if ok("tui") and f["tui"].get("median_ms") is not None:
        ratios["tui_median_ms"] = f["tui"]["median_ms"]
        ratios["tui_max_ms"] = f["tui"].get("max_ms")
    if ok("reopen") and ok("json_load") and f["json_load"]["wall_s"] > 0:
        ratios["reopen_vs_json_load"] = f["reopen"]["wall_s"] / f["json_load"]["wall_s"]
    if ok("overlaps_all") and ok("duckdb") and f["duckdb"]["wall_s"] > 0:
        ratios["all_vs_duckdb"] = f["overlaps_all"]["wall_s"] / f["duckdb"]["wall_s"]
    counts = {k: f.get(fig, {}).get(key) for k, fig, key in (
        ("agx", "overlaps_all", "pairs_total"), ("duckdb", "duckdb", "pairs"),
        ("networkx", "networkx", "pairs"))}
    known = [v for v in counts.values() if v is not None]
    ratios["pair_counts"] = counts
    if len(known) >= 2:
        ratios["pairs_equal"] = len(set(known)) == 1
    if ok("export_overlap"):
        ratios["export_overlap_s"] = f["export_overlap"]["wall_s"]
    base = "overlaps_all" if ok("overlaps_all") else "overlaps"
    if ok(base) and ok("networkx") and f[base]["wall_s"] > 0:
        ratios["networkx_speedup"] = f["networkx"]["wall_s"] / f[base]["wall_s"]
    elif ok(base) and f.get("networkx", {}).get("status") == "timeout":
        # a lower bound: networkx took longer than its time limit
        ratios["networkx_speedup_at_least"] = 900.0 / max(f[base]["wall_s"], 0.001)
    res["ratios"] = ratios

    targets = {}

    def target(key, label, cond, val):
        targets[key] = {"target": label, "value": val,
                        "met": None if val is None else bool(cond(val))}

    target("load_vs_json_load", "<= 1x json.load", lambda v: v <= 1.0,
           ratios.get("load_vs_json_load"))
    target("reopen_vs_json_load", "<= 0.15x json.load", lambda v: v <= 0.15,
           ratios.get("reopen_vs_json_load"))
    target("all_vs_duckdb", "<= 0.5x DuckDB", lambda v: v <= 0.5, ratios.get("all_vs_duckdb"))
    target("pairs_equal", "equal counts", lambda v: v, ratios.get("pairs_equal"))
    target("export_overlap_s", "< 5 s", lambda v: v < 5.0, ratios.get("export_overlap_s"))
    target("rss_per_byte", "< 1.5x file size", lambda v: v < 1.5, ratios.get("rss_per_byte"))
    target("overlaps_s", "< 1 s", lambda v: v < 1.0, ratios.get("overlaps_s"))
    target("tui_median_ms", "< 16 ms median", lambda v: v < 16.0, ratios.get("tui_median_ms"))
    target("tui_max_ms", "< 50 ms max", lambda v: v < 50.0, ratios.get("tui_max_ms"))
    sp = ratios.get("networkx_speedup", ratios.get("networkx_speedup_at_least"))
    target("networkx_speedup", ">= 100x networkx", lambda v: v >= 100.0, sp)
    res["targets"] = targets
    return res


def fmt(v, spec="%.2f", none="n/a"):
    return none if v is None else spec % v


def table(results):
    lines = []
    for name, r in results["inputs"].items():
        g = r.get("generated") or {}
        extra = ""
        if g.get("objects"):
            extra = ", %d objects, %d actors, generated in %s s" % (
                g["objects"], g.get("actors", 0), fmt(g.get("wall_s")))
        lines.append("")
        lines.append("== %s: %s (%.1f MB%s)" % (name, r["path"], r["bytes"] / 1e6, extra))
        lines.append("  %-20s %-8s %9s %11s  %s" % ("figure", "status", "wall s", "peak MiB",
                                                  "detail"))
        for fig in FIGURES:
            d = r["figures"].get(fig)
            if not d:
                continue
            detail = []
            for k in ("load_ms", "cache", "nodes", "edges", "pairs", "pairs_total",
                      "overlaps_ms", "svg_nodes", "pairs_s",
                      "median_ms", "max_ms", "load_s", "build_s", "project_s", "files",
                      "units", "note"):
                if d.get(k) is not None:
                    detail.append("%s=%s" % (k, d[k]))
            if fig == "tui" and d["status"] == "ok" and d.get("median_ms") is None:
                detail.append("no keystroke timings in the output")
            lines.append("  %-20s %-8s %9s %11s  %s" % (
                LABEL[fig], d["status"], fmt(d["wall_s"], "%.3f"),
                fmt(d["rss_kb"] / 1024.0 if d["rss_kb"] else None, "%.1f"), " ".join(detail)))
        scope = "" if name == TARGET_INPUT else "   (targets are set for L; shown as a guide)"
        lines.append("  ratios and targets:" + scope)
        t = r["targets"]
        # label, key, format, the figure measured and its baseline
        rows = [("agx load / json.load", "load_vs_json_load", "%.2fx", "stats", "json_load"),
                ("second open / json.load", "reopen_vs_json_load", "%.3fx", "reopen",
                 "json_load"),
                ("peak RSS / file size", "rss_per_byte", "%.2fx", None, None),
                ("overlap phase (cap 20)", "overlaps_s", "%.3f s", None, None),
                ("all pairs / DuckDB", "all_vs_duckdb", "%.2fx", "overlaps_all", "duckdb"),
                ("pair counts", "pairs_equal", "%s", None, None),
                ("overlap view SVG", "export_overlap_s", "%.3f s", None, None),
                ("TUI key median", "tui_median_ms", "%.2f ms", None, None),
                ("TUI key max", "tui_max_ms", "%.2f ms", None, None),
                ("networkx / agx all pairs", "networkx_speedup", "%.1fx", "networkx",
                 "overlaps_all")]
        for label, key, spec, a, b in rows:
            v = t[key]
            met = {True: "met", False: "MISSED", None: "n/a"}[v["met"]]
            prefix = ">= " if key == "networkx_speedup" and \
                "networkx_speedup_at_least" in r["ratios"] else ""
            val = prefix + fmt(v["value"], spec)
            if key == "pairs_equal":
                val = " ".join("%s=%s" % (k, c) for k, c in r["ratios"]["pair_counts"].items()
                               if c is not None) or "n/a"
            beside = ""
            fa, fb = r["figures"].get(a or "", {}), r["figures"].get(b or "", {})
            if fa.get("wall_s") is not None and fb.get("wall_s") is not None:
                beside = "  (%.3f s vs %.3f s)" % (fa["wall_s"], fb["wall_s"])
            lines.append("    %-26s %-24s target %-18s %s%s" % (label, val, v["target"], met,
                                                                beside))
    return "\n".join(lines)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
    rows = read_tsv(os.path.join(out, "measure.tsv"))
    nx_version = None
    for figs in rows.values():
        j = last_json(read(figs.get("networkx", {}).get("log", "") + ".out"))
        if j and j.get("networkx"):
            nx_version = j["networkx"]
    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "networkx": nx_version, "platform": platform.platform()},
        "inputs": {name: analyse(out, name, figs) for name, figs in rows.items()},
    }
    try:
        with open("/proc/meminfo") as f:
            results["machine"]["mem_kb"] = int(f.readline().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    print(table(results))
    path = os.path.join(out, "results.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print("\nbench: wrote %s" % path)


if __name__ == "__main__":
    main()
