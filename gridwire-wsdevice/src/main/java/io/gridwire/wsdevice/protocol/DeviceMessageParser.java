package io.gridwire.wsdevice.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gridwire.core.reading.NumberText;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns a device's text message into a {@link DeviceMessage}. Pure and thread-safe.
 *
 * <p>Telemetry rules: numbers and booleans become values, strings text values, {@code null}
 * no-data; nested objects are flattened with {@code _} ({@code {"bms":{"soc":80}}} →
 * {@code bms_soc}), arrays by index ({@code cells_0}). {@code "timestamp"} (ISO-8601 with or
 * without offset — none means UTC —, or epoch seconds/milliseconds) is the reading's time (an
 * impossible one is replaced, see {@link DeviceTimestamp}); absent
 * or unreadable, the receive time is used.
 */
public final class DeviceMessageParser {
  private static final int MAX_VALUES = 2000;
  private final int maxBytes;
  private final ObjectMapper mapper;

  public DeviceMessageParser(int maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    JsonFactory f = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
            .maxStringLength(maxBytes).maxNumberLength(100).build())
        .build();
    this.mapper = JsonMapper.builder(f).build();
  }

  public DeviceMessage parse(String text, String deviceId, Instant receivedAt) {
    if (utf8Length(text) > maxBytes) {
      return new DeviceMessage.Invalid("too_large", "message larger than " + maxBytes + " bytes");
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (StreamConstraintsException e) {
      if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
        return new DeviceMessage.Invalid("too_deep", "message nested deeper than allowed");
      }
      return new DeviceMessage.Invalid("value_too_long", "a number longer than 100 digits or a string longer than the message bound");
    } catch (IOException e) {
      return new DeviceMessage.Invalid("not_json", "message is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      return new DeviceMessage.Invalid("not_object", "a device message must be a JSON object");
    }
    if ("hello".equals(root.path("type").asText(null))) return hello(root);
    JsonNode cid = root.get("command_id");
    if (cid != null && cid.isValueNode() && !cid.asText().isEmpty()) return new DeviceMessage.Reply(cid.asText(), text);
    return telemetry(root, deviceId, receivedAt);
  }

  private static DeviceMessage hello(JsonNode root) {
    return new DeviceMessage.Hello(text(root, "kind"), text(root, "name"), text(root, "site"), text(root, "model"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) return null;
    String s = v.asText().trim();
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  private static DeviceMessage telemetry(JsonNode root, String deviceId, Instant receivedAt) {
    DeviceTimestamp ts = DeviceTimestamp.of(root.get("timestamp"), receivedAt);
    Reading.Builder b = Reading.builder(deviceId, ts.at(), receivedAt);
    Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator();
    int[] count = {0};
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("timestamp")) continue;
      flatten(b, e.getKey().trim(), e.getValue(), count);
    }
    if (b.isEmpty()) return new DeviceMessage.Invalid("empty", "message holds no values");
    return new DeviceMessage.Telemetry(b.build(), ts.problem());
  }

  private static void flatten(Reading.Builder b, String name, JsonNode v, int[] count) {
    if (name.isEmpty() || count[0] >= MAX_VALUES) return;
    if (v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) flatten(b, name + "_" + e.getKey().trim(), e.getValue(), count);
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) flatten(b, name + "_" + i, v.get(i), count);
    } else {
      count[0]++;
      if (v.isNumber()) b.put(name, v.asDouble()); // non-finite (-1e999): out_of_range
      else if (v.isBoolean()) b.put(name, v.asBoolean());
      else if (NumberText.isNonFinite(v.textValue())) b.put(name, Value.OUT_OF_RANGE); // "NaN", "-Infinity"
      else if (v.isTextual()) b.put(name, v.asText());
      else b.put(name, Value.ABSENT);
    }
  }

  private int utf8Length(String s) {
    // Cheap bound first: n chars need at most 3n UTF-8 bytes.
    if ((long) s.length() * 3 <= maxBytes) return s.length();
    if (s.length() > maxBytes) return s.length();
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
