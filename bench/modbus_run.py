"""Modbus part of the whole-process benchmark: the fleet simulator in its own process, the
shipped gateway polling N HGM9520N units from it (documented defaults, SQLite history on), then
the pymodbus peer doing the same polls against the same simulator. Returns result rows."""
import json
import os
import re
import sys
import time

import common as c


def write_config(path, data_dir, http_port, sim_port, devices, interval):
    with open(path, "w") as f:
        f.write(f"node:\n  data_dir: {data_dir}\nhttp:\n  host: 127.0.0.1\n  port: {http_port}\n  metrics_scrape_token: {c.SCRAPE_TOKEN}\nmodbus:\n  devices:\n")
        for i in range(devices):
            f.write(f"    - {{id: gen-{i + 1}, profile: smartgen-hgm9520n, host: 127.0.0.1, port: {sim_port},"
                    f" interval: {interval}s}}\n")


def gateway_window(base, pid, warmup, seconds):
    time.sleep(warmup)
    names = ["gridwire_modbus_requests_total{outcome=\"ok\"", "gridwire_modbus_missed_deadlines_total",
             "gridwire_store_write_units_total{writer=\"history\"", "gridwire_store_write_dropped_total{writer=\"history\""]
    # One scrape before the window and one after it, both outside it: at 1,000 gensets /metrics is
    # ~0.8 MB and a scrape costs the gateway 60 ms warm and far more the first time (interpreted);
    # inside the window it was charged to the polls, and the peer is never scraped.
    text0 = c.scrape(base)
    m0, late0 = c.metric_sums(base, names, text0), lateness_buckets(base, text0)
    cpu0, t0 = c.cpu_seconds(pid), time.monotonic()
    health = []
    end = t0 + seconds
    while time.monotonic() < end:  # /health answers while loaded: one probe a second
        try:
            health.append(c.http(base + "/health", timeout=5)[1])
        except OSError:
            health.append(5.0)
        time.sleep(max(0.0, min(1.0, end - time.monotonic())))
    cpu1, t1 = c.cpu_seconds(pid), time.monotonic()
    text1 = c.scrape(base)
    m1, late1 = c.metric_sums(base, names, text1), lateness_buckets(base, text1)
    d = {n: m1[n] - m0[n] for n in names}
    window_late = {le: late1.get(le, 0) - late0.get(le, 0) for le in late1}
    return (d[names[0]], d[names[1]], d[names[2]], d[names[3]], cpu1 - cpu0, t1 - t0, max(health or [0]),
            bucket_quantiles(window_late))


def lateness_buckets(base, text=None):
    """Cumulative counts of the gateway's poll-lateness histogram, by upper bound in ms (from
    {@code text} when given, else from a new scrape)."""
    if text is None:
        text = c.scrape(base)
    out = {}
    for line in text.splitlines():
        if line.startswith("gridwire_modbus_poll_lateness_seconds_bucket{"):
            le = line.split('le="', 1)[1].split('"', 1)[0]
            out[float("inf") if le == "+Inf" else float(le) * 1000] = float(line.rsplit(" ", 1)[1])
    return out


def bucket_quantiles(cumulative):
    """(p50, p99) as the upper bound of the bucket that holds them, ms, from cumulative counts."""
    total = cumulative.get(float("inf"), 0)
    if total <= 0:
        return float("nan"), float("nan")
    def q(p):
        for le in sorted(cumulative):
            if cumulative[le] >= p * total:
                return le
        return float("inf")
    return q(0.5), q(0.99)


def logged_history_drops(log_path):
    """(values, readings) the history writer reported dropped in its log, start to exit: its
    warnings sum what was dropped since the previous one, so the start-up burst and the stop's
    no-data marks count too, which the window's metrics do not see."""
    values = readings = 0
    with open(log_path, errors="replace") as f:
        for line in f:
            if "store writer history dropped" in line:
                values += sum(int(n) for n in re.findall(r"(\d+) values", line))
                readings += sum(int(n) for n in re.findall(r"(\d+) items", line))
    return values, readings


def lateness(base):
    token = c.login(base)
    data, _ = c.http(base + "/api/modbus/devices", token=token, timeout=60)
    p99 = []
    for dev in json.loads(data):
        stats = dev.get("stats", dev)
        for k, v in stats.items():
            if "lateness" in k and "99" in k:
                p99.append(v / 1000.0)
    p99.sort()
    return (p99[len(p99) // 2], p99[-1]) if p99 else (0, 0)


def run(a, work):
    sim_port, http_port = c.free_port(), c.free_port()
    sim = c.start(c.gateway_cmd_plain(["simulate", "modbus", "--profile", "smartgen-hgm9520n", "--port", str(sim_port),
                                       "--fleet"]), os.path.join(work, "simulator.log"), None,
                  c.launcher_env("-Xmx1g"))
    rows = []
    try:
        c.wait_port(sim_port, sim)
        cfg = os.path.join(work, "gridwire-modbus.yaml")
        write_config(cfg, os.path.join(work, "data-modbus"), http_port, sim_port, a.devices, a.interval)
        gw = c.start(c.gateway_cmd(cfg), os.path.join(work, "gateway-modbus.log"), a.cores, c.gateway_env(a.java_opts))
        base = f"http://127.0.0.1:{http_port}"
        try:
            c.wait_port(http_port, gw, 120)
            load0 = c.loadavg()
            req, missed, rows_written, drops, cpu, secs, health, (w50, w99) = gateway_window(base, gw.pid, a.warmup,
                                                                                           a.seconds)
            try:
                p50, pmax = lateness(base)
            except OSError as e:  # an API that does not answer is itself a result
                print(f"lateness not read: {e}", file=sys.stderr)
                p50, pmax = float("nan"), float("nan")
            rss = c.rss_mb(gw.pid)
        finally:
            stop_s = c.stop(gw)
        all_drops = logged_history_drops(os.path.join(work, "gateway-modbus.log"))
        polls = a.devices * secs / a.interval
        rows.append({"work": f"Modbus {a.devices} x HGM9520N @ {a.interval}s", "process": "gridwire",
                     "us_per_unit": cpu / max(1, req) * 1e6, "unit": "request", "units_per_s": req / secs,
                     "cpu_pct": 100 * cpu / secs, "rss_mb": rss, "late": f"{missed:.0f} missed ({100 * missed / max(1, polls):.3f} %)",
                     "jitter": f"window: p50 ≤ {w50:g} / p99 ≤ {w99:g} ms (all polls); since start: p99 median device"
                               f" {p50:.1f} / max {pmax:.1f} ms", "history_drops": f"{drops:.0f} (start to exit: {all_drops[0]:,} values + {all_drops[1]:,} readings)",
                     "rows_per_genset_min": rows_written / a.devices / (secs / 60), "health_max_s": health,
                     "sigterm_s": stop_s, "load": f"{load0}->{c.loadavg()}"})
        if a.skip_peer:
            return rows
        peer_n = min(a.devices, a.peer_devices)
        peer = c.start([sys.executable if a.python is None else a.python, os.path.join(c.ROOT, "bench", "modbus_peer.py"),
                        "127.0.0.1", str(sim_port), str(peer_n), str(a.interval), str(a.warmup), str(a.seconds)],
                       os.path.join(work, "peer-modbus.log"), a.cores)
        time.sleep(a.warmup)
        cpu0, t0 = c.cpu_seconds(peer.pid), time.monotonic()
        time.sleep(a.seconds)
        cpu1, t1, rss = c.cpu_seconds(peer.pid), time.monotonic(), c.rss_mb(peer.pid)
        peer.wait(a.interval * 3 + 60)
        with open(os.path.join(work, "peer-modbus.log")) as f:
            out = json.loads([l for l in f if l.startswith("{")][-1])
        rows.append({"work": f"Modbus {peer_n} x HGM9520N @ {a.interval}s", "process": "pymodbus peer",
                     "us_per_unit": (cpu1 - cpu0) / max(1, out["requests"]) * 1e6, "unit": "request",
                     "units_per_s": out["requests"] / (t1 - t0), "cpu_pct": 100 * (cpu1 - cpu0) / (t1 - t0), "rss_mb": rss,
                     "late": f"{out['late_polls']} late polls", "jitter": f"p99 {out['lateness_p99_ms']:.1f} ms",
                     "history_drops": None, "rows_per_genset_min": None, "health_max_s": None, "sigterm_s": None,
                     "load": c.loadavg()})
    finally:
        c.stop(sim)
    return rows
