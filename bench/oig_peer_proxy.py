"""The peer for the OIG benchmark: a small asyncio proxy of the reference design (a box is always
accepted; forward to the cloud while it answers, local ACK/END otherwise; every frame parsed
into its fields and captured to SQLite, committed once a second).
Usage: oig_peer_proxy.py LISTEN_PORT CLOUD_HOST CLOUD_PORT DB_PATH"""
import asyncio
import re
import sqlite3
import sys
import time

ELEMENT = re.compile(rb"<(\w+)>([^<]*)</\1>")
ACK = b"<Frame><Result>ACK</Result><ToDo>GetActual</ToDo><CRC>00167</CRC></Frame>\r\n"
END = b"<Frame><Result>END</Result><CRC>34500</CRC></Frame>\r\n"
SETTING_ACK = b"<Frame><Result>ACK</Result><CRC>54590</CRC></Frame>\r\n"


class Proxy:
    def __init__(self, cloud_host, cloud_port, db_path):
        self.cloud = (cloud_host, cloud_port)
        self.db = sqlite3.connect(db_path)
        self.db.execute("create table if not exists frames (ts real, conn integer, direction text, tbl text, raw text)")
        self.pending = []
        self.latest = {}
        self.connections = 0

    def capture(self, conn, direction, raw):
        fields = dict((k.decode(), v.decode()) for k, v in ELEMENT.findall(raw))
        table = fields.get("TblName") or fields.get("Result") or "unknown"
        self.pending.append((time.time(), conn, direction, table, raw.decode(errors="replace")))
        if "ID_Device" in fields and table.startswith("tbl_"):
            self.latest[(fields["ID_Device"], table)] = fields  # what the seed publishes to MQTT
        return fields

    @staticmethod
    def local_answer(raw):
        if b"<Result>IsNewSet</Result>" in raw:
            return END
        if b"<ID_Set>" in raw and b"<ID_SubD>" in raw:
            return SETTING_ACK
        return ACK

    async def handle(self, box_reader, box_writer):
        self.connections += 1
        conn = self.connections
        cloud = None
        try:
            cloud = await asyncio.wait_for(asyncio.open_connection(*self.cloud), 5)
        except (asyncio.TimeoutError, OSError):
            pass
        try:
            while True:
                raw = await box_reader.readuntil(b"\r\n")
                self.capture(conn, "box", raw)
                answer = None
                if cloud is not None:
                    try:
                        cloud[1].write(raw)
                        answer = await asyncio.wait_for(cloud[0].readuntil(b"\r\n"), 5)
                    except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError):
                        cloud[1].close()
                        cloud = None
                if answer is None:
                    answer = self.local_answer(raw)
                self.capture(conn, "cloud" if cloud else "local", answer)
                box_writer.write(answer)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
            pass
        finally:
            box_writer.close()
            if cloud is not None:
                cloud[1].close()

    async def commit_loop(self):
        while True:
            await asyncio.sleep(1)
            if self.pending:
                self.db.executemany("insert into frames values (?, ?, ?, ?, ?)", self.pending)
                self.db.commit()
                self.pending = []


async def main():
    proxy = Proxy(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", int(sys.argv[1]), backlog=4096)
    asyncio.get_running_loop().create_task(proxy.commit_loop())
    async with server:
        await server.serve_forever()


asyncio.run(main())
