#!/usr/bin/python3
"""Device fleet for the load program: N sessions with per-device tokens (Debian python3-websockets).

usage: devices.py URL TOKENS_FILE MODE SECONDS
  MODE idle: connect and authenticate all, print READY, stay idle SECONDS
  MODE flood: connect all, then every session sends telemetry as fast as it can for SECONDS;
              prints SENT <n>
"""
import asyncio, json, sys, time
import websockets

url, tokens_file, mode, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
pairs = [line.split() for line in open(tokens_file) if line.strip()]


released = {}


async def one(session_id, token, ready, stop, sent, sem):
    async with websockets.connect(f"{url}/ws/devices?session_id={session_id}", ping_interval=None,
                                  max_queue=None, open_timeout=60) as ws:
        await ws.send(json.dumps({"token": token}))
        reply = json.loads(await ws.recv())
        assert reply.get("status") == "authenticated", reply
        ready.append(1)
        released[session_id] = True
        sem.release()
        if mode == "flood":
            await start.wait()
            i = 0
            while not stop.is_set():
                await ws.send('{"battery_voltage": %d, "solar_power": 1500, "soc": 80.5}' % i)
                i += 1
                if i % 50 == 0:
                    await asyncio.sleep(0)
            sent.append(i)
        else:
            await stop.wait()


async def main():
    global start
    start = asyncio.Event()
    stop = asyncio.Event()
    ready, sent = [], []
    sem = asyncio.Semaphore(200)

    async def guarded(s, t):
        await sem.acquire()  # at most 200 handshakes at once; released once authenticated
        try:
            await one(s, t, ready, stop, sent, sem)
        finally:
            if not released.get(s):
                sem.release()

    tasks = [asyncio.create_task(guarded(s, t)) for s, t in pairs]
    while len(ready) < len(pairs):
        await asyncio.sleep(0.2)
        if any(t.done() and t.exception() for t in tasks):
            raise [t.exception() for t in tasks if t.done() and t.exception()][0]
    print("READY", len(ready), flush=True)
    start.set()
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("SENT", sum(sent), flush=True)

asyncio.run(main())
