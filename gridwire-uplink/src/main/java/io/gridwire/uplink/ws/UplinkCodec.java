package io.gridwire.uplink.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The uplink wire format, pure (no I/O). Data message, one per text frame:
 *
 * <pre>
 * {"id":"7f3c…-42","seq":42,"mqttTopicPrefix":"gridwire","topic":"gridwire/gen-1/state",
 *  "message":"{\"device_id\":\"gen-1\",\"timestamp\":\"…\",\"values\":{\"gen_uab\":400.1}}",
 *  "userId":"u-1","timestamp":"2026-01-05T10:00:00Z"}
 * </pre>
 *
 * {@code id} is stable across resends (receivers dedupe on it), {@code seq} orders messages of one
 * gateway outbox, {@code timestamp} is when the gateway queued the message. No secret is ever
 * part of a data message.
 */
public final class UplinkCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UplinkCodec() {}

  /** The outbox draft for a reading, or null when the filter leaves nothing to send. */
  public static QueueEntry.Draft draft(Reading r, String prefix, UplinkFilter filter, Instant now) {
    if (!filter.device(r.deviceId())) return null;
    ObjectNode values = JSON.createObjectNode();
    for (Map.Entry<String, Value> e : r.values().entrySet()) {
      if (filter.metric(e.getKey())) values.putPOJO(e.getKey(), e.getValue().toPlain());
    }
    if (values.isEmpty()) return null;
    ObjectNode msg = JSON.createObjectNode();
    msg.put("device_id", r.deviceId());
    msg.put("timestamp", r.timestamp().toString());
    msg.set("values", values);
    return QueueEntry.Draft.text(r.deviceId(), now, prefix + "/" + r.deviceId() + "/state", write(msg));
  }

  /** The outbox draft for a raw MQTT message (payload as UTF-8 text, as the add-on sent it). */
  public static QueueEntry.Draft draft(String topic, byte[] payload, Instant now) {
    return QueueEntry.Draft.text(topic, now, topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The stable id of an outbox message. */
  public static String id(String instanceId, long seq) {
    return instanceId + "-" + seq;
  }

  public static String envelope(QueueEntry e, String instanceId, String prefix, String userId) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id(instanceId, e.seq()));
    n.put("seq", e.seq());
    n.put("mqttTopicPrefix", prefix);
    n.put("topic", e.topic());
    n.put("message", e.text());
    n.put("userId", userId);
    n.put("timestamp", e.createdAt().toString());
    return write(n);
  }

  /** The one message carrying credentials, sent once right after the WebSocket opens. */
  public static String auth(String clientId, String clientSecret) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "auth");
    n.put("clientId", clientId);
    n.put("clientSecret", clientSecret);
    return write(n);
  }

  /** Parses a broker text frame; malformed JSON becomes {@code Other("malformed")}. */
  public static BrokerMessage parse(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new BrokerMessage.Other("malformed");
    }
    if (n == null || !n.isObject()) return new BrokerMessage.Other("malformed");
    String type = n.path("type").asText("");
    return switch (type) {
      case "auth_ok" -> new BrokerMessage.AuthOk(n.path("userId").asText(null), n.path("acks").asBoolean(false));
      case "auth_error" -> new BrokerMessage.AuthError(n.path("reason").asText("refused"));
      case "ack" -> new BrokerMessage.Ack(ids(n));
      default -> new BrokerMessage.Other(type);
    };
  }

  private static List<String> ids(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.hasNonNull("id")) out.add(n.get("id").asText());
    for (JsonNode id : n.path("ids")) out.add(id.asText());
    return out;
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + n.getNodeType(), e);
    }
  }
}
