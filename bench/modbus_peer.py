"""The peer for the Modbus benchmark: a pymodbus 3.0 asyncio poller doing the gateway's polls of
an HGM9520N (9 fast blocks every poll, the 7 alarm blocks every fifth poll, one TCP connection per
device, first polls spread over one interval). Stops by itself after warm-up + window seconds.
Usage: modbus_peer.py HOST PORT DEVICES INTERVAL_S WARMUP_S WINDOW_S
Prints one JSON line: requests in the window, poll-start lateness p50/p99 (ms), late polls."""
import asyncio
import json
import sys
import time

from pymodbus.client import AsyncModbusTcpClient

FAST = [(0, 1), (114, 1), (120, 16), (140, 19), (166, 8), (174, 28), (212, 30), (260, 16), (511, 1)]
SLOW = [(1, 6), (16, 6), (31, 6), (46, 6), (61, 6), (76, 6), (91, 6)]


async def device(i, host, port, n, interval, window, stats):
    client = AsyncModbusTcpClient(host, port=port)
    await client.connect()
    due = stats["start"] + interval * i / n
    poll_no = 0
    while True:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        started = time.monotonic()
        if started >= window[1]:
            break
        blocks = FAST + SLOW if poll_no % 5 == 0 else FAST
        answered = 0
        for addr, count in blocks:
            rr = await client.read_holding_registers(addr, count, slave=1)
            if not rr.isError():
                answered += 1
        if window[0] <= started:
            stats["requests"] += answered
            stats["lateness"].append(started - due)
            if time.monotonic() - due > interval:
                stats["late"] += 1
        poll_no += 1
        due += interval
    client.close()


async def main():
    host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    interval, warmup, seconds = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
    now = time.monotonic()
    stats = {"start": now, "requests": 0, "lateness": [], "late": 0}
    window = (now + warmup, now + warmup + seconds)
    await asyncio.gather(*(device(i, host, port, n, interval, window, stats) for i in range(n)))
    late = sorted(stats["lateness"]) or [0.0]
    pick = lambda q: late[min(len(late) - 1, int(q * len(late)))] * 1000
    print(json.dumps({"requests": stats["requests"], "polls": len(stats["lateness"]), "late_polls": stats["late"],
                      "lateness_p50_ms": round(pick(0.5), 2), "lateness_p99_ms": round(pick(0.99), 2)}), flush=True)


asyncio.run(main())
