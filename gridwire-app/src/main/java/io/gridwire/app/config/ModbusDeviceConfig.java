package io.gridwire.app.config;

import io.gridwire.core.config.Doc;
import java.time.Duration;

/** One polled Modbus device. Unset keys take the defaults shown. */
public record ModbusDeviceConfig(
    @Doc("Stable device id (required), e.g. gen-1.") String id,
    @Doc("Display name (default: id).") String name,
    @Doc("Site code.") String site,
    @Doc("Device kind (default: the profile's, e.g. generator, switchgear).") String kind,
    @Doc("Register profile name (required): smartgen-hgm9520n, smartgen-hgm9560, or a user profile.") String profile,
    @Doc("tcp (Modbus TCP), rtu-over-tcp (raw RTU frames through a serial-to-Ethernet converter) or rtu-serial (RTU on a local serial port, e.g. an RS-485 USB adapter). Default tcp.") String transport,
    @Doc("Device or converter address (required for tcp and rtu-over-tcp).") String host,
    @Doc("TCP port (default 502).") Integer port,
    @Doc("Modbus unit id 0..247 (default 0 for tcp; set it for RTU).") Integer unitId,
    @Doc("Poll interval (default 2s).") Duration interval,
    @Doc("Answer timeout per request (default 2s).") Duration timeout,
    @Doc("Pause after a failed poll, doubling per failure (default 5s).") Duration retryDelay,
    @Doc("Cap of that back-off (default 10s): a device back after any outage is polled again within it.") Duration maxRetryDelay,
    @Doc("RTU: pause after each answer before the next request (default 150ms for rtu-over-tcp; for rtu-serial the inter-frame gap of the baud rate, 3.5 characters and at least 1.75ms; 0 for tcp).") Duration turnaroundGap,
    @Doc("RTU: pause between blocks (default 50ms for rtu-over-tcp and rtu-serial, 0 for tcp).") Duration blockGap,
    @Doc("Removed: Gridwire has one Modbus TCP client. Any value (reactor, digitalpetri) is a configuration error naming this key; delete it.") String client,
    @Doc("rtu-serial: path of the serial port (required), e.g. /dev/ttyUSB0 or a stable /dev/serial/by-id/... link; devices on one port share it, one request at a time.") String serialPort,
    @Doc("rtu-serial: baud rate 1200..921600 (default 9600).") Integer baud,
    @Doc("rtu-serial: parity none, even or odd (default none); data bits are always 8.") String parity,
    @Doc("rtu-serial: stop bits 1 or 2 (default 1).") Integer stopBits) {}
