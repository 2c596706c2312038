package io.gridwire.app.config;

import java.time.Duration;

/** One polled Modbus device. Unset keys take the defaults shown. */
public record ModbusDeviceConfig(
    @Doc("Stable device id (required), e.g. gen-1.") String id,
    @Doc("Display name (default: id).") String name,
    @Doc("Site code.") String site,
    @Doc("Device kind (default: the profile's, e.g. generator, switchgear).") String kind,
    @Doc("Register profile name (required): smartgen-hgm9520n, smartgen-hgm9560, or a user profile.") String profile,
    @Doc("tcp (Modbus TCP) or rtu-over-tcp (raw RTU frames through a serial-to-Ethernet converter). Default tcp.") String transport,
    @Doc("Device or converter address (required).") String host,
    @Doc("TCP port (default 502).") Integer port,
    @Doc("Modbus unit id 0..247 (default 0 for tcp; set it for RTU).") Integer unitId,
    @Doc("Poll interval (default 2s).") Duration interval,
    @Doc("Answer timeout per request (default 2s).") Duration timeout,
    @Doc("Pause after a failed poll, doubling per failure (default 5s).") Duration retryDelay,
    @Doc("Cap of that back-off (default 10s): a device back after any outage is polled again within it.") Duration maxRetryDelay,
    @Doc("RTU: pause after each answer before the next request (default 150ms for rtu-over-tcp, 0 for tcp).") Duration turnaroundGap,
    @Doc("RTU: pause between blocks (default 50ms for rtu-over-tcp, 0 for tcp).") Duration blockGap,
    @Doc("Modbus TCP client: reactor (Gridwire's own selector thread) or digitalpetri (the digitalpetri 2.x Netty client); tcp only. Default reactor.") String client) {}
