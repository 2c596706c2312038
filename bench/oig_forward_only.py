"""The Python floor of the OIG benchmark: an asyncio proxy that only forwards bytes, box to cloud
and back, with no parsing and no capture; what the peer proxy (oig_peer_proxy.py) costs beyond it
is its parsing and SQLite capture. Usage: oig_forward_only.py LISTEN_PORT CLOUD_HOST CLOUD_PORT"""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


async def handle(box_reader, box_writer, cloud):
    try:
        cloud_reader, cloud_writer = await asyncio.wait_for(asyncio.open_connection(*cloud), 5)
    except (asyncio.TimeoutError, OSError):
        box_writer.close()
        return
    await asyncio.gather(pipe(box_reader, cloud_writer), pipe(cloud_reader, box_writer))


async def main():
    cloud = (sys.argv[2], int(sys.argv[3]))
    server = await asyncio.start_server(lambda r, w: handle(r, w, cloud), "127.0.0.1", int(sys.argv[1]), backlog=1024)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
