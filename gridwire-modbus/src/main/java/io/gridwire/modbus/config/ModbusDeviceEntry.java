package io.gridwire.modbus.config;

import io.gridwire.core.admission.DeviceIdRule;
import io.gridwire.core.config.Doc;
import io.gridwire.modbus.client.SerialSettings;
import io.gridwire.modbus.poll.DeviceConfigException;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.profile.ProfileLibrary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One polled Modbus device as the file ({@code modbus.devices[]}) and the API
 * ({@code POST/PUT /api/devices}) write it; unset keys take the defaults shown. Binding checks
 * nothing: {@link #problems} lists every problem, {@link #toDevice} builds the poller's
 * {@link ModbusDeviceConfig}, whose constructor holds the value rules.
 */
public record ModbusDeviceEntry(
    @Doc("Stable device id (required), e.g. gen-1.") String id,
    @Doc("Display name (default: id).") String name,
    @Doc("Site code.") String site,
    @Doc("Device kind (default: the profile's, e.g. generator, switchgear).") String kind,
    @Doc("Register profile name (required): smartgen-hgm9520n, smartgen-hgm9560, or a user profile.") String profile,
    @Doc("tcp (Modbus TCP), rtu-over-tcp (raw RTU frames through a serial-to-Ethernet converter) or rtu-serial "
        + "(RTU on a local serial port, e.g. an RS-485 USB adapter). Default tcp.") String transport,
    @Doc("Device or converter address (required for tcp and rtu-over-tcp).") String host,
    @Doc("TCP port (default 502).") Integer port,
    @Doc("Modbus unit id 0..247 (default 0 for tcp; set it for RTU).") Integer unitId,
    @Doc("Poll interval (default 2s).") Duration interval,
    @Doc("Answer timeout per request (default 2s).") Duration timeout,
    @Doc("Pause after a failed poll, doubling per failure (default 5s).") Duration retryDelay,
    @Doc("Cap of that back-off (default 10s): a device back after any outage is polled again within it.") Duration maxRetryDelay,
    @Doc("RTU: pause after each answer before the next request (default 150ms for rtu-over-tcp; for rtu-serial "
        + "the inter-frame gap of the baud rate, 3.5 characters and at least 1.75ms; 0 for tcp).") Duration turnaroundGap,
    @Doc("RTU: pause between blocks (default 50ms for rtu-over-tcp and rtu-serial, 0 for tcp).") Duration blockGap,
    @Doc("Removed: Gridwire has one Modbus TCP client. Any value (reactor, digitalpetri) is a configuration error naming this key; delete it.") String client,
    @Doc("rtu-serial: path of the serial port (required), e.g. /dev/ttyUSB0 or a stable /dev/serial/by-id/... link; devices on one port share it, one request at a time.") String serialPort,
    @Doc("rtu-serial: baud rate 1200..921600 (default 9600).") Integer baud,
    @Doc("rtu-serial: parity none, even or odd (default none); data bits are always 8.") String parity,
    @Doc("rtu-serial: stop bits 1 or 2 (default 1).") Integer stopBits) {

  /** Keys without which no device can be built: a stand-in lets {@link #problems} go on to the others. */
  private static final Set<String> REQUIRED = Set.of("id", "profile", "host");
  private static final int MAX_PROBLEMS = 32;
  /** The serial settings' own names of their values, as keys. */
  private static final Map<String, String> SERIAL_KEYS = Map.of("serialPort", "serial_port", "baud", "baud", "parity", "parity",
      "stopBits", "stop_bits");

  /**
   * The device as the poller takes it.
   *
   * @throws DeviceConfigException naming the first invalid key
   */
  public ModbusDeviceConfig toDevice() {
    TransportKind kindOfTransport;
    try {
      kindOfTransport = TransportKind.fromWire(transport == null ? "tcp" : transport);
    } catch (IllegalArgumentException e) {
      throw new DeviceConfigException(id, "transport", e.getMessage().replaceFirst("^unknown transport ", "unknown: "));
    }
    if (client != null) { // it chose between two Modbus TCP clients; one is left (docs/modbus.md)
      throw new DeviceConfigException(id, "client",
          "was removed: Gridwire polls Modbus TCP with its own client only; delete the key (set to '" + client + "')");
    }
    return new ModbusDeviceConfig(id, name, site, kind, profile, kindOfTransport, host, orZero(port), orZero(unitId),
        interval, timeout, retryDelay, maxRetryDelay, turnaroundGap, blockGap, 0, serial());
  }

  /**
   * Every problem of this device, each as {@code key problem} with the key relative to the device
   * ({@code unit_id out of range 0..247: 300}); empty when it is valid. The file prefixes
   * {@code modbus.devices[<index>].}, the API answers them as they are.
   *
   * @param profiles the profiles the device may name; null to skip that check
   */
  public List<String> problems(ProfileLibrary profiles) {
    List<String> out = new ArrayList<>();
    if (id != null && !id.isBlank() && DeviceIdRule.problem(id) != null) out.add("id refused: " + DeviceIdRule.problem(id));
    if (profiles != null && profile != null && !profile.isBlank() && profiles.find(profile).isEmpty()) {
      out.add("profile unknown: '" + profile + "' (known: " + String.join(", ", profiles.names())
          + "; add one with POST /api/profiles or modbus.profiles_dir)");
    }
    ModbusDeviceEntry current = this;
    Set<String> seen = new HashSet<>();
    while (current != null && out.size() < MAX_PROBLEMS) {
      try {
        current.toDevice();
        break;
      } catch (DeviceConfigException e) {
        if (!seen.add(e.key())) break; // a rule between two keys (max_retry_delay ≥ retry_delay): reported once
        out.add(e.key() + " " + e.problem());
        current = current.without(e.key());
      }
    }
    return out;
  }

  /** The serial settings of an rtu-serial device (null when no serial key is set); defaults 9600 8N1. */
  private SerialSettings serial() {
    if (serialPort == null && baud == null && parity == null && stopBits == null) return null;
    if (serialPort == null || serialPort.isBlank()) {
      throw new DeviceConfigException(id, "serial_port", "is required with baud, parity or stop_bits");
    }
    try {
      return new SerialSettings(serialPort, baud == null ? 9600 : baud,
          parity == null ? SerialSettings.Parity.NONE : SerialSettings.Parity.fromWire(parity), stopBits == null ? 1 : stopBits);
    } catch (IllegalArgumentException e) {
      // the settings' messages start with their value's name: "parity must be none, even or odd: mark"
      String[] nameAndProblem = e.getMessage().split(" ", 2);
      throw new DeviceConfigException(id, SERIAL_KEYS.getOrDefault(nameAndProblem[0], nameAndProblem[0]),
          nameAndProblem.length > 1 ? nameAndProblem[1] : "is invalid");
    }
  }

  /** The same device with {@code key} back at its default (a stand-in for required keys), or null when no such key. */
  private ModbusDeviceEntry without(String key) {
    String standIn = REQUIRED.contains(key) ? "unset" : null;
    return switch (key) {
      case "id" -> new ModbusDeviceEntry(standIn, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "profile" -> new ModbusDeviceEntry(id, name, site, kind, standIn, transport, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "transport" -> new ModbusDeviceEntry(id, name, site, kind, profile, null, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "host" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, standIn, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "port" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, null, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "unit_id" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, null, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "interval" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, null, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "timeout" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval, null,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "retry_delay" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
          null, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "max_retry_delay" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval,
          timeout, retryDelay, null, turnaroundGap, blockGap, client, serialPort, baud, parity, stopBits);
      case "turnaround_gap" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval,
          timeout, retryDelay, maxRetryDelay, null, blockGap, client, serialPort, baud, parity, stopBits);
      case "block_gap" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, null, client, serialPort, baud, parity, stopBits);
      case "client" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, null, serialPort, baud, parity, stopBits);
      case "serial_port" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval,
          timeout, retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, null, baud, parity, stopBits);
      case "baud" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, null, parity, stopBits);
      case "parity" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval, timeout,
          retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, null, stopBits);
      case "stop_bits" -> new ModbusDeviceEntry(id, name, site, kind, profile, transport, host, port, unitId, interval,
          timeout, retryDelay, maxRetryDelay, turnaroundGap, blockGap, client, serialPort, baud, parity, null);
      default -> null;
    };
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
