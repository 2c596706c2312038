package io.gridwire.mqtt.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.mqtt.forward.RawForward;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Raw forwarding on the gateway's own connection: forward topics reach the listener untouched and
 * exactly once, datalogger topics that are also forward topics are ingested and forwarded, other
 * topics are not forwarded, and the forward filters come back after a broker restart.
 */
class RawForwardIT {

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void forwardTopics_reachListenerOnce_overlapWithIngestFeedsBoth(TestBroker.Kind kind) {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      String tele = "itfw" + h.run + "/tele";
      List<String> got = new CopyOnWriteArrayList<>();
      h.start(new RawForward(List.of(tele + "/+/SENSOR", h.site + "/datalogger/+/+/input"),
          (topic, payload) -> got.add(topic + " " + new String(payload, StandardCharsets.UTF_8))));

      h.pub(tele + "/kitchen/SENSOR", "{\"t\":21.5,\"unit\":\"°C\"}");
      h.pub(tele + "/kitchen/STATE", "{\"power\":\"ON\"}");
      h.pub(h.topic("monstro", "1", "heartbeat"), "{\"serial_number\":\"MON-F\"}");
      h.pub(h.topic("monstro", "1", "input"), "{\"serial_number\":\"MON-F\",\"battery_voltage\":24.5}");

      await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 2 && h.got.size() >= 1);
      // Late duplicates (overlapping subscriptions) would show up within this pause.
      await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> true);
      assertThat(got).containsExactlyInAnyOrder(
          tele + "/kitchen/SENSOR {\"t\":21.5,\"unit\":\"°C\"}",
          h.topic("monstro", "1", "input") + " {\"serial_number\":\"MON-F\",\"battery_voltage\":24.5}");
      assertThat(h.got).hasSize(1);
      assertThat(h.got.get(0).deviceId()).isEqualTo("MON-F");
      assertThat(h.gateway.ingest().counters().rejectedByReason())
          .as("forward-only topics never reach ingest").containsEntry("malformed_topic", 0L);
      @SuppressWarnings("unchecked")
      var status = (java.util.Map<String, Object>) h.gateway.status().get("forward");
      assertThat(status).containsEntry("forwarded", 2L);
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void brokerRestart_forwardFiltersAreSubscribedAgain(TestBroker.Kind kind) {
    try (TestBroker broker = TestBroker.privateOne(kind); Harness h = new Harness(broker)) {
      String topic = "itfw" + h.run + "/meter/1";
      List<String> got = new CopyOnWriteArrayList<>();
      h.start(new RawForward(List.of("itfw" + h.run + "/#"),
          (t, payload) -> got.add(new String(payload, StandardCharsets.UTF_8))));
      h.pub(topic, "before");
      await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("before"));

      broker.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> !h.gateway.health().ok());
      broker.restart();
      // The restarted broker forgot the session: only our resubscription brings the topic back.
      await().atMost(Duration.ofSeconds(15)).until(() -> h.gateway.connection().readyCount() >= 2);
      h.pub(topic, "after");
      await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("after"));
      assertThat(got).containsExactly("before", "after");
    }
  }
}
