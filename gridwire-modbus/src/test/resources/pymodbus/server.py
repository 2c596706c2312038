"""A pymodbus server for Gridwire's integration tests: serves fixed registers over Modbus TCP
or RTU framing over TCP. Usage: server.py PORT tcp|rtu UNIT ADDR=VALUE ..."""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer


def main():
    port, framing, unit = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    values = [0] * 1000
    for arg in sys.argv[4:]:
        addr, val = arg.split("=")
        values[int(addr)] = int(val) & 0xFFFF
    # pymodbus 3.0 data blocks are addressed from 1 internally (address + 1)
    block = ModbusSequentialDataBlock(1, values)
    store = ModbusSlaveContext(hr=block, ir=block, zero_mode=False)
    context = ModbusServerContext(slaves={unit: store}, single=False)
    framer = ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer
    print("ready", flush=True)
    asyncio.run(StartAsyncTcpServer(context=context, address=("127.0.0.1", port), framer=framer))


if __name__ == "__main__":
    main()
