/**
 * The {@code modbus} section of the configuration file, declared here once: keys, defaults,
 * meanings ({@link io.gridwire.core.config.Doc}) and checks with their key paths. The application
 * binds the file (and {@code POST /api/devices} bodies) into these records; the poller and the
 * server façade take the forms they build ({@link ModbusSection#settings()},
 * {@link ModbusServerSection#settings()}, {@link ModbusDeviceEntry#toDevice()}).
 */
package io.gridwire.modbus.config;
