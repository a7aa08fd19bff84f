#!/usr/bin/env python3
"""geokg benchmark harness: one table on stdout, the same figures as JSON.

Usage: scripts/bench.sh [--sizes 1000,10000,100000] [--bin target/release/geokg]
                        [--repeat 20] [--out bench.json] [--workdir DIR]

For each corpus size (synthetic articles from scripts/gen_corpus.py, fixed seed):
  extract-floor   `geokg extract --stage tokenize`: read + split + tokenise only
  extract-1       full extraction on 1 thread (RAYON_NUM_THREADS=1)
  extract-N       full extraction on all cores
  ingest          `geokg ingest` into a fresh on-disk store (triples/s; includes extraction;
                  the bulk loader for inputs of 8 MiB or more)
  ingest-txn      `geokg ingest --no-bulk` (one transaction per 512 documents; sizes <= 10000)
  ingest-bulk     `geokg ingest --bulk` (same, through oxigraph's bulk loader; the `ingest` run
                  itself for inputs of 8 MiB or more, which `ingest` loads that way already)
  bulk            the same triples as N-Quads through `geokg import --bulk` (oxigraph's bulk loader)
  query:NAME      p50/p95 latency of every examples/queries/*.rq on the ingested store
                  (whole process: start-up + open + query + output), of events.rq with
                  LIMIT 100, of `geokg stats` and of REPL start-up (`repl < /dev/null`); and
                  events.rq LIMIT 100 inside one REPL session (`.timer` figures, store open)
Options: --store-only 64000 (sizes given here get only `ingest` and the query latencies, e.g. a
1M-event store), --repeat-big N (repeats for sizes >= 50000), --query-timeout S (default 300; a
query cancelled by it is reported as timed out). A query slower than 10 s is run once.
Peak RSS of every run comes from /usr/bin/time. Times are wall-clock seconds.
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


CPU = {}  # "last": CPU seconds (user + sys) of the last run
SLOW_QUERY_S = 10  # a query slower than this is run once


def auto_bulk_bytes():
    """The input size from which `geokg ingest` takes the bulk path, read from its source
    (src/cli/commands.rs) so that the two cannot disagree."""
    src = open(os.path.join(ROOT, "src", "cli", "commands.rs")).read()
    m = re.search(r"const AUTO_BULK_BYTES: u64 = (\d+) << (\d+);", src)
    if not m:
        sys.exit("scripts/bench.py: AUTO_BULK_BYTES not found in src/cli/commands.rs")
    return int(m.group(1)) << int(m.group(2))


AUTO_BULK_BYTES = auto_bulk_bytes()


def run(cmd, env=None, stdout=subprocess.DEVNULL, stdin=None, may_time_out=False):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS MiB, stderr text).
    The CPU seconds (user + sys) of the run are left in CPU["last"]. With may_time_out, a run
    that geokg cancelled on its --timeout returns seconds = None instead of stopping the bench."""
    full = ["/usr/bin/time", "-f", "@@RSS %M %U %S"] + cmd
    t0 = time.perf_counter()
    p = subprocess.run(full, env={**os.environ, **(env or {})}, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin, text=True)
    secs = time.perf_counter() - t0
    if p.returncode != 0 and may_time_out and "timeout" in p.stderr.lower():
        return None, 0.0, p.stderr
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    rss = 0.0
    for line in p.stderr.splitlines():
        if line.startswith("@@RSS "):
            f = line.split()
            rss = int(f[1]) / 1024
            CPU["last"] = float(f[2]) + float(f[3])
    return secs, rss, p.stderr


def arg(name, default):
    """The value of option `name`; the last one wins (bench.sh passes --bin before the user's)."""
    values = [sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == name]
    return values[-1] if values else default


def main():
    store_only = [int(s) for s in arg("--store-only", "").split(",") if s]
    sizes = [int(s) for s in arg("--sizes", "1000,10000").split(",") if s] + store_only
    reuse = "--reuse-stores" in sys.argv
    binary = os.path.abspath(arg("--bin", os.path.join(ROOT, "target", "release", "geokg")))
    repeat = int(arg("--repeat", "20"))
    repeat_big = int(arg("--repeat-big", "3"))
    query_timeout = int(arg("--query-timeout", "300"))
    out_json = arg("--out", "bench.json")
    work = arg("--workdir", None) or tempfile.mkdtemp(prefix="geokg-bench-")
    os.makedirs(work, exist_ok=True)
    cores = os.cpu_count() or 1
    rows, results = [], {"machine": {"cpus": cores, "platform": platform.platform(), "binary": binary}, "sizes": {}}
    qdir = os.path.join(ROOT, "examples", "queries")
    queries = {f: os.path.join(qdir, f) for f in sorted(os.listdir(qdir)) if f.endswith(".rq")}
    limited = os.path.join(work, "events-limit100.rq")
    with open(limited, "w") as fh:
        fh.write(open(os.path.join(qdir, "events.rq")).read().rstrip() + "\nLIMIT 100\n")
    queries["events.rq LIMIT 100"] = limited
    for n in sizes:
        corpus = os.path.join(work, f"corpus-{n}.jsonl")
        if not os.path.exists(corpus):
            with open(corpus, "w") as fh:
                subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(n)], stdout=fh, check=True)
        mb = os.path.getsize(corpus) / 1e6
        r = {"articles": n, "mb": round(mb, 2)}
        if n not in store_only:
            floor, floor_rss, _ = run([binary, "extract", "--stage", "tokenize", corpus], env={"RAYON_NUM_THREADS": "1"})
            floor_cpu = CPU["last"]
            one, one_rss, _ = run([binary, "extract", "--format", "jsonl", corpus], env={"RAYON_NUM_THREADS": "1"})
            one_cpu = CPU["last"]
            # Both extraction runs write to /dev/null: writing ~1 GB of JSON lines to a file would
            # charge the all-cores run alone with the page cache's write-back.
            alln, all_rss, _ = run([binary, "extract", "--format", "jsonl", corpus])
            # Per-core rates from CPU time (robust on a shared machine); wall-clock rates beside them.
            r.update(floor_cpu_s=floor_cpu, extract1_cpu_s=one_cpu, floor_mb_cpu_s=mb / max(floor_cpu, 1e-3),
                     extract1_mb_cpu_s=mb / max(one_cpu, 1e-3), ratio_to_floor_cpu=one_cpu / max(floor_cpu, 1e-3),
                     load_avg=os.getloadavg()[0])
            r.update(floor_s=floor, extract1_s=one, extractN_s=alln,
                     floor_mb_s=mb / floor, extract1_mb_s=mb / one, extractN_mb_s=mb / alln,
                     extract1_articles_s=n / one, ratio_to_floor=one / floor, speedup=one / alln,
                     us_per_article=one / n * 1e6, extract_rss_mb=max(one_rss, all_rss))
        store = os.path.join(work, f"store-{n}")
        reused = reuse and n in store_only and os.path.isdir(store)
        if not reused:
            subprocess.run(["rm", "-rf", store])
            ing, ing_rss, err = run([binary, "--store", store, "ingest", corpus])
        stats = json.loads(subprocess.run([binary, "--store", store, "--read-only", "stats", "--json"], capture_output=True, text=True, check=True).stdout)
        triples = stats["triples"] - stats["ontology_triples"]
        r.update(triples=triples, store_events=stats["events"], events=stats["events"])
        if not reused:
            r.update(ingest_s=ing, ingest_triples_s=triples / ing, ingest_rss_mb=ing_rss, ingest_us_per_article=ing / n * 1e6)
        if n not in store_only:
            scratch = os.path.join(work, f"store-scratch-{n}")
            if n <= 10000:
                subprocess.run(["rm", "-rf", scratch])
                ingt, ingt_rss, _ = run([binary, "--store", scratch, "ingest", "--no-bulk", corpus])
                r.update(ingest_txn_s=ingt, ingest_txn_triples_s=triples / ingt, ingest_txn_rss_mb=ingt_rss)
            if os.path.getsize(corpus) < AUTO_BULK_BYTES:
                subprocess.run(["rm", "-rf", scratch])
                ingb, ingb_rss, _ = run([binary, "--store", scratch, "ingest", "--bulk", corpus])
            else:
                # Plain `ingest` of this input already went through the bulk loader: the same run.
                ingb, ingb_rss = ing, ing_rss
                r["ingest_bulk_same_run"] = True
            subprocess.run(["rm", "-rf", scratch])
            nq = os.path.join(work, f"docs-{n}.nq")
            with open(nq, "w") as fh:
                subprocess.run([binary, "--store", store, "export", "--no-ontology", "--format", "nquads"], stdout=fh, check=True)
            # A fresh store holding the ontology, as ingest starts from.
            subprocess.run([binary, "-q", "--store", scratch, "update", "CLEAR SILENT GRAPH <urn:x:none>"], check=True)
            bulk, bulk_rss, _ = run([binary, "--store", scratch, "import", "--bulk", nq])
            subprocess.run(["rm", "-rf", scratch, nq])
            r.update(ingest_bulk_s=ingb, ingest_bulk_triples_s=triples / ingb, ingest_bulk_rss_mb=ingb_rss,
                     bulk_s=bulk, bulk_triples_s=triples / bulk, bulk_rss_mb=bulk_rss,
                     ingest_vs_bulk=(triples / ing) / (triples / bulk))
            if "ingest_txn_s" in r:
                r["ingest_txn_vs_bulk"] = (triples / r["ingest_txn_s"]) / (triples / bulk)
        lat = {}
        for q in list(queries) + ["stats", "repl start-up"]:
            times = []
            for _ in range(repeat if n < 50000 else repeat_big):
                base = [binary, "--store", store, "--read-only"]
                if q == "stats":
                    cmd = base + ["stats"]
                elif q == "repl start-up":
                    cmd = base + ["repl", "--history", "off"]
                else:
                    cmd = base + ["query", "--timeout", str(query_timeout), "--format", "csv", "-f", queries[q]]
                with open(os.devnull) as null:
                    t, _, _ = run(cmd, stdin=null, may_time_out=True)
                if t is None:
                    times = None
                    break
                times.append(t)
                if t > SLOW_QUERY_S:
                    break  # one run of a slow query is enough
            if times is None:
                lat[q] = {"p50_ms": None, "p95_ms": None, "timeout_s": query_timeout}
                continue
            times.sort()
            lat[q] = {"p50_ms": statistics.median(times) * 1000, "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))] * 1000,
                      "runs": len(times)}
        # The same query inside one REPL session (store open, process warm): `.timer` figures.
        text = " ".join(l for l in open(limited) if not l.startswith("#"))
        script = ".timer on\n.mode csv\n.output /dev/null\n" + "".join(text.strip() + ";\n" for _ in range(repeat if n < 50000 else max(repeat_big, 7)))
        p = subprocess.run([binary, "--store", store, "--read-only", "repl", "--history", "off"], input=script,
                           capture_output=True, text=True)
        runs = sorted(float(l.split()[2]) for l in (p.stdout + p.stderr).splitlines() if l.startswith("Run Time:"))
        if runs:
            lat["events.rq LIMIT 100 (in REPL)"] = {"p50_ms": statistics.median(runs) * 1000,
                                                    "p95_ms": runs[min(len(runs) - 1, int(0.95 * len(runs)))] * 1000, "runs": len(runs)}
        r["latency"] = lat
        results["sizes"][str(n)] = r
        rows.append(r)
    with open(out_json, "w") as fh:
        json.dump(results, fh, indent=2)
    print(f"machine: {cores} cpus, {platform.platform()}")
    full = [r for r in rows if "floor_s" in r]
    print("per-core (CPU time): " + "; ".join(
        f"{r['articles']}: floor {r['floor_mb_cpu_s']:.1f} MB/s, extract {r['extract1_mb_cpu_s']:.2f} MB/s, "
        f"x floor {r['ratio_to_floor_cpu']:.1f}, load {r['load_avg']:.1f}" for r in full))
    print(f"{'articles':>9} {'MB':>7} {'events':>8} {'floor MB/s':>10} {'ext1 MB/s':>9} {'extN MB/s':>9} {'x floor':>7} {'speedup':>7} "
          f"{'us/art':>7} {'ingest t/s':>10} {'ing us/art':>10} {'txn t/s':>8} {'ing-bulk t/s':>12} {'bulk t/s':>9} {'ing/bulk':>8} {'txn/bulk':>8} {'RSS MB':>7}")
    for r in full:
        txn = f"{r['ingest_txn_triples_s']:>8.0f}" if "ingest_txn_s" in r else f"{'-':>8}"
        txn_ratio = f"{r['ingest_txn_vs_bulk']:>8.2f}" if "ingest_txn_s" in r else f"{'-':>8}"
        print(f"{r['articles']:>9} {r['mb']:>7.1f} {r['events']:>8} {r['floor_mb_s']:>10.1f} {r['extract1_mb_s']:>9.1f} {r['extractN_mb_s']:>9.1f} "
              f"{r['ratio_to_floor']:>7.1f} {r['speedup']:>7.2f} {r['us_per_article']:>7.0f} {r['ingest_triples_s']:>10.0f} {r['ingest_us_per_article']:>10.0f} {txn} "
              f"{r['ingest_bulk_triples_s']:>12.0f} {r['bulk_triples_s']:>9.0f} {r['ingest_vs_bulk']:>8.2f} {txn_ratio} "
              f"{max(r['extract_rss_mb'], r['ingest_rss_mb'], r['ingest_bulk_rss_mb']):>7.0f}")
    for r in rows:
        if "floor_s" not in r:
            ingest = (f"ingest {r['ingest_triples_s']:.0f} triples/s ({r['ingest_us_per_article']:.0f} us/article), RSS {r['ingest_rss_mb']:.0f} MB"
                      if "ingest_s" in r else "store reused (--reuse-stores)")
            print(f"{r['articles']:>9} {r['mb']:>7.1f} store only: {r['store_events']} events, {r['triples']} triples, {ingest}")
    print("\nquery latency (ms, p50/p95, whole process):")
    for r in rows:
        for q, v in r["latency"].items():
            if v["p50_ms"] is None:
                print(f"  {r['articles']:>7} articles  {q:<40} timed out after {v['timeout_s']} s")
            else:
                print(f"  {r['articles']:>7} articles  {q:<40} {v['p50_ms']:7.1f} {v['p95_ms']:7.1f}  ({v['runs']} runs)")
    print(f"\nJSON: {out_json}")


if __name__ == "__main__":
    main()
