"""A pymodbus server for Gridwire's integration tests: serves registers (and coils) over Modbus
TCP or RTU framing over TCP, storing what clients write. Usage:
server.py PORT tcp|rtu UNIT ADDR=VALUE ... [ro=ADDR ...]
ro=ADDR makes a holding register echo writes without keeping them, as a read-only register of
some controllers does (the read-back shows the old value)."""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer


class ReadOnlyAt(ModbusSequentialDataBlock):
    """Ignores writes to some addresses (internal addresses: PDU address + 1)."""

    def __init__(self, address, values, read_only):
        super().__init__(address, values)
        self.read_only = read_only

    def setValues(self, address, values):  # noqa: N802 - pymodbus API
        if not isinstance(values, list):
            values = [values]
        for i, v in enumerate(values):
            if address + i not in self.read_only:
                super().setValues(address + i, [v])


def main():
    port, framing, unit = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    values = [0] * 1000
    read_only = set()
    for arg in sys.argv[4:]:
        addr, val = arg.split("=")
        if addr == "ro":
            read_only.add(int(val) + 1)
        else:
            values[int(addr)] = int(val) & 0xFFFF
    # pymodbus 3.0 data blocks are addressed from 1 internally (address + 1)
    block = ReadOnlyAt(1, values, read_only)
    store = ModbusSlaveContext(hr=block, ir=block, zero_mode=False)
    context = ModbusServerContext(slaves={unit: store}, single=False)
    framer = ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer
    print("ready", flush=True)
    asyncio.run(StartAsyncTcpServer(context=context, address=("127.0.0.1", port), framer=framer))


if __name__ == "__main__":
    main()
