package io.gridwire.modbus.poll;

import io.gridwire.modbus.client.SerialSettings;
import java.time.Duration;

/**
 * One polled Modbus device. Null durations and zero numbers take the documented defaults;
 * invalid values throw {@link DeviceConfigException} naming the key ({@code modbus.devices[id].key}).
 *
 * @param id stable device id (required)
 * @param name display name (default: id)
 * @param site site code (default: empty)
 * @param kind device kind (default: the profile's kind)
 * @param profile register profile name (required), e.g. {@code smartgen-hgm9520n}
 * @param transport {@code tcp}, {@code rtu-over-tcp} or {@code rtu-serial} (default tcp)
 * @param host device or converter host (required unless rtu-serial)
 * @param port TCP port, 1..65535 (default 502)
 * @param unitId Modbus unit id, 0..247
 * @param interval time between poll starts (default 2 s)
 * @param timeout answer timeout of one request (default 2 s)
 * @param retryDelay first wait after a failed poll (default 5 s, SPEC §3.1), doubled per further failure
 * @param maxRetryDelay cap of that back-off (default 10 s, {@link io.gridwire.core.retry.Backoff#PEER_CAP}), so a
 *     device back after any outage is polled again within it
 * @param turnaroundGap quiet time on the line before each request (default 150 ms for
 *     rtu-over-tcp, the inter-frame gap of the baud rate for rtu-serial — 3.5 characters, at
 *     least 1.75 ms — and 0 for tcp); devices sharing a converter or port use the largest
 * @param blockGap pause between the blocks of one poll (default 50 ms for rtu-over-tcp and
 *     rtu-serial, 0 for tcp)
 * @param slowEvery read {@code slow} blocks every n-th poll (default 5)
 * @param serial the serial port (required for rtu-serial, null otherwise)
 */
public record ModbusDeviceConfig(String id, String name, String site, String kind, String profile,
    TransportKind transport, String host, int port, int unitId, Duration interval, Duration timeout,
    Duration retryDelay, Duration maxRetryDelay, Duration turnaroundGap, Duration blockGap, int slowEvery,
    SerialSettings serial) {

  public ModbusDeviceConfig {
    if (id == null || id.isBlank()) throw new DeviceConfigException(null, "id", "is required");
    if (profile == null || profile.isBlank()) throw new DeviceConfigException(id, "profile", "is required");
    transport = transport == null ? TransportKind.TCP : transport;
    boolean onSerial = transport == TransportKind.RTU_SERIAL;
    boolean rtu = transport != TransportKind.TCP;
    if (onSerial && serial == null) throw new DeviceConfigException(id, "serial_port", "is required for transport rtu-serial");
    if (!onSerial && serial != null) throw new DeviceConfigException(id, "serial_port", "applies to transport rtu-serial only");
    if (!onSerial && (host == null || host.isBlank())) throw new DeviceConfigException(id, "host", "is required");
    if (onSerial && host != null && !host.isBlank()) {
      throw new DeviceConfigException(id, "host", "does not apply to transport rtu-serial (set serial_port)");
    }
    port = port == 0 ? 502 : port;
    if (port < 1 || port > 65535) throw new DeviceConfigException(id, "port", "out of range 1..65535: " + port);
    if (unitId < 0 || unitId > 247) throw new DeviceConfigException(id, "unit_id", "out of range 0..247: " + unitId);
    interval = positive(id, "interval", interval, Duration.ofSeconds(2));
    timeout = positive(id, "timeout", timeout, Duration.ofSeconds(2));
    retryDelay = positive(id, "retry_delay", retryDelay, Duration.ofSeconds(5));
    maxRetryDelay = positive(id, "max_retry_delay", maxRetryDelay, io.gridwire.core.retry.Backoff.PEER_CAP);
    if (maxRetryDelay.compareTo(retryDelay) < 0) {
      throw new DeviceConfigException(id, "max_retry_delay", "must not be below retry_delay (" + retryDelay + "): " + maxRetryDelay);
    }
    turnaroundGap = notNegative(id, "turnaround_gap", turnaroundGap,
        onSerial ? serial.interFrameGap() : rtu ? Duration.ofMillis(150) : Duration.ZERO);
    blockGap = notNegative(id, "block_gap", blockGap, rtu ? Duration.ofMillis(50) : Duration.ZERO);
    slowEvery = slowEvery == 0 ? 5 : slowEvery;
    if (slowEvery < 1) throw new DeviceConfigException(id, "slow_every", "must be ≥ 1: " + slowEvery);
    site = site == null ? "" : site;
    name = name == null || name.isBlank() ? id : name;
  }

  /** A Modbus TCP device with every other setting at its default. */
  public static ModbusDeviceConfig tcp(String id, String profile, String host, int port, int unitId) {
    return new ModbusDeviceConfig(id, null, null, null, profile, TransportKind.TCP, host, port, unitId,
        null, null, null, null, null, null, 0, null);
  }

  /** A device behind a serial-to-Ethernet converter with every other setting at its default. */
  public static ModbusDeviceConfig rtuOverTcp(String id, String profile, String host, int port, int unitId) {
    return new ModbusDeviceConfig(id, null, null, null, profile, TransportKind.RTU_OVER_TCP, host, port, unitId,
        null, null, null, null, null, null, 0, null);
  }

  /** A device on a local serial port with every other setting at its default. */
  public static ModbusDeviceConfig rtuSerial(String id, String profile, SerialSettings serial, int unitId) {
    return new ModbusDeviceConfig(id, null, null, null, profile, TransportKind.RTU_SERIAL, null, 0, unitId,
        null, null, null, null, null, null, 0, serial);
  }

  public ModbusDeviceConfig withTiming(Duration interval, Duration timeout, Duration retryDelay) {
    return new ModbusDeviceConfig(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
        retryDelay, retryDelay != null && retryDelay.compareTo(maxRetryDelay) > 0 ? retryDelay : maxRetryDelay,
        turnaroundGap, blockGap, slowEvery, serial);
  }

  public ModbusDeviceConfig withGaps(Duration turnaroundGap, Duration blockGap) {
    return new ModbusDeviceConfig(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
        retryDelay, maxRetryDelay, turnaroundGap, blockGap, slowEvery, serial);
  }

  public ModbusDeviceConfig withSite(String site, String name) {
    return new ModbusDeviceConfig(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
        retryDelay, maxRetryDelay, turnaroundGap, blockGap, slowEvery, serial);
  }

  /** The key devices share a connection by: {@code host:port}, or {@code serial:PATH} on a serial port. */
  public String endpoint() {
    return serial != null ? serial.endpoint() : host + ":" + port;
  }

  private static Duration positive(String id, String key, Duration d, Duration dflt) {
    if (d == null) return dflt;
    if (!d.isPositive()) throw new DeviceConfigException(id, key, "must be positive: " + d);
    return d;
  }

  private static Duration notNegative(String id, String key, Duration d, Duration dflt) {
    if (d == null) return dflt;
    if (d.isNegative()) throw new DeviceConfigException(id, key, "must not be negative: " + d);
    return d;
  }
}
