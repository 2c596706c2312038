package io.gridwire.app.config;

import io.gridwire.core.config.Doc;

/** One device served by the Modbus server façade: a unit id on the shared port, or a port of its own. */
public record ModbusServedDeviceConfig(
    @Doc("Id of a polled Modbus device (modbus.devices[].id).") String device,
    @Doc("Its unit id 1..247 on the shared port (set this or port).") Integer unitId,
    @Doc("A port of its own, where it answers any unit id (set this or unit_id).") Integer port) {}
