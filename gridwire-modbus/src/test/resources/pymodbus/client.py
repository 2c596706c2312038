"""A pymodbus Modbus TCP client for Gridwire's server façade tests. Usage:
client.py PORT UNIT FC:ADDR:COUNT ...   (FC 1..4 read COUNT; 5 and 6 write COUNT as the value;
                                         15 and 16 write a list: 16:40:7,8)
Prints one line per request: 'ok w1 w2 ...' or 'exception CODE' or 'error TEXT'."""
import sys

from pymodbus.client import ModbusTcpClient
from pymodbus.pdu import ExceptionResponse


def main():
    port, unit = int(sys.argv[1]), int(sys.argv[2])
    client = ModbusTcpClient("127.0.0.1", port=port, timeout=5)
    if not client.connect():
        print("error cannot connect", flush=True)
        return
    calls = {1: client.read_coils, 2: client.read_discrete_inputs, 3: client.read_holding_registers,
             4: client.read_input_registers, 5: client.write_coil, 6: client.write_register,
             15: client.write_coils, 16: client.write_registers}
    for arg in sys.argv[3:]:
        fc, addr, rest = arg.split(":")
        fc, addr = int(fc), int(addr)
        if fc in (15, 16):
            count = [int(x) for x in rest.split(",")]
            if fc == 15:
                count = [x == 1 for x in count]
        elif fc == 5:
            count = int(rest) == 1
        else:
            count = int(rest)
        try:
            r = calls[fc](addr, count, slave=unit)
        except Exception as e:  # noqa: BLE001 - reported to the test
            print("error " + str(e).replace("\n", " "), flush=True)
            continue
        if isinstance(r, ExceptionResponse):
            print("exception %d" % r.exception_code, flush=True)
        elif r.isError():
            print("error " + str(r).replace("\n", " "), flush=True)
        elif hasattr(r, "registers"):
            print("ok " + " ".join(str(w) for w in r.registers), flush=True)
        else:
            print("ok", flush=True)
    client.close()


if __name__ == "__main__":
    main()
