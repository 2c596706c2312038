package io.gridwire.store.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.device.Device;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.NoDataReason;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readings in Redis. Pure and thread-safe.
 *
 * <pre>
 *  hash device:{id}:metrics   device_id, node, timestamp, received_at (ISO-8601 UTC),
 *                             one field per metric holding a JSON value (24.5, true, "eco", null),
 *                             _no_data: {"metric": "sentinel"} when some value is no-data,
 *                             site_code, device_type, online, error (as the standalone poller's hash has them;
 *                             JSON values, written on registration and presence changes); a metric
 *                             named like one of these fields is kept as _metric_{name}
 *  channel metrics:updates    the /ws/metrics message {"type":"reading","node":…,"data":{device_id,
 *                             timestamp, received_at, values, no_data, units}}
 * </pre>
 */
final class ReadingCodec {
  static final String NO_DATA = "_no_data";
  private static final java.util.Set<String> NOT_METRICS =
      java.util.Set.of("device_id", "node", "timestamp", "received_at", NO_DATA, "site_code", "device_type", "online", "error");
  /** A metric whose name is one of the hash's own fields is kept under this prefix instead. */
  static final String RESERVED_METRIC = "_metric_";
  private final ObjectMapper mapper = new ObjectMapper();

  private static String field(String metric) {
    return NOT_METRICS.contains(metric) || metric.startsWith(RESERVED_METRIC) ? RESERVED_METRIC + metric : metric;
  }

  private static String metric(String field) {
    return field.startsWith(RESERVED_METRIC) ? field.substring(RESERVED_METRIC.length()) : field;
  }

  Map<String, String> toHash(Reading r, String node) {
    Map<String, String> h = new LinkedHashMap<>();
    ObjectNode noData = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, Value> e : r.values().entrySet()) {
      h.put(field(e.getKey()), literal(e.getValue()));
      if (e.getValue() instanceof Value.NoData nd) noData.put(e.getKey(), nd.reason().wireName());
    }
    if (!noData.isEmpty()) h.put(NO_DATA, noData.toString());
    h.put("device_id", r.deviceId());
    h.put("node", node);
    h.put("timestamp", r.timestamp().toString());
    h.put("received_at", r.receivedAt().toString());
    return h;
  }

  /** The listing and presence fields of a device's hash. */
  Map<String, String> presenceFields(Device d) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("device_id", d.id());
    h.put("site_code", JsonNodeFactory.instance.textNode(d.site()).toString());
    h.put("device_type", JsonNodeFactory.instance.textNode(d.kind()).toString());
    h.put("online", Boolean.toString(d.online()));
    h.put("error", d.error() == null ? "null" : JsonNodeFactory.instance.textNode(d.error()).toString());
    return h;
  }

  private static String literal(Value v) {
    return switch (v) {
      case Value.Num n -> n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15
          ? Long.toString((long) n.value()) : Double.toString(n.value());
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Text t -> JsonNodeFactory.instance.textNode(t.value()).toString();
      case Value.NoData ignored -> "null";
    };
  }

  /** The reading kept in a latest-values hash, or null when the hash is not one. */
  Reading fromHash(Map<String, String> h) throws IOException {
    String id = h.get("device_id");
    if (id == null || h.get("received_at") == null) return null;
    JsonNode noData = h.containsKey(NO_DATA) ? mapper.readTree(h.get(NO_DATA)) : null;
    Reading.Builder b = Reading.builder(id, Instant.parse(h.getOrDefault("timestamp", h.get("received_at"))),
        Instant.parse(h.get("received_at")));
    for (Map.Entry<String, String> e : h.entrySet()) {
      String k = e.getKey();
      if (NOT_METRICS.contains(k)) continue;
      String m = metric(k);
      b.put(m, value(mapper.readTree(e.getValue()), noData == null ? null : noData.get(m)));
    }
    return b.build();
  }

  /** Decodes a {@code metrics:updates} message; {@code node} and the reading. */
  Decoded fromMessage(String message) throws IOException {
    JsonNode root = mapper.readTree(message);
    JsonNode d = root.path("data");
    String id = d.path("device_id").asText(null);
    if (!"reading".equals(root.path("type").asText()) || id == null) return null;
    Instant received = Instant.parse(d.path("received_at").asText());
    Reading.Builder b = Reading.builder(id, Instant.parse(d.path("timestamp").asText(received.toString())), received);
    JsonNode noData = d.path("no_data");
    for (Map.Entry<String, JsonNode> e : d.path("values").properties()) b.put(e.getKey(), value(e.getValue(), noData.get(e.getKey())));
    Map<String, MetricInfo> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : d.path("units").properties()) {
      if (e.getValue().isTextual()) metrics.put(e.getKey(), MetricInfo.of(e.getKey(), null, e.getValue().asText()));
    }
    return new Decoded(root.path("node").asText(""), b.build(), metrics);
  }

  /** A {@code metrics:updates} message: the origin node, the reading, the units it carried as metric descriptions. */
  record Decoded(String node, Reading reading, Map<String, MetricInfo> metrics) {}

  private static Value value(JsonNode v, JsonNode reason) {
    if (v == null || v.isNull()) return Value.noData(reason(reason));
    if (v.isBoolean()) return Value.of(v.asBoolean());
    if (v.isNumber()) return Value.of(v.asDouble());
    return Value.of(v.asText());
  }

  private static NoDataReason reason(JsonNode r) {
    if (r == null || !r.isTextual()) return NoDataReason.ABSENT;
    for (NoDataReason n : NoDataReason.values()) if (n.wireName().equals(r.asText())) return n;
    return NoDataReason.ABSENT;
  }
}
