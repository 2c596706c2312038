package io.gridwire.modbus.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.modbus.server.ModbusServerConfig.Table;
import io.gridwire.modbus.server.ModbusServerConfig.Writable;

/** One {@code modbus.server.devices[].writable[]} range that Modbus clients may write through the façade (docs/modbus.md). */
public record ModbusWritableRange(
    @Doc("holding (holding registers, written with FC06/FC16) or coil (coils, FC05/FC15).") String table,
    @Doc("First address of the range (zero-based PDU address, 0..65535).") Integer address,
    @Doc("How many registers or coils from address (1..65536 − address; default 1).") Integer count) {

  /**
   * The range as the server takes it, after checking a known table, an address 0..65535 and a
   * count that stays inside the address space.
   *
   * @param path the key path of this range, e.g. {@code modbus.server.devices[0].writable[1]}
   */
  Writable toWritable(String path) {
    if (table == null || !(table.equals("holding") || table.equals("coil"))) {
      throw new IllegalArgumentException(path + ".table must be holding or coil, was " + (table == null ? "unset" : "'" + table + "'"));
    }
    if (address == null) throw new IllegalArgumentException(path + ".address is required (0..65535)");
    Check.range(path + ".address", address, 0, 65535);
    if (count != null) Check.range(path + ".count", count, 1, 65536 - address);
    return new Writable(Table.fromWire(table), address, count == null ? 1 : count);
  }
}
