"""Whole-process benchmark of the shipped gateway (see docs/performance.md): Modbus fleet and OIG
proxy, each against its simulator in another process and a Python peer in the same run.
Run through bench/run.sh; prints a results table (Markdown) and keeps logs in the work folder."""
import argparse
import os
import platform
import sys
import tempfile
import time

import common as c


def parse():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--devices", type=int, default=1000, help="HGM9520N units polled by the gateway (default 1000)")
    p.add_argument("--peer-devices", type=int, default=1000, help="most units the pymodbus peer polls (default 1000)")
    p.add_argument("--interval", type=float, default=2.0, help="poll interval, s (default 2)")
    p.add_argument("--seconds", type=float, default=60, help="measurement window per run, s (default 60)")
    p.add_argument("--warmup", type=float, default=20, help="Modbus warm-up before the window, s (default 20)")
    p.add_argument("--boxes", type=int, default=1000, help="OIG boxes (default 1000)")
    p.add_argument("--box-period", type=float, default=9.0, help="seconds between two frames of a box (default 9)")
    p.add_argument("--oig-warmup", type=float, default=60,
                   help="OIG warm-up before the window, s (default 60; at ~111 frames/s the C2 compiler still works after a"
                        " minute, 0.3-0.4 s of a 60 s window; 300 measures the gateway compiled, as it runs for days)")
    p.add_argument("--sat-boxes", type=int, default=8, help="OIG boxes sending back-to-back for the throughput case (default 8)")
    p.add_argument("--sat-seconds", type=float, default=20, help="window of the OIG throughput case, s (default 20)")
    p.add_argument("--sat-warmup", type=float, default=5, help="OIG throughput case: seconds before its window (default 5)")
    p.add_argument("--cores", default=None, help="taskset CPU list for the gateway and the peers, e.g. 0 or 0-1 (default: all)")
    p.add_argument("--java-opts", default=None, help="GRIDWIRE_JAVA_OPTS for the gateway (default: the launcher's)")
    p.add_argument("--skip-peer", action="store_true", help="Modbus: no pymodbus run (e.g. when comparing JVM options)")
    p.add_argument("--only", choices=["modbus", "oig"], default=None, help="run one part only")
    p.add_argument("--floors", action="store_true",
                   help="OIG: also run two proxies that only forward bytes (Java with the gateway's JVM and flags, "
                        "Python asyncio): what the design costs before any of the gateway's work")
    p.add_argument("--python", default="/usr/bin/python3", help="Python with pymodbus 3.0 for the peers")
    p.add_argument("--work", default=None, help="folder for configs, data and logs (default: a new temp folder)")
    return p.parse_args()


def fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return str(v)


def table(rows):
    cols = [("work", "work"), ("process", "process"), ("us_per_unit", "µs CPU / unit"), ("units_per_s", "units/s"),
            ("cpu_pct", "CPU % of a core"), ("rss_mb", "RSS MB"), ("late", "missed / unanswered"), ("jitter", "lateness / rtt"),
            ("history_drops", "history drops"), ("rows_per_genset_min", "history rows / device / min"),
            ("health_max_s", "slowest /health s"), ("sigterm_s", "SIGTERM → exit s"), ("load", "load avg")]
    out = ["| " + " | ".join(h for _, h in cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        cells = []
        for k, _ in cols:
            v = r.get(k)
            cells.append(fmt(v, 3 if k == "health_max_s" else 1) + (f" per {r['unit']}" if k == "us_per_unit" and v else ""))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def ratios(rows):
    lines = []
    for floor in (r for r in rows if r["process"].startswith("forward-only") and r["us_per_unit"]):
        for peer in (r for r in rows if "peer" in r["process"] and r["work"] == floor["work"] and r["us_per_unit"]):
            lines.append(f"- {floor['work']}: {floor['process']} / {peer['process']} CPU per {floor['unit']} = "
                         f"{floor['us_per_unit'] / peer['us_per_unit']:.2f}×"
                         + (f", {floor['unit']}s per second {floor['units_per_s'] / peer['units_per_s']:.2f}×"
                            if "back-to-back" in floor["work"] else ""))
    for peer in (r for r in rows if "peer" in r["process"] and r["us_per_unit"]):
        for gw in (r for r in rows if r["process"].startswith("gridwire") and r["work"] == peer["work"]):
            lines.append(f"- {gw['work']}: gridwire / {peer['process']} CPU per {gw['unit']} = "
                         f"**{gw['us_per_unit'] / peer['us_per_unit']:.2f}×**"
                         + (f", {gw['unit']}s per second **{gw['units_per_s'] / peer['units_per_s']:.2f}×**"
                            if "back-to-back" in gw["work"] else ""))
    return "\n".join(lines)


def main():
    a = parse()
    if not os.path.exists(c.JAR):
        sys.exit(f"no {c.JAR}: build it first (./gridwire build)")
    if a.only in (None, "modbus") and not a.skip_peer:  # found out before the gateway's round, not after it
        import subprocess
        if subprocess.run([a.python, "-c", "import pymodbus"], capture_output=True).returncode != 0:
            sys.exit(f"{a.python} has no pymodbus for the Modbus peer: apt-get install -y python3-pymodbus "
                     "(.ci/run installs it), or pass --skip-peer")
    work = a.work or tempfile.mkdtemp(prefix="gridwire-bench-")
    os.makedirs(work, exist_ok=True)
    print(f"# Gridwire whole-process benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    print(f"host {platform.node()}, {os.cpu_count()} CPUs, load average {c.loadavg()} at start, cores {a.cores or 'all'}, "
          f"window {a.seconds:g} s, logs in {work}\n", flush=True)
    rows = []
    if a.only in (None, "modbus"):
        rows += __import__("modbus_run").run(a, work)
    if a.only in (None, "oig"):
        rows += __import__("oig_run").run(a, work)
    print(table(rows))
    print()
    print(ratios(rows))
    print(f"\nload average at the end: {c.loadavg()}")


if __name__ == "__main__":
    main()
