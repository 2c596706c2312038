package io.gridwire.wsdevice.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the connector's small messages: a device's first (auth) message, the notices
 * sent to devices, request bodies of the session API and the requests between nodes (snake_case
 * fields). Input is bounded like the web module's: nesting 32, strings 64 Ki characters, numbers 100
 * digits. Telemetry has its own, per-config bounds ({@link DeviceMessageParser}). Thread-safe.
 */
public final class WireJson {
  private WireJson() {}

  public static final ObjectMapper MAPPER = create();

  /** The content type of a JSON answer written by the connector itself (not through the web server's routes). */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private static ObjectMapper create() {
    // Virtual threads make Jackson's default thread-local buffer recycling useless: share a pool.
    JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(64 * 1024)
            .maxNumberLength(100).build())
        .build();
    return JsonMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
