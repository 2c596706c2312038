package io.gridwire.modbus.config;

import io.gridwire.core.config.Doc;
import io.gridwire.modbus.server.ModbusServerConfig.Served;
import java.util.ArrayList;
import java.util.List;

/** One {@code modbus.server.devices[]} entry: a unit id on the shared port, or a port of its own. */
public record ModbusServedDevice(
    @Doc("Id of a polled Modbus device (modbus.devices[].id).") String device,
    @Doc("Its unit id 1..247 on the shared port (set this or port).") Integer unitId,
    @Doc("A port of its own, where it answers any unit id (set this or unit_id).") Integer port,
    @Doc("Ranges Modbus clients may write (a list; see the keys below). Each write becomes a modbus_write command of the"
        + " ledger and is answered once read back; anything outside is answered 0x02. Empty: writes are answered 0x01.")
    List<ModbusWritableRange> writable) {
  public ModbusServedDevice {
    writable = writable == null ? List.of() : List.copyOf(writable);
  }

  public ModbusServedDevice(String device, Integer unitId, Integer port) {
    this(device, unitId, port, List.of());
  }

  /** The entry as the server takes it; {@code path} is its key path, e.g. {@code modbus.server.devices[0]}. */
  Served toServed(String path) {
    return new Served(device, unitId == null ? 0 : unitId, port == null ? 0 : port, ranges(path));
  }

  /** The writable ranges as the server takes them, each checked with its key path ({@code <path>.writable[<index>]}). */
  List<io.gridwire.modbus.server.ModbusServerConfig.Writable> ranges(String path) {
    List<io.gridwire.modbus.server.ModbusServerConfig.Writable> ranges = new ArrayList<>();
    for (int j = 0; j < writable.size(); j++) {
      String at = path + ".writable[" + j + "]";
      if (writable.get(j) == null) throw new IllegalArgumentException(at + " is empty");
      ranges.add(writable.get(j).toWritable(at));
    }
    return ranges;
  }
}
