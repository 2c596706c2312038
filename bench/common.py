"""Shared helpers of the whole-process benchmark: free ports, child processes, /proc figures,
Prometheus text, the gateway's configuration. Standard library only."""
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "gridwire-app", "target", "gridwire.jar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """utime + stime of the process (all its threads), seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def machine_ticks():
    """((busy, stolen), total) clock ticks of all CPUs since boot, from /proc/stat, for the machine's own load
    in a window: busy = user + nice + system + irq + softirq; stolen = taken by the hypervisor for other guests."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = [int(x) for x in f.readline().split()[1:9]]
    # guest time is already inside user and nice
    return (user + nice + system + irq + softirq, steal), user + nice + system + idle + iowait + irq + softirq + steal


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def start(cmd, log_path, cores=None, env=None):
    """Starts cmd in its own process group, pinned to cores (taskset list) when given."""
    if cores:
        cmd = ["taskset", "-c", cores] + cmd
    log = open(log_path, "w")
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def stop(proc, timeout=15.0):
    """SIGTERM, then waits; returns seconds until the process exited (None if it had to be killed)."""
    if proc.poll() is not None:
        return 0.0
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
        return time.monotonic() - t0
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return None


def wait_port(port, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process {proc.args} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port} after {seconds} s")


# /metrics is not open by default: the gateway configs carry this scrape token (http.metrics_scrape_token).
SCRAPE_TOKEN = secrets.token_hex(16)


def http(url, token=None, body=None, timeout=10):
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    t0 = time.monotonic()
    with urllib.request.urlopen(req, timeout=timeout) as r:
        data = r.read()
    return data, time.monotonic() - t0


SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)")


def scrape(base_url):
    """The gateway's /metrics text."""
    return http(base_url + "/metrics", token=SCRAPE_TOKEN, timeout=30)[0].decode()


def metric_sums(base_url, names, text=None):
    """Sums every sample of each metric name (label filters as 'name{label="v"}' substrings), from
    {@code text} when given (one scrape for several readings), else from a new scrape."""
    if text is None:
        text = scrape(base_url)
    sums = {n: 0.0 for n in names}
    for line in text.splitlines():
        m = SAMPLE.match(line)
        if not m:
            continue
        for n in names:
            name, _, label = n.partition("{")
            if m.group(1) == name and (not label or label.rstrip("}") in (m.group(2) or "")):
                sums[n] += float(m.group(3))
    return sums


def gateway_env(extra_opts=None):
    env = launcher_env(extra_opts)
    env["GRIDWIRE_ADMIN_EMAIL"] = "bench@example.org"
    env["GRIDWIRE_ADMIN_PASSWORD"] = "bench-password-1"
    return env


def launcher_env(java_opts=None):
    """The environment of a launcher child: the jar as built by run.sh, never rebuilt mid-run."""
    env = dict(os.environ, GRIDWIRE_NO_BUILD="1")
    if java_opts is not None:
        env["GRIDWIRE_JAVA_OPTS"] = java_opts
    return env


def gateway_cmd(config_path):
    """The shipped jar as the launcher runs it (./gridwire run), so its JVM defaults apply."""
    return [os.path.join(ROOT, "gridwire"), "run", "--config", config_path]


def login(base_url):
    data, _ = http(base_url + "/api/auth/login", body={"email": "bench@example.org", "password": "bench-password-1"},
                   timeout=30)
    return json.loads(data)["token"]


def gateway_cmd_plain(args):
    """Any other launcher command (simulators), e.g. ['simulate', 'oig-cloud', ...]."""
    return [os.path.join(ROOT, "gridwire")] + args
