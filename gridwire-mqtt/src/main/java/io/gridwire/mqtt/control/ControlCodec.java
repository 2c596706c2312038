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
 *   {discovery}/select/gridwire_{device}_{item}/config
 *   {discovery}/button/gridwire_{device}_{item}/config
 * </pre>
 *
 * A select reads its current option from the device's state topic (the value the device reports),
 * is {@code entity_category: config}; both carry the device block and availability of the
 * device's other entities and show the last command's state as attributes. Pure; thread-safe.
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
    if (e.select()) {
      c.put("options", List.copyOf(e.options().values()));
      c.put("state_topic", topics.state(deviceId));
      c.put("value_template", DiscoveryCodec.enumTemplate(e.stateMetric(), e.options()));
      c.put("entity_category", "config");
    } else {
      c.put("payload_press", PRESS);
    }
    c.put("json_attributes_topic", commandStateTopic(deviceId, e.item()));
    return new DiscoveryMessage(configTopic(deviceId, e), bytes(c));
  }

  static byte[] bytes(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
