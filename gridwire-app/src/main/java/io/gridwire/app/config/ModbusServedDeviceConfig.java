package io.gridwire.app.config;

import io.gridwire.core.config.Doc;
import java.util.List;

/** One device served by the Modbus server façade: a unit id on the shared port, or a port of its own. */
public record ModbusServedDeviceConfig(
    @Doc("Id of a polled Modbus device (modbus.devices[].id).") String device,
    @Doc("Its unit id 1..247 on the shared port (set this or port).") Integer unitId,
    @Doc("A port of its own, where it answers any unit id (set this or unit_id).") Integer port,
    @Doc("Ranges Modbus clients may write (a list; see the keys below). Each write becomes a modbus_write command of the"
        + " ledger and is answered once read back; anything outside is answered 0x02. Empty: writes are answered 0x01.")
    List<ModbusWritableConfig> writable) {
  public ModbusServedDeviceConfig {
    writable = writable == null ? List.of() : List.copyOf(writable);
  }

  public ModbusServedDeviceConfig(String device, Integer unitId, Integer port) {
    this(device, unitId, port, List.of());
  }
}
