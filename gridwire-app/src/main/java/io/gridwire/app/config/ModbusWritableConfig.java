package io.gridwire.app.config;

import io.gridwire.core.config.Doc;

/** A range of one served device that Modbus clients may write through the façade (docs/modbus.md). */
public record ModbusWritableConfig(
    @Doc("holding (holding registers, written with FC06/FC16) or coil (coils, FC05/FC15).") String table,
    @Doc("First address of the range (zero-based PDU address, 0..65535).") Integer address,
    @Doc("How many registers or coils from address (1..65536 − address; default 1).") Integer count) {}
