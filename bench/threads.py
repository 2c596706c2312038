"""Per-thread CPU of a running process over a window, to explain a whole-process figure: user and
system seconds and context switches per thread name (numbered threads such as carriers summed).
Reads /proc/PID/task/*/stat and status twice. Standard library only.
Usage: threads.py PID SECONDS [TOP]"""
import collections
import os
import re
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def snapshot(pid):
    """thread id -> (name, user ticks, system ticks, context switches)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                status = f.read()
        except OSError:  # the thread ended meanwhile
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        switches = sum(int(n) for n in re.findall(r"ctxt_switches:\s+(\d+)", status))
        out[tid] = (name, int(fields[11]), int(fields[12]), switches)
    return out


def main():
    pid, seconds = int(sys.argv[1]), float(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    before = snapshot(pid)
    t0 = time.monotonic()
    time.sleep(seconds)
    after = snapshot(pid)
    secs = time.monotonic() - t0
    groups = collections.defaultdict(lambda: [0, 0, 0, 0])
    for tid, (name, user, system, switches) in after.items():
        _, u0, s0, c0 = before.get(tid, (name, 0, 0, 0))
        g = groups[re.sub(r"[-#]?\d+$", "", name)]
        g[0] += user - u0
        g[1] += system - s0
        g[2] += switches - c0
        g[3] += 1
    user = sum(g[0] for g in groups.values()) / TICK
    system = sum(g[1] for g in groups.values()) / TICK
    print(f"{secs:.1f} s: CPU user {user:.2f} s, system {system:.2f} s; "
          f"{sum(g[2] for g in groups.values()) / secs:,.0f} context switches/s")
    for name, (u, s, c, n) in sorted(groups.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:top]:
        print(f"  {name:28s} x{n:<4d} user {u / TICK:6.2f} s  system {s / TICK:6.2f} s  {c / secs:8,.0f} switches/s")


if __name__ == "__main__":
    main()
