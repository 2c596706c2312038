package io.gridwire.uplink.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.store.InMemoryQueue;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxConfig;
import io.gridwire.uplink.sim.ReceivedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared builders for uplink tests: fast timers, numbered readings, order checks. */
public final class UplinkFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UplinkFixture() {}

  public static final UplinkTiming FAST = new UplinkTiming(Duration.ofMillis(300), Duration.ofMillis(600),
      Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100),
      Duration.ofMillis(400));

  public static UplinkSettings config(URI url, Path dataDir, DeliveryConfig delivery) {
    OutboxConfig outbox = new OutboxConfig(dataDir, OutboxBounds.DEFAULT, false, 65_536);
    return UplinkSettings.of(url, "gw-test", "s3cret-value").withOutbox(outbox).withTiming(FAST).withDelivery(delivery);
  }

  /** An outbox in memory with the bounds of {@code config}. */
  public static DurableQueue queue(UplinkSettings config) {
    return new InMemoryQueue(config.outbox().bounds().queue("uplink.outbox_max_messages, uplink.outbox_max_bytes"));
  }

  public static Bus<Reading> readingBus() {
    return new Bus<>("readings", Reading::deviceId);
  }

  public static Bus<Event> eventBus() {
    return new Bus<>("events", e -> String.valueOf(e.deviceId()));
  }

  /** Reading number {@code n} of {@code device}: one metric {@code n}. */
  public static Reading reading(String device, int n) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusMillis(n);
    return Reading.builder(device, t, t).put("n", n).build();
  }

  /** device → the {@code n} values in the order given. */
  public static Map<String, List<Integer>> numbersByDevice(List<ReceivedMessage> messages) {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (ReceivedMessage m : messages) {
      try {
        JsonNode body = JSON.readTree(m.message());
        out.computeIfAbsent(body.path("device_id").asText(), k -> new ArrayList<>())
            .add(body.path("values").path("n").asInt());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  public static List<Integer> range(int from, int toExclusive) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < toExclusive; i++) out.add(i);
    return out;
  }
}
