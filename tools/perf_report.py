#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the PERF/CDF/TOUCH lines of one benchmark boot into a table,
a JSON result file and gnuplot input for figure 4.

    perf_report.py DIR [DATE]
                           reads DIR/results.txt, writes DIR/results.json,
                           DIR/table.txt, DIR/cdf-*.dat, DIR/fig4.gp

Exits 1 when the guest reported a FAIL line or a figure is missing.
"""

import json
import statistics
import sys
from pathlib import Path


def kv(words):
    out = {}
    for w in words:
        k, _, v = w.partition("=")
        try:
            out[k] = int(v)
        except ValueError:
            try:
                out[k] = float(v)
            except ValueError:
                out[k] = v
    return out


def ratio(a, b):
    return a / b if b else float("inf")


def main():
    d = Path(sys.argv[1])
    date = sys.argv[2] if len(sys.argv) > 2 else ""
    perf, cdf, touch, fails, env = [], {}, [], [], {}
    for line in (d / "results.txt").read_text().splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "FAIL":
            fails.append(rest)
            continue
        rec = kv(rest.split())
        if kind == "PERF" and rec.get("fig") == "env":
            # thp= is the last field and holds spaces ("always [madvise] never").
            head, _, thp = rest.partition(" thp=")
            env = kv(head.split())
            env["thp"] = thp
        elif kind == "PERF":
            perf.append(rec)
        elif kind == "CDF":
            cdf.setdefault(rec["cond"], []).append((rec["pct"], rec["us"]))
        elif kind == "TOUCH":
            touch.append(rec)

    out = []
    p = out.append
    p(f"ptwalk benchmark {date}: kernel {env.get('kernel', '?')}, "
      f"{env.get('cpus', '?')} vCPUs, {env.get('mem_kb', 0) // 1024} MiB, "
      f"QEMU TCG (software emulation)")
    p("Times are medians over the reads, with (min-max); 'vs pagemap' is "
      "pagemap's median over ours: above 1 we are faster.")
    p("")
    p("Figures 1 and 3: reading the whole dump of the workload's range, "
      "and its size")
    p(f"{'load':8} {'view':8} {'median ms':>10} {'(min-max)':>18} "
      f"{'vs pagemap':>10} {'lines':>8} {'bytes/GiB':>12} {'B/line':>7} {'ns/leaf':>8}")
    reads = [r for r in perf if r["fig"] == "read"]
    pm = {r["load"]: r for r in reads if r["view"] == "pagemap"}
    for r in reads:
        base = pm[r["load"]]["median_ms"]
        vs = "" if r["view"] == "pagemap" else f"{ratio(base, r['median_ms']):9.2f}x"
        lines = "" if r["view"] == "pagemap" else str(r["lines"])
        p(f"{r['load']:8} {r['view']:8} {r['median_ms']:10.1f} "
          f"{'(' + format(r['min_ms'], '.1f') + '-' + format(r['max_ms'], '.1f') + ')':>18} "
          f"{vs:>10} {lines:>8} {r['bytes_per_gib']:12.0f} "
          f"{('' if r['view'] == 'pagemap' else format(r.get('bytes_per_line', 0), '.1f')):>7} "
          f"{r.get('ns_per_leaf', 0):8.1f}")
    p("")
    p("Figure 2: walk-only cost (the summary view), per leaf and per GiB mapped")
    p(f"{'load':8} {'leaves':>8} {'ns/leaf':>9} {'(min-max)':>16} {'ms/GiB':>9}")
    for r in perf:
        if r["fig"] == "walk":
            p(f"{r['load']:8} {r['leaves']:8} {r['median_ns_per_leaf']:9.0f} "
              f"{'(' + format(r['min_ns_per_leaf'], '.0f') + '-' + format(r['max_ns_per_leaf'], '.0f') + ')':>16} "
              f"{r['ms_per_gib']:9.1f}")
    p("")
    p("Figure 4: mmap+munmap latency in another thread of the target (load a), "
      "while a reader dumps back to back")
    p(f"{'reader':12} {'samples':>8} {'dumps':>6} {'p50 us':>8} {'p99 us':>8} "
      f"{'max us':>9} {'p99/none':>9}")
    intr = [r for r in perf if r["fig"] == "intrusion"]
    none = next((r for r in intr if r["reader"] == "none"), None)
    for r in intr:
        p(f"{r['reader']:12} {r['samples']:8} {r['dumps']:6} {r['p50_us']:8.1f} "
          f"{r['p99_us']:8.1f} {r['max_us']:9.1f} "
          f"{ratio(r['p99_us'], none['p99_us']) if none else 0:8.2f}x")
    p("")
    p("Figure 5: the guest's time to fault in and touch its memory, "
      "with and without a reader of stage2 (3 runs each)")
    p(f"{'stage-2':8} {'MiB':>5} {'no reader ms':>13} {'reader ms':>10} {'ratio':>7}")
    fig5 = {}
    for thp in (0, 1):
        quiet = [t["touch_ms"] for t in touch if t["thp"] == thp and not t["reader"]]
        busy = [t["touch_ms"] for t in touch if t["thp"] == thp and t["reader"]]
        if quiet and busy:
            q, b = statistics.median(quiet), statistics.median(busy)
            fig5[thp] = ratio(b, q)
            p(f"{'2M' if thp else '4K':8} {touch[0]['mib']:5} {q:13.0f} {b:10.0f} "
              f"{fig5[thp]:6.2f}x")
    p("")
    p("Figure 6: kernel memory held per open, half-read dump (load a)")
    p(f"{'mapped MiB':>10} {'slab KiB':>9} {'vmalloc KiB':>12}")
    mem = [r for r in perf if r["fig"] == "memory"]
    for r in mem:
        p(f"{r['mapped'] >> 20:10} {r['slab_kb_per_dump']:9.1f} "
          f"{r['vmalloc_kb_per_dump']:12.1f}")

    def read(load, view):
        return next((r for r in reads if r["load"] == load and r["view"] == view), None)

    goals = []

    def goal(name, value, target, ok):
        goals.append({"goal": name, "value": value, "target": target, "met": ok})

    if read("b", "runs"):
        v = ratio(pm["b"]["median_ms"], read("b", "runs")["median_ms"])
        goal("runs view of THP GiB vs pagemap (speedup)", round(v, 2), ">= 10", v >= 10)
    if read("a", "attr"):
        v = ratio(pm["a"]["median_ms"], read("a", "attr")["median_ms"])
        goal("attr view of scattered 4K vs pagemap (speedup)", round(v, 2), ">= 3", v >= 3)
    if read("a", "runs"):
        v = ratio(read("a", "runs")["median_ms"], pm["a"]["median_ms"])
        goal("runs view of scattered 4K, time over pagemap's", round(v, 2), "<= 2", v <= 2)
    if read("s", "runs"):
        v = ratio(read("s", "runs")["median_ms"], pm["s"]["median_ms"])
        goal("runs view of sequential 4K, time over pagemap's", round(v, 2), "<= 0.5", v <= 0.5)
    if none:
        r = next((r for r in intr if r["reader"] == "ptwalk-runs"), None)
        if r:
            v = ratio(r["p99_us"], none["p99_us"])
            goal("fig 4: p99 with a dump over p99 without", round(v, 2), "<= 1.3", v <= 1.3)
            v = ratio(r["p50_us"], none["p50_us"])
            goal("fig 4: p50 with a dump over p50 without (unchanged)", round(v, 2),
                 "<= 1.1", v <= 1.1)
    for thp, v in fig5.items():
        goal(f"fig 5 ({'2M' if thp else '4K'}): touch time with a reader over without",
             round(v, 2), "<= 1.2", v <= 1.2)
    if len(mem) >= 2:
        per = {r["mapped"]: r["slab_kb_per_dump"] + r["vmalloc_kb_per_dump"] for r in mem}
        small, big = per[min(per)], per[max(per)]
        goal(f"fig 6: KiB per open dump at {max(per) >> 20} MiB over "
             f"{min(per) >> 20} MiB mapped (fixed-size state)",
             f"{big:.1f} vs {small:.1f}", "no growth (+1 KiB)", big <= small + 1)
    p("")
    p("Goals")
    for g in goals:
        p(f"  {'met    ' if g['met'] else 'NOT MET'}  {g['goal']}: {g['value']} "
          f"(goal {g['target']})")
    for f in fails:
        p(f"  FAIL  {f}")

    (d / "table.txt").write_text("\n".join(out) + "\n")
    print("\n".join(out))
    json.dump({"env": env, "perf": perf, "touch": touch, "cdf": cdf,
               "goals": goals, "fails": fails},
              open(d / "results.json", "w"), indent=1)

    plots = []
    for cond, pts in cdf.items():
        (d / f"cdf-{cond}.dat").write_text(
            "".join(f"{us} {pct}\n" for pct, us in sorted(pts)))
        plots.append(f"'{d}/cdf-{cond}.dat' using 1:2 with linespoints title '{cond}'")
    if plots:
        (d / "fig4.gp").write_text(
            "set terminal png size 900,600\n"
            f"set output '{d}/fig4.png'\n"
            "set title 'mmap+munmap latency in the target while a reader dumps (figure 4)'\n"
            "set xlabel 'latency (us, log scale)'\nset ylabel 'percentile'\n"
            "set logscale x\nset key bottom right\nset grid\n"
            "plot " + ", ".join(plots) + "\n")

    missing = [f for f in ("read", "walk", "intrusion", "memory")
               if not any(r["fig"] == f for r in perf)]
    if not touch:
        missing.append("touch")
    if missing:
        print(f"perf: figures missing: {' '.join(missing)}", file=sys.stderr)
    return 1 if fails or missing else 0


if __name__ == "__main__":
    sys.exit(main())
