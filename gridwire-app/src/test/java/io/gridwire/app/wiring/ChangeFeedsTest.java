package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.app.config.DeadbandConfig;
import io.gridwire.app.config.ReportByExceptionConfig;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.Deadband;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeFeedsTest {
  private final ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId, Reading::estimatedBytes);
  private final Bus<Event> events = new Bus<>("events", e -> e.deviceId() == null ? "" : e.deviceId());
  private final MetricCatalog catalog = new MetricCatalog();
  private ChangeFeeds feeds;

  @AfterEach
  void close() {
    if (feeds != null) feeds.close();
    readings.close();
    events.close();
  }

  private ReportByExceptionConfig config(boolean enabled, Duration heartbeat, Duration history, List<DeadbandConfig> bands) {
    return new ReportByExceptionConfig(enabled, heartbeat, history, null, null, null, null, null, 1024, bands);
  }

  private List<Map<String, Value>> sink(Bus<Reading> bus) {
    List<Map<String, Value>> got = new CopyOnWriteArrayList<>();
    bus.subscribe("sink", SubscriberOptions.durable(1000), r -> got.add(r.values()));
    return got;
  }

  private void poll(double volts, double rpm, boolean alarm) throws InterruptedException {
    readings.publish(Reading.builder("gen-1", clock.instant(), clock.instant())
        .put("volts", volts).put("rpm", rpm).put("alarm", alarm).build());
    clock.advance(Duration.ofSeconds(2));
  }

  private void drain() throws InterruptedException {
    assertThat(readings.awaitDrained(Duration.ofSeconds(5))).isTrue();
    for (var f : feeds.feeds()) assertThat(f.awaitDrained(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void forSink_configuredDeadbandOverridesProfile_profileDeadbandAppliesElsewhere() throws Exception {
    catalog.declare("gen-1", List.of(new MetricInfo("volts", "V", "V", null, null, new Deadband(50, 0)),
        new MetricInfo("rpm", "rpm", "rpm", null, null, new Deadband(10, 0))));
    feeds = new ChangeFeeds(config(true, Duration.ofMinutes(5), null, List.of(new DeadbandConfig("volts", "1"))),
        readings, events, catalog);
    List<Map<String, Value>> got = sink(feeds.forSink(null));
    poll(230, 1500, false);
    poll(230.9, 1509, false); // inside both bands
    poll(231.5, 1511, false); // volts beyond the configured 1 V; rpm beyond 10 from 1500
    poll(231.5, 1511, true);
    drain();
    assertThat(got).hasSize(3);
    assertThat(got.get(0)).containsOnlyKeys("volts", "rpm", "alarm");
    assertThat(got.get(1)).containsOnlyKeys("volts", "rpm");
    assertThat(got.get(2)).containsOnlyKeys("alarm");
  }

  @Test
  void forSink_perSinkHeartbeat_flatValuesRepeatAtEachSinksOwnInterval() throws Exception {
    feeds = new ChangeFeeds(config(true, Duration.ofMinutes(1), Duration.ofMinutes(3), List.of()), readings, events, catalog);
    List<Map<String, Value>> common = sink(feeds.forSink(null));
    List<Map<String, Value>> history = sink(feeds.forSink(Duration.ofMinutes(3)));
    for (int i = 0; i < 90; i++) poll(230, 1500, false); // 3 minutes of a flat device, every 2 s
    drain();
    assertThat(common).as("first reading, then one heartbeat at 1:00 and 2:00").hasSize(3);
    assertThat(history).as("only the first reading: 3 minutes not yet passed").hasSize(1);
    poll(230, 1500, false); // 3:00
    drain();
    assertThat(common).hasSize(4);
    assertThat(history).hasSize(2);
    assertThat(history.get(1)).containsOnlyKeys("volts", "rpm", "alarm");
  }

  @Test
  void forSink_offlineEvent_passesHeldValuesAsCommLost() throws Exception {
    feeds = new ChangeFeeds(config(true, Duration.ofMinutes(5), null, List.of()), readings, events, catalog);
    List<Map<String, Value>> got = sink(feeds.forSink(null));
    poll(230, 1500, false);
    drain();
    events.publish(new Event(clock.instant(), "gen-1", EventType.DEVICE_OFFLINE, "gen-1 is offline", Map.of()));
    assertThat(events.awaitDrained(Duration.ofSeconds(5))).isTrue();
    drain();
    assertThat(got).hasSize(2);
    assertThat(got.get(1)).containsOnlyKeys("volts", "rpm", "alarm").containsValue(Value.COMM_LOST);
  }

  @Test
  void drainAndStop_gatewayStopping_marksHeldValuesNoDataAtTheStop() throws Exception {
    feeds = new ChangeFeeds(config(true, Duration.ofMinutes(5), null, List.of()), readings, events, catalog);
    List<Map<String, Value>> got = sink(feeds.forSink(null));
    List<Boolean> gaps = new CopyOnWriteArrayList<>();
    feeds.forSink(null).subscribe("gaps", SubscriberOptions.durable(1000), r -> gaps.add(r.gap()));
    poll(230, 1500, false);
    assertThat(feeds.drainAndStop(clock.instant(), Duration.ofSeconds(5))).isTrue();
    assertThat(got).hasSize(2);
    assertThat(got.get(1)).containsOnlyKeys("volts", "rpm", "alarm").containsValue(Value.COMM_LOST);
    assertThat(gaps).as("the stop is a gap: history stores one mark for it").containsExactly(false, true);
  }

  @Test
  void forSink_disabled_sinksReadTheConnectorsBus() {
    feeds = new ChangeFeeds(config(false, Duration.ofMinutes(5), null, List.of()), readings, events, catalog);
    assertThat(feeds.forSink(null)).isSameAs(readings);
    assertThat(feeds.buses()).isEmpty();
  }
}
