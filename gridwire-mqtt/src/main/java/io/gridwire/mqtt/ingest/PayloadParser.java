package io.gridwire.mqtt.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.reading.NumberText;
import io.gridwire.core.reading.Value;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an ingest payload into an {@link IngestPayload}: size checked before parsing, nesting
 * bounded by the JSON reader, nested objects flattened with {@code _}
 * ({@code {"ai":{"ch1":4.2}}} → {@code ai_ch1 = 4.2}), keys made snake_case. Thread-safe.
 */
public final class PayloadParser {
  static final String SERIAL = "serial_number";
  static final String TIMESTAMP = "timestamp";
  private static final int MAX_FIELDS = 1024;

  private final int maxBytes;
  private final int maxDepth;
  private final ObjectMapper mapper;

  /**
   * @param maxBytes larger payloads are rejected unread
   * @param maxDepth deepest nesting allowed (the top-level object is depth 1)
   */
  public PayloadParser(int maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    JsonFactory f = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
        .build();
    this.mapper = new ObjectMapper(f);
  }

  public IngestPayload parse(byte[] payload) {
    if (payload.length > maxBytes) {
      return new IngestPayload.Rejected(RejectReason.OVERSIZE, payload.length + " bytes > " + maxBytes);
    }
    JsonNode root;
    try {
      root = mapper.readTree(payload);
    } catch (StreamConstraintsException e) {
      return new IngestPayload.Rejected(RejectReason.TOO_DEEP, "nesting deeper than " + maxDepth);
    } catch (JsonProcessingException e) {
      return new IngestPayload.Rejected(RejectReason.NOT_JSON, e.getOriginalMessage());
    } catch (IOException e) {
      return new IngestPayload.Rejected(RejectReason.NOT_JSON, e.toString());
    }
    if (root == null || !root.isObject()) {
      return new IngestPayload.Rejected(RejectReason.NOT_JSON, "payload is not a JSON object");
    }
    JsonNode serialNode = root.get(SERIAL);
    String serial = serialNode == null || serialNode.isNull() || serialNode.isContainerNode() ? null
        : serialNode.asText().trim();
    if (serial == null || serial.isEmpty()) {
      return new IngestPayload.Rejected(RejectReason.NO_SERIAL, "no serial_number");
    }
    Map<String, Value> values = new LinkedHashMap<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    flatten("", root, values, attributes);
    return new IngestPayload.Parsed(serial, timestamp(root.get(TIMESTAMP)), values, attributes);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Value> values, Map<String, String> attrs) {
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext() && values.size() + attrs.size() < MAX_FIELDS) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + metricName(e.getKey());
      if (prefix.isEmpty() && (e.getKey().equals(SERIAL) || e.getKey().equals(TIMESTAMP))) continue;
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(key + "_", v, values, attrs);
      } else if (v.isNumber()) {
        Value n = Value.of(v.doubleValue()); // 1e999, 400 digits: out_of_range, never text
        values.put(key, n);
        if (!n.isNoData()) attrs.put(key, v.asText());
      } else if (v.isBoolean()) {
        values.put(key, Value.of(v.booleanValue()));
        attrs.put(key, v.asText());
      } else if (v.isNull()) {
        values.put(key, Value.ABSENT);
      } else if (NumberText.isNonFinite(v.textValue())) {
        values.put(key, Value.OUT_OF_RANGE); // "NaN", "Infinity", "1e999" as a string: no-data, not text
      } else if (v.isTextual()) {
        attrs.put(key, v.textValue());
        // an alarm's severity and name travel with its state (docs/alarms.md, payload alarms)
        if (key.startsWith("alarms_")) values.put(key, Value.of(v.textValue()));
      }
    }
  }

  /** A JSON key as a snake_case metric name: lower case, anything but {@code [a-z0-9_]} → {@code _}. */
  public static String metricName(String key) {
    StringBuilder b = new StringBuilder(key.length());
    String lower = key.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return b.isEmpty() ? "_" : b.toString();
  }

  /** ISO-8601 with or without offset (UTC assumed without), or epoch seconds/milliseconds. */
  static Instant timestamp(JsonNode node) {
    if (node == null || node.isNull()) return null;
    if (node.isNumber()) {
      double v = node.doubleValue();
      if (v <= 0 || Double.isNaN(v)) return null;
      return v > 1e12 ? Instant.ofEpochMilli((long) v) : Instant.ofEpochMilli((long) (v * 1000));
    }
    if (!node.isTextual()) return null;
    String s = node.textValue().trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
