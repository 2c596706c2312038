package io.gridwire.app.wiring;

import java.util.List;
import java.util.Map;

/**
 * Invalid Modbus devices and the errors they must give, keys relative to the device: fed both to
 * the configuration file ({@code modbus.devices[0].…}) and to {@code POST /api/devices}, which must
 * report the same.
 */
final class BadModbusDevices {
  private BadModbusDevices() {}

  /**
   * @param fields the device's keys as JSON values, over a valid base ({@link #base})
   * @param errors every error expected, relative to the device
   */
  record Case(Map<String, String> fields, List<String> errors) {
    /** The device as a JSON object. */
    String json(String id) {
      StringBuilder b = new StringBuilder("{");
      Map<String, String> all = new java.util.LinkedHashMap<>(base(id));
      all.putAll(fields);
      all.forEach((k, v) -> {
        if (v == null) return;
        if (b.length() > 1) b.append(',');
        b.append('"').append(k).append("\":").append(v);
      });
      return b.append('}').toString();
    }

    /** The device as a YAML list element (JSON flow style is YAML). */
    String yamlElement(String id) {
      return "  - " + json(id) + "\n";
    }
  }

  /** transport rtu-serial, neither host nor port nor serial_port. */
  private static Map<String, String> rtuSerialWithoutPort() {
    Map<String, String> m = new java.util.HashMap<>();
    m.put("transport", "\"rtu-serial\"");
    m.put("host", null);
    m.put("port", null);
    return m;
  }

  static Map<String, String> base(String id) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("id", "\"" + id + "\"");
    m.put("profile", "\"smartgen-hgm9520n\"");
    m.put("host", "\"127.0.0.1\"");
    m.put("port", "1502");
    m.put("unit_id", "1");
    return m;
  }

  static final List<Case> CASES = List.of(
      new Case(Map.of("unit_id", "300"), List.of("unit_id out of range 0..247: 300")),
      new Case(Map.of("profile", "\"no-such-profile\""), List.of("profile unknown: 'no-such-profile' (known: smartgen-hgm9520n,"
          + " smartgen-hgm9560; add one with POST /api/profiles or modbus.profiles_dir)")),
      new Case(Map.of("port", "70000"), List.of("port out of range 1..65535: 70000")),
      new Case(Map.of("transport", "\"serial-over-pigeon\""),
          List.of("transport unknown: 'serial-over-pigeon' (expected tcp, rtu-over-tcp or rtu-serial)")),
      new Case(Map.of("client", "\"digitalpetri\""),
          List.of("client was removed: Gridwire polls Modbus TCP with its own client only; delete the key (set to 'digitalpetri')")),
      new Case(rtuSerialWithoutPort(),
          List.of("serial_port is required for transport rtu-serial")),
      new Case(Map.of("interval", "\"0s\""), List.of("interval must be positive: PT0S")),
      new Case(Map.of("retry_delay", "\"20s\"", "max_retry_delay", "\"10s\""),
          List.of("max_retry_delay must not be below retry_delay (PT20S): PT10S")),
      // several errors in one device: every one is reported, not the first
      new Case(Map.of("unit_id", "999", "timeout", "\"0s\"", "profile", "\"nope\"", "host", "\"\""),
          List.of("profile unknown: 'nope' (known: smartgen-hgm9520n, smartgen-hgm9560; add one with POST /api/profiles or"
              + " modbus.profiles_dir)", "host is required", "unit_id out of range 0..247: 999", "timeout must be positive: PT0S")));
}
