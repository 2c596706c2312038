package io.gridwire.mqtt.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.mqtt.publish.DiscoveryCodec;
import io.gridwire.mqtt.publish.DiscoveryMessage;
import io.gridwire.mqtt.publish.Topics;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Topics and Home Assistant discovery configs of control entities (docs/mqtt.md, "Controls"):
 *
 * <pre>
 *   {state}/{device}/command/{item}          Home Assistant publishes here (subscribed: {state}/+/command/+)
 *   {state}/{device}/command/{item}/state    the ledger state of the item's last command (retained JSON)
 *   {discovery}/{select|number|switch|button}/gridwire_{device}_{item}/config
 * </pre>
 *
 * A select, number or switch reads its current value from the device's state topic (the value the
 * device reports, not the one asked for: it moves when the device applied the command) and is
 * {@code entity_category: config}; a number carries its bounds ({@code min}, {@code max},
 * {@code step}, unit), a switch sends {@code 1}/{@code 0}. All carry the device block and
 * availability of the device's other entities (unavailable while the device is offline) and show
 * the last command's ledger state as attributes. Pure; thread-safe.
 */
public record ControlCodec(Topics topics, DiscoveryCodec discovery) {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String PRESS = "PRESS";

  public String commandTopic(String deviceId, String item) {
    return topics.statePrefix() + "/" + Topics.topicSafe(deviceId) + "/command/" + item;
  }

  public String commandStateTopic(String deviceId, String item) {
    return commandTopic(deviceId, item) + "/state";
  }

  /** The filter the gateway subscribes to: every device's command topics (not their state topics). */
  public String commandFilter() {
    return topics.statePrefix() + "/+/command/+";
  }

  public String configTopic(String deviceId, ControlEntity e) {
    return topics.config(e.component(), Topics.uniqueId(deviceId, e.item()));
  }

  public DiscoveryMessage config(String deviceId, Device device, ControlEntity e) {
    Map<String, Object> c = discovery.entity(deviceId, device, e.item(), e.name(), e.component());
    c.put("command_topic", commandTopic(deviceId, e.item()));
    c.put("qos", 1);
    c.put("retain", false);
    switch (e.component()) {
      case ControlEntity.SELECT -> {
        c.put("options", List.copyOf(e.options().values()));
        c.put("value_template", DiscoveryCodec.enumTemplate(e.stateMetric(), e.options()));
      }
      case ControlEntity.NUMBER -> {
        c.put("min", e.bounds().min());
        c.put("max", e.bounds().max());
        c.put("step", e.bounds().step());
        if (!e.bounds().unit().isEmpty()) c.put("unit_of_measurement", e.bounds().unit());
        c.put("mode", "box");
        c.put("value_template", "{{ " + get(e.stateMetric()) + " }}");
      }
      case ControlEntity.SWITCH -> {
        c.put("payload_on", ControlEntity.ON);
        c.put("payload_off", ControlEntity.OFF);
        c.put("state_on", ControlEntity.ON);
        c.put("state_off", ControlEntity.OFF);
        c.put("value_template", "{% set v = " + get(e.stateMetric()) + " %}{{ 'None' if v is none else (v | int | string) }}");
      }
      default -> c.put("payload_press", PRESS);
    }
    if (!e.component().equals(ControlEntity.BUTTON)) {
      c.put("state_topic", topics.state(deviceId));
      c.put("entity_category", "config");
    }
    c.put("json_attributes_topic", commandStateTopic(deviceId, e.item()));
    return new DiscoveryMessage(configTopic(deviceId, e), bytes(c));
  }

  private static String get(String metric) {
    return "value_json.get('" + metric.replace("'", "").replace("\\", "") + "')";
  }

  static byte[] bytes(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
