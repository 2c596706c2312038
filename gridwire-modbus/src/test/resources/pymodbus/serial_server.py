"""A pymodbus RTU slave on a serial port (a pseudo-terminal in Gridwire's tests) serving several
unit ids on one line. Usage: serial_server.py DEVICE UNIT:ADDR=VALUE ...
Each unit named gets its own registers; a unit not named stays silent, as on a real bus."""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncSerialServer
from pymodbus.transaction import ModbusRtuFramer


def main():
    device = sys.argv[1]
    values = {}
    for arg in sys.argv[2:]:
        unit, rest = arg.split(":")
        addr, val = rest.split("=")
        values.setdefault(int(unit), [0] * 1000)[int(addr)] = int(val) & 0xFFFF
    slaves = {}
    for unit, regs in values.items():
        # pymodbus 3.0 data blocks are addressed from 1 internally (address + 1)
        block = ModbusSequentialDataBlock(1, regs)
        slaves[unit] = ModbusSlaveContext(hr=block, ir=block, zero_mode=False)
    context = ModbusServerContext(slaves=slaves, single=False)
    print("ready", flush=True)
    asyncio.run(StartAsyncSerialServer(context=context, framer=ModbusRtuFramer, port=device, baudrate=9600,
                                       bytesize=8, parity="N", stopbits=1))


if __name__ == "__main__":
    main()
