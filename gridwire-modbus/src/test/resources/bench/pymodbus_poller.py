"""The seed's stack for comparison: a pymodbus asyncio poller reading the HGM9520N's 9 blocks
from N devices every 2 s. Args: host port devices seconds. Prints CPU time per request."""
import asyncio
import resource
import sys
import time

from pymodbus.client import AsyncModbusTcpClient

BLOCKS = [(0, 1), (114, 1), (120, 16), (140, 19), (166, 8), (174, 28), (212, 30), (260, 16), (511, 1)]


async def device(host, port, stop_at, counter):
    client = AsyncModbusTcpClient(host, port=port)
    await client.connect()
    due = time.monotonic()
    while time.monotonic() < stop_at:
        for addr, count in BLOCKS:
            rr = await client.read_holding_registers(addr, count, slave=1)
            if not rr.isError():
                counter[0] += 1
        due += 2.0
        await asyncio.sleep(max(0, due - time.monotonic()))
    client.close()  # pymodbus 3.0: plain call


async def main():
    host, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    counter = [0]
    stop_at = time.monotonic() + seconds
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(device(host, port, stop_at, counter) for _ in range(n)))
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print(f"pymodbus devices={n} requests={counter[0]} cpu={cpu:.2f}s cpuPerRequest={cpu / max(1, counter[0]) * 1e6:.1f}us")


asyncio.run(main())
