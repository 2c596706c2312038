package io.gridwire.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** String maps (device attributes, event data) and alarm values as JSON text columns. */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<java.util.LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {};

  private JsonColumns() {}

  static String write(Map<String, String> map) {
    try {
      return MAPPER.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + map.keySet(), e);
    }
  }

  /** Alarm values: plain JSON scalars (Double, Boolean, String, null) by metric. */
  static String writeValues(Map<String, Object> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + values.keySet(), e);
    }
  }

  static Map<String, Object> readValues(String json) {
    if (json == null || json.isEmpty()) return Map.of();
    try {
      return MAPPER.readValue(json, VALUES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored alarm values are not a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, String> read(String json) {
    if (json == null || json.isEmpty()) return Map.of();
    try {
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a string map: " + e.getOriginalMessage(), e);
    }
  }
}
