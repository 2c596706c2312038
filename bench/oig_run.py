"""OIG part of the whole-process benchmark: N boxes against the cloud simulator directly, then
through the shipped gateway's proxy (documented defaults: capture on), then through the Python
peer proxy; all in separate processes. With --floors also through two proxies that only forward
bytes (OigForwardOnly.java on the gateway's own java and JVM flags, oig_forward_only.py). After
each round, a few saturating boxes (each sends its next frame as soon as the answer is in)
measure the most frames per second. Returns result rows."""
import json
import os
import sys
import time

import common as c


def boxes(a, work, port, name, proxy_pid=None, saturate=False):
    """Runs the boxes against port; returns (their JSON result, proxy CPU s, window s, proxy RSS MB);
    the result also holds machine_busy, the share of all cores busy in the window (boxes, cloud and proxy share them).
    saturate: a.sat_boxes boxes sending back-to-back instead of a.boxes at a.box_period."""
    log = os.path.join(work, f"boxes-{name}{'-saturated' if saturate else ''}.log")
    py = a.python or sys.executable
    n, period = (a.sat_boxes, 0) if saturate else (a.boxes, a.box_period)
    warmup, seconds = (a.sat_warmup, a.sat_seconds) if saturate else (a.oig_warmup, a.seconds)
    p = c.start([py, os.path.join(c.ROOT, "bench", "oig_boxes.py"), "127.0.0.1", str(port), str(n),
                 str(period), str(warmup), str(seconds)], log)
    time.sleep(warmup)
    cpu0 = c.cpu_seconds(proxy_pid) if proxy_pid else 0
    busy0, total0 = c.machine_ticks()
    t0 = time.monotonic()
    time.sleep(seconds)
    cpu1 = c.cpu_seconds(proxy_pid) if proxy_pid else 0
    busy1, total1 = c.machine_ticks()
    secs, rss = time.monotonic() - t0, c.rss_mb(proxy_pid) if proxy_pid else 0
    p.wait(period + 30)
    with open(log) as f:
        out = json.loads([line for line in f if line.startswith("{")][-1])
    out["machine_busy"] = (busy1[0] - busy0[0]) / max(1, total1 - total0)
    out["machine_stolen"] = (busy1[1] - busy0[1]) / max(1, total1 - total0)
    return out, cpu1 - cpu0, secs, rss


def row(a, name, out, cpu, secs, rss, direct_p99, extra, saturate=False):
    work = f"OIG {a.sat_boxes} boxes back-to-back" if saturate else f"OIG {a.boxes} boxes x 1 frame / {a.box_period:g} s"
    r = {"work": work, "process": name,
         "us_per_unit": cpu / max(1, out["frames"]) * 1e6 if cpu else None, "unit": "frame",
         "units_per_s": out["frames"] / secs, "cpu_pct": 100 * cpu / secs if cpu else None, "rss_mb": rss or None,
         "late": f"{out['unanswered']} unanswered", "jitter": f"rtt p50 {out['rtt_p50_ms']:.2f} / p99 {out['rtt_p99_ms']:.2f} ms"
         + ("" if direct_p99 is None else f" (added p99 {out['rtt_p99_ms'] - direct_p99:+.2f})")
         + (f"; machine {100 * out['machine_busy']:.0f} % busy, {100 * out['machine_stolen']:.0f} % stolen" if saturate else ""),
         "history_drops": None, "rows_per_genset_min": None, "health_max_s": None, "sigterm_s": None, "load": c.loadavg()}
    r.update(extra)
    return r


def gateway_jvm(pid):
    """The running gateway's java binary and JVM flags (the launcher's defaults), for the Java floor."""
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        args = f.read().decode().split("\0")
    # -X flags only, and none that writes a file (a JFR recording, a log): the floor would overwrite the gateway's
    flags = [x for x in args[1:args.index("-jar")] if x.startswith("-X") and "file=" not in x and "filename=" not in x]
    return [os.readlink(f"/proc/{pid}/exe")] + flags


def run(a, work):
    cloud_port, listen_port, peer_port, http_port = c.free_port(), c.free_port(), c.free_port(), c.free_port()
    env = c.launcher_env("-Xmx512m")
    cloud = c.start(c.gateway_cmd_plain(["simulate", "oig-cloud", "--port", str(cloud_port)]),
                    os.path.join(work, "oig-cloud.log"), None, env)
    rows, sat = [], []
    try:
        c.wait_port(cloud_port, cloud)
        out, _, secs, _ = boxes(a, work, cloud_port, "direct")
        direct_p99 = out["rtt_p99_ms"]
        rows.append(row(a, "direct (no proxy)", out, 0, secs, 0, None, {}))
        sat.append(row(a, "direct (no proxy)", *boxes(a, work, cloud_port, "direct", saturate=True), None, {}, True))
        cfg = os.path.join(work, "gridwire-oig.yaml")
        with open(cfg, "w") as f:
            f.write(f"node:\n  data_dir: {os.path.join(work, 'data-oig')}\nhttp:\n  host: 127.0.0.1\n  port: {http_port}\n  metrics_scrape_token: {c.SCRAPE_TOKEN}\n"
                    f"oig:\n  enabled: true\n  listen_host: 127.0.0.1\n  listen_port: {listen_port}\n  cloud_host: 127.0.0.1\n"
                    f"  cloud_port: {cloud_port}\n  max_connects_per_minute: 1000000\n"
                    f"  admission:\n    max_devices: {a.boxes + 1000}\n    max_new_per_minute: 1000000\n")
        gw = c.start(c.gateway_cmd(cfg), os.path.join(work, "gateway-oig.log"), a.cores, c.gateway_env(a.java_opts))
        try:
            c.wait_port(listen_port, gw, 120)
            jvm = gateway_jvm(gw.pid) if a.floors else None
            c.wait_port(http_port, gw, 60)
            base = f"http://127.0.0.1:{http_port}"
            m0 = c.metric_sums(base, ["gridwire_store_write_units_total{writer=\"history\""])
            out, cpu, secs, rss = boxes(a, work, listen_port, "gridwire", gw.pid)
            m1 = c.metric_sums(base, ["gridwire_store_write_units_total{writer=\"history\""])
            sat.append(row(a, "gridwire proxy", *boxes(a, work, listen_port, "gridwire", gw.pid, True), None, {}, True))
        finally:
            stop_s = c.stop(gw)
        written = sum(m1.values()) - sum(m0.values())
        rows.append(row(a, "gridwire proxy", out, cpu, secs, rss, direct_p99,
                        {"sigterm_s": stop_s, "rows_per_genset_min": written / a.boxes / ((secs + a.oig_warmup) / 60)}))
        peer = c.start([a.python or sys.executable, os.path.join(c.ROOT, "bench", "oig_peer_proxy.py"), str(peer_port),
                        "127.0.0.1", str(cloud_port), os.path.join(work, "peer-capture.db")],
                       os.path.join(work, "peer-oig.log"), a.cores)
        try:
            c.wait_port(peer_port, peer)
            out, cpu, secs, rss = boxes(a, work, peer_port, "peer", peer.pid)
            sat.append(row(a, "python proxy peer", *boxes(a, work, peer_port, "peer", peer.pid, True), None, {}, True))
        finally:
            c.stop(peer)
        rows.append(row(a, "python proxy peer", out, cpu, secs, rss, direct_p99, {}))
        if a.floors:
            py = a.python or sys.executable
            for tag, name, cmd in (
                    ("java", "forward-only Java (floor)", jvm + [os.path.join(c.ROOT, "bench", "OigForwardOnly.java")]),
                    ("python", "forward-only Python (floor)", [py, os.path.join(c.ROOT, "bench", "oig_forward_only.py")])):
                port = c.free_port()
                proc = c.start(cmd + [str(port), "127.0.0.1", str(cloud_port)], os.path.join(work, f"floor-{tag}.log"), a.cores)
                try:
                    c.wait_port(port, proc, 60)
                    out, cpu, secs, rss = boxes(a, work, port, f"floor-{tag}", proc.pid)
                    sat.append(row(a, name, *boxes(a, work, port, f"floor-{tag}", proc.pid, True), None, {}, True))
                    rows.append(row(a, name, out, cpu, secs, rss, direct_p99, {}))
                except RuntimeError as e:  # e.g. a JRE without the compiler for source-file mode: the other rows stand
                    print(f"{name} left out: {e} (see {os.path.join(work, f'floor-{tag}.log')})", flush=True)
                finally:
                    c.stop(proc)
    finally:
        c.stop(cloud)
    return rows + sat
