"""OIG boxes for the benchmark: N asyncio connections to HOST:PORT, each sending a tbl_actual
frame (own ID_Device, moving values, correct CRC) every PERIOD seconds, first frames spread over
one period, and timing each answer. Stops by itself after warm-up + window seconds.
With PERIOD_S 0 every box saturates its connection instead: the next frame goes as soon as the
answer is in (frames made in advance, so the CRC's pure-Python loop does not limit the rate).
Usage: oig_boxes.py HOST PORT BOXES PERIOD_S WARMUP_S WINDOW_S
Prints one JSON line: frames answered in the window, unanswered, round trip p50/p99 (ms)."""
import asyncio
import json
import random
import sys
import time


def _crc_table():
    table = []
    for b in range(256):
        crc = b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


CRC_TABLE = _crc_table()


def crc16(data):
    """CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF), a byte at a time from a table."""
    crc = 0xFFFF
    for b in data:
        crc = (crc >> 8) ^ CRC_TABLE[(crc ^ b) & 0xFF]
    return crc


def frame(device_id, rnd, at=None):
    dt = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))
    body = (f"<TblName>tbl_actual</TblName><ID_Set>{int(time.time())}</ID_Set><DT>{dt}</DT><Reason>Table</Reason>"
            f"<ID_Device>{device_id}</ID_Device><ENBL>1</ENBL><VIZ>17</VIZ><Temp>{22 + rnd.random() * 4:.2f}</Temp>"
            f"<Humid>{20 + rnd.random() * 3:.1f}</Humid><ACO_P>{rnd.randint(400, 2900)}</ACO_P><FV_P1>{rnd.randint(0, 1400)}</FV_P1>"
            f"<FV_P2>0</FV_P2><ACI_WR>{rnd.randint(-500, 2500)}</ACI_WR><ACI_WS>0</ACI_WS><ACI_WT>0</ACI_WT>"
            f"<BAT_P>{rnd.randint(-2500, 2500)}</BAT_P><FV_PROC>{rnd.randint(0, 30)}</FV_PROC><BAT_C>{rnd.randint(40, 99)}</BAT_C>"
            f"<MSC_SELF>0</MSC_SELF><STAT>0</STAT><ver>{rnd.randint(0, 65535)}</ver>").encode()
    return b"<Frame>" + body + b"<CRC>%05d</CRC></Frame>\r\n" % crc16(body)


async def box(i, host, port, n, period, window, stats):
    rnd = random.Random(i)
    reader, writer = await asyncio.open_connection(host, port)
    due = stats["start"] + period * i / n
    # saturating: each frame its own DT (the gateway skips a table frame whose DT it has seen)
    ready = [frame(2300000000 + i, rnd, time.time() - 4000 + k) for k in range(2000)] if period == 0 else None
    sent = 0
    while True:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        if time.monotonic() >= window[1]:
            break
        data = ready[sent % len(ready)] if ready else frame(2300000000 + i, rnd)
        sent += 1
        t0 = time.monotonic()
        writer.write(data)
        try:
            await asyncio.wait_for(reader.readuntil(b"</Frame>\r\n"), 10)
            if t0 >= window[0]:
                stats["rtt"].append(time.monotonic() - t0)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            stats["unanswered"] += 1
            break
        due += period
    writer.close()


async def main():
    host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    period, warmup, seconds = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
    now = time.monotonic()
    stats = {"start": now, "rtt": [], "unanswered": 0}
    await asyncio.gather(*(box(i, host, port, n, period, (now + warmup, now + warmup + seconds), stats) for i in range(n)),
                         return_exceptions=True)
    rtt = sorted(stats["rtt"]) or [0.0]
    pick = lambda q: rtt[min(len(rtt) - 1, int(q * len(rtt)))] * 1000
    print(json.dumps({"frames": len(stats["rtt"]), "unanswered": stats["unanswered"],
                      "rtt_p50_ms": round(pick(0.5), 3), "rtt_p99_ms": round(pick(0.99), 3)}), flush=True)


asyncio.run(main())
