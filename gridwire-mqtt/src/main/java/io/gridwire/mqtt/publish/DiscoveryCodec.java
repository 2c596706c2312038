package io.gridwire.mqtt.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.core.reading.MetricInfo;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Home Assistant discovery configs (single-component discovery, one retained topic per
 * metric; see docs/mqtt.md and the conventions in protocols/ha-mqtt-discovery.md):
 *
 * <pre>
 * homeassistant/sensor/gridwire_dl_001_battery_voltage/config
 * {"name":"Battery voltage","unique_id":"gridwire_dl_001_battery_voltage",
 *  "default_entity_id":"sensor.gridwire_dl_001_battery_voltage",
 *  "state_topic":"gridwire/DL-001/state","value_template":"{{ value_json.get('battery_voltage') }}",
 *  "unit_of_measurement":"V","device_class":"voltage","state_class":"measurement","expire_after":300,
 *  "availability":[{"topic":"gridwire/status"},{"topic":"gridwire/DL-001/availability"}],
 *  "availability_mode":"all","device":{...},"origin":{"name":"Gridwire",...}}
 * </pre>
 *
 * {@code default_entity_id} replaces the {@code object_id} Home Assistant deprecated in 2025.10
 * (removed in 2026.4), which is no longer sent. Booleans become {@code binary_sensor}s; metrics with
 * enum options become {@code enum} sensors ({@link EntityPresentation}). Primary metrics are enabled
 * by default, the others are {@code diagnostic} and disabled by default. Alarm entities:
 * {@link #alarmConfigs}; the gateway's own device: {@link #gatewayConfig}. Pure; thread-safe.
 *
 * @param topics topic names
 * @param gatewayId client id of the gateway, used for {@code via_device}
 * @param version Gridwire version for {@code origin}
 * @param expireAfter {@code expire_after}; zero omits it
 */
public record DiscoveryCodec(Topics topics, String gatewayId, String version, Duration expireAfter) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String SENSOR = "sensor";
  public static final String BINARY_SENSOR = "binary_sensor";
  public static final String EVENT = "event";

  /** The config topic of one metric (also used to clear it). */
  public String topic(String deviceId, String metric, boolean binary) {
    return topics.config(binary ? BINARY_SENSOR : SENSOR, Topics.uniqueId(deviceId, metric));
  }

  /**
   * @param deviceId device key
   * @param device the registry's record, or null when the device is not registered
   * @param info metric metadata
   * @param binary true for a boolean metric
   */
  public DiscoveryMessage config(String deviceId, Device device, MetricInfo info, boolean binary) {
    String uid = Topics.uniqueId(deviceId, info.name());
    String component = binary ? BINARY_SENSOR : SENSOR;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", info.label());
    c.put("unique_id", uid);
    c.put("default_entity_id", component + "." + uid);
    c.put("state_topic", topics.state(deviceId));
    EntityPresentation.describe(c, info, binary);
    if (!expireAfter.isZero()) c.put("expire_after", expireAfter.toSeconds());
    c.put("availability", availability(deviceId, device));
    c.put("availability_mode", "all");
    c.put("device", deviceBlock(deviceId, device));
    c.put("origin", origin());
    return new DiscoveryMessage(topics.config(component, uid), bytes(c));
  }

  /**
   * The gateway's own device ({@code via_device} of every other device points to it) with one
   * entity: a {@code connectivity} binary sensor reading the gateway status topic, which shows
   * "Disconnected" once the gateway's last will fired.
   */
  public DiscoveryMessage gatewayConfig() {
    String uid = Topics.uniqueId(gatewayId, "status");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", "Status");
    c.put("unique_id", uid);
    c.put("default_entity_id", BINARY_SENSOR + "." + uid);
    c.put("state_topic", topics.gatewayStatus());
    c.put("payload_on", "online");
    c.put("payload_off", "offline");
    c.put("device_class", "connectivity");
    c.put("entity_category", "diagnostic");
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("identifiers", List.of(Topics.deviceIdentifier(gatewayId)));
    d.put("name", "Gridwire " + gatewayId);
    d.put("manufacturer", "Gridwire");
    d.put("model", "Gridwire gateway");
    d.put("sw_version", version);
    c.put("device", d);
    c.put("origin", origin());
    return new DiscoveryMessage(gatewayTopic(), bytes(c));
  }

  /** Config topic of the gateway's status entity (also used to clear it). */
  public String gatewayTopic() {
    return topics.config(BINARY_SENSOR, Topics.uniqueId(gatewayId, "status"));
  }

  private Map<String, Object> origin() {
    return Map.of("name", "Gridwire", "sw_version", version);
  }

  /**
   * The two alarm entities of a device, both reading its alarms topic: a {@code problem} binary
   * sensor (on while any alarm is active) and an "Active alarms" sensor (the count as state, the
   * names as attributes), and an {@code event} entity "Alarm events" fired on every raised and
   * cleared alarm ({@link Topics#alarmEvent}).
   */
  public List<DiscoveryMessage> alarmConfigs(String deviceId, Device device) {
    String alarms = topics.alarms(deviceId);
    Map<String, Object> problem = entity(deviceId, device, "problem", "Problem", BINARY_SENSOR);
    problem.put("state_topic", alarms);
    problem.put("value_template", "{{ 'ON' if value_json.count > 0 else 'OFF' }}");
    problem.put("device_class", "problem");
    Map<String, Object> count = entity(deviceId, device, "active_alarms", "Active alarms", SENSOR);
    count.put("state_topic", alarms);
    count.put("value_template", "{{ value_json.count }}");
    count.put("state_class", "measurement");
    count.put("json_attributes_topic", alarms);
    count.put("json_attributes_template", "{{ {'alarms': value_json.names, 'critical': value_json.critical} | tojson }}");
    Map<String, Object> event = entity(deviceId, device, "alarm_event", "Alarm events", EVENT);
    event.put("state_topic", topics.alarmEvent(deviceId));
    event.put("event_types", List.of("raised", "cleared"));
    return List.of(new DiscoveryMessage(alarmTopic(deviceId, "problem"), bytes(problem)),
        new DiscoveryMessage(alarmTopic(deviceId, "active_alarms"), bytes(count)),
        new DiscoveryMessage(alarmTopic(deviceId, "alarm_event"), bytes(event)));
  }

  /** Config topics of the alarm entities: problem, active_alarms, alarm_event (also used to clear them). */
  public String alarmTopic(String deviceId, String entity) {
    String component = switch (entity) {
      case "problem" -> BINARY_SENSOR;
      case "alarm_event" -> EVENT;
      default -> SENSOR;
    };
    return topics.config(component, Topics.uniqueId(deviceId, entity));
  }

  /**
   * The fields every entity of a device shares: name, unique and default entity id, availability
   * (gateway and device), the device block and origin. Used for alarm and control entities.
   */
  public Map<String, Object> entity(String deviceId, Device device, String entity, String name, String component) {
    String uid = Topics.uniqueId(deviceId, entity);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("unique_id", uid);
    c.put("default_entity_id", component + "." + uid);
    c.put("availability", availability(deviceId, device));
    c.put("availability_mode", "all");
    c.put("device", deviceBlock(deviceId, device));
    c.put("origin", origin());
    return c;
  }

  private List<Map<String, String>> availability(String deviceId, Device device) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(Map.of("topic", topics.gatewayStatus()));
    if (device != null) out.add(Map.of("topic", topics.availability(deviceId)));
    return out;
  }

  /**
   * The {@code device} block: identifiers, name, manufacturer and model (attributes
   * {@code manufacturer}/{@code model}, else the registry's model or kind), serial, firmware, via the
   * gateway.
   */
  Map<String, Object> deviceBlock(String deviceId, Device device) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("identifiers", List.of(Topics.deviceIdentifier(deviceId)));
    d.put("name", device == null ? deviceId : device.name());
    if (device != null) {
      String manufacturer = device.attributes().get("manufacturer");
      if (manufacturer != null) d.put("manufacturer", manufacturer);
      String model = device.attributes().get("model");
      d.put("model", model != null ? model : device.model() != null ? device.model() : device.kind());
      if (device.serialNumber() != null) d.put("serial_number", device.serialNumber());
      String fw = firmware(device);
      if (fw != null) d.put("sw_version", fw);
      if (!device.site().isEmpty()) d.put("suggested_area", device.site());
    }
    d.put("via_device", Topics.deviceIdentifier(gatewayId));
    return d;
  }

  /** A value template mapping a metric's codes ({@code 3}, {@code 3.0}) to labels ({@code Home UPS}). */
  public static String enumTemplate(String metric, Map<String, String> options) {
    return EntityPresentation.enumTemplate(metric, options);
  }

  static String firmware(Device d) {
    for (String k : List.of("firmware", "firmware_version", "fw", "fw_version", "sw_version")) {
      String v = d.attributes().get(k);
      if (v != null) return v;
    }
    return null;
  }

  private static byte[] bytes(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
