package io.gridwire.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.retry.Backoff;
import io.gridwire.notify.AlarmEvents;
import io.gridwire.notify.MemoryDeliveryQueue;
import io.gridwire.notify.NoticeFilter;
import io.gridwire.testkit.FreePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierIT {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> e.deviceId() == null ? "" : e.deviceId());
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing.reversed()) c.close();
    events.close();
  }

  private WebhookNotifier webhook(String name, int port, MemoryDeliveryQueue queue, NoticeFilter filter) {
    return webhook(name, port, queue, filter, Duration.ofSeconds(3));
  }

  private WebhookNotifier webhook(String name, int port, MemoryDeliveryQueue queue, NoticeFilter filter, Duration timeout) {
    WebhookConfig c = new WebhookConfig(name, "http://127.0.0.1:" + port + "/hook", "Bearer t",
        filter.severities().stream().map(io.gridwire.core.alarm.Severity::wireName).toList(), filter.sites(), timeout);
    WebhookNotifier n = new WebhookNotifier(c, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), queue).start(events);
    closing.add(n);
    return n;
  }

  private void publish(int from, int to) {
    for (int i = from; i < to; i++) {
      events.publish(i % 2 == 0 ? AlarmEvents.raised(T.plusSeconds(i), "gen-" + i, "low_oil", "critical", "north", "0." + i)
          : AlarmEvents.cleared(T.plusSeconds(i), "gen-" + (i - 1), "low_oil", "critical", "north"));
    }
  }

  private static List<String> expectedIds(int from, int to) {
    List<String> expected = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String type = i % 2 == 0 ? "alarm_raised" : "alarm_cleared";
      expected.add("gen-" + (i - i % 2) + "/low_oil/" + type + "/" + T.plusSeconds(i).toEpochMilli());
    }
    return expected;
  }

  private static List<String> ids(List<String> bodies) throws Exception {
    ObjectMapper m = new ObjectMapper();
    List<String> ids = new ArrayList<>();
    for (String b : bodies) ids.add(m.readTree(b).get("id").asText());
    return ids;
  }

  @Test
  void webhook_receiverDownThen500Then200_everyEventOnceInOrder() throws Exception {
    int port = FreePorts.next();
    MemoryDeliveryQueue queue = new MemoryDeliveryQueue(1000);
    webhook("ops", port, queue, NoticeFilter.ALL);
    publish(0, 20); // receiver down: connection refused, all stay queued
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 20);
    try (WebhookReceiver r = new WebhookReceiver(port)) {
      r.mode = WebhookReceiver.Mode.FAIL;
      await().atMost(Duration.ofSeconds(5)).until(() -> r.attempts.get() >= 3);
      publish(20, 30);
      assertThat(r.accepted()).isEmpty();
      r.mode = WebhookReceiver.Mode.OK;
      await().atMost(Duration.ofSeconds(10)).until(() -> r.accepted().size() >= 30);
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> queue.size() == 0);
      assertThat(ids(r.accepted())).containsExactlyElementsOf(expectedIds(0, 30));
      var first = new ObjectMapper().readTree(r.accepted().get(0));
      assertThat(first.get("severity").asText()).isEqualTo("critical");
      assertThat(first.get("site").asText()).isEqualTo("north");
      assertThat(first.get("values").get("oil_pressure").asText()).isEqualTo("0.0");
    }
  }

  @Test
  void webhook_receiverHangs_otherWebhookAndBusGoOn() throws Exception {
    int hangPort = FreePorts.next();
    int okPort = FreePorts.next();
    try (WebhookReceiver hang = new WebhookReceiver(hangPort); WebhookReceiver ok = new WebhookReceiver(okPort)) {
      hang.mode = WebhookReceiver.Mode.HANG;
      MemoryDeliveryQueue stuck = new MemoryDeliveryQueue(1000);
      webhook("slow", hangPort, stuck, NoticeFilter.ALL, Duration.ofMillis(300));
      webhook("fast", okPort, new MemoryDeliveryQueue(1000), NoticeFilter.ALL);
      long t0 = System.nanoTime();
      publish(0, 40);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
      // At least once: a POST answered after the timeout is sent again, so count distinct ids.
      await().atMost(Duration.ofSeconds(10)).until(() -> ids(ok.accepted()).stream().distinct().count() == 40);
      assertThat(ids(ok.accepted()).stream().distinct().toList()).hasSize(40).isEqualTo(expectedIds(0, 40));
      assertThat(hang.accepted()).isEmpty();
      assertThat(stuck.size()).isEqualTo(40); // kept for when the receiver answers again
    }
  }

  @Test
  void webhook_filter_sendsOnlyMatchingSeverityAndSite() throws Exception {
    int port = FreePorts.next();
    try (WebhookReceiver r = new WebhookReceiver(port)) {
      webhook("north-critical", port, new MemoryDeliveryQueue(100),
          new NoticeFilter(java.util.Set.of(io.gridwire.core.alarm.Severity.CRITICAL), List.of("north")));
      events.publish(AlarmEvents.raised(T, "a", "x", "warning", "north", null));
      events.publish(AlarmEvents.raised(T, "b", "x", "critical", "south", null));
      events.publish(AlarmEvents.raised(T, "c", "x", "critical", "north", null));
      await().atMost(Duration.ofSeconds(5)).until(() -> r.accepted().size() == 1);
      events.awaitDrained(Duration.ofSeconds(2));
      assertThat(ids(r.accepted())).containsExactly("c/x/alarm_raised/" + T.toEpochMilli());
    }
  }
}
