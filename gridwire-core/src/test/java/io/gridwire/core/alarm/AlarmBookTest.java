package io.gridwire.core.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlarmBookTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final MutableClock clock = new MutableClock();
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final List<Event> got = new CopyOnWriteArrayList<>();
  private final MapAlarmStore store = new MapAlarmStore();
  private AlarmBook book;

  AlarmBookTest() {
    events.subscribe("t", SubscriberOptions.durable(1000), got::add);
    book = newBook();
  }

  private AlarmBook newBook() {
    return new AlarmBook(events, store, clock, Duration.ofSeconds(10), id -> "plant-a");
  }

  @AfterEach
  void close() {
    book.close();
    events.close();
  }

  private static AlarmSignal oil(boolean on, double pressure) {
    return new AlarmSignal("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown", on,
        T0, Map.of("oil_pressure", pressure));
  }

  private List<Event> drained() throws InterruptedException {
    events.awaitDrained(Duration.ofSeconds(5));
    return got;
  }

  /** A device that invents a new payload alarm id per message cannot grow the list without bound. */
  @Test
  void report_deviceBeyondActiveCap_refusesNewAlarmsAndCountsThem() throws Exception {
    for (int i = 0; i < AlarmBook.MAX_ACTIVE_PER_DEVICE + 50; i++) {
      book.report(new AlarmSignal("logger-1", "a" + i, "A " + i, Severity.WARNING, "device", true, T0, Map.of()));
    }
    book.report(oil(true, 80)); // another device is not affected
    assertThat(book.size()).isEqualTo(AlarmBook.MAX_ACTIVE_PER_DEVICE + 1);
    assertThat(book.refused()).isEqualTo(50);
    // one clears: a new one fits again
    book.report(new AlarmSignal("logger-1", "a0", "A 0", Severity.WARNING, "device", false, T0, Map.of()));
    clock.advance(Duration.ofSeconds(11));
    book.tick();
    book.report(new AlarmSignal("logger-1", "fresh", "Fresh", Severity.WARNING, "device", true, T0, Map.of()));
    assertThat(book.list(AlarmFilter.ALL).stream().filter(a -> a.alarmId().equals("fresh"))).hasSize(1);
    assertThat(book.refused()).isEqualTo(50);
  }

  @Test
  void report_bitGoesOn_raisesOnceWithContractKeys() throws Exception {
    book.report(oil(true, 80));
    book.report(oil(true, 75));

    assertThat(drained()).hasSize(1);
    Event e = got.get(0);
    assertThat(e.type()).isEqualTo(EventType.ALARM_RAISED);
    assertThat(e.deviceId()).isEqualTo("gen-1");
    assertThat(e.data()).containsEntry("alarm_id", "shutdown_low_oil_pressure").containsEntry("name", "Low oil pressure")
        .containsEntry("severity", "critical").containsEntry("class", "shutdown").containsEntry("site", "plant-a")
        .containsEntry("value.oil_pressure", "80.0");
    assertThat(book.list(AlarmFilter.ALL)).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlarmState.ACTIVE));
  }

  @Test
  void report_bitOffHeldLongerThanHold_clearsOnTick() throws Exception {
    book.report(oil(true, 80));
    book.report(oil(false, 400));
    clock.advance(Duration.ofSeconds(9));
    book.tick();
    assertThat(book.list(AlarmFilter.ALL)).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    book.tick();

    assertThat(book.list(AlarmFilter.ALL)).isEmpty();
    assertThat(drained()).extracting(Event::type).containsExactly(EventType.ALARM_RAISED, EventType.ALARM_CLEARED);
    assertThat(got.get(1).data()).containsEntry("value.oil_pressure", "400.0").containsEntry("flaps", "0");
  }

  @Test
  void report_flappingEveryPoll_countedWithoutEventStorm() throws Exception {
    for (int i = 0; i < 50; i++) {
      book.report(oil(i % 2 == 0, 80));
      clock.advance(Duration.ofSeconds(1));
      book.tick();
    }

    assertThat(drained()).extracting(Event::type).containsExactly(EventType.ALARM_RAISED);
    assertThat(book.list(AlarmFilter.ALL).get(0).flaps()).isEqualTo(24);
  }

  @Test
  void deviceOffline_activeAlarm_becomesUnknownNotCleared() throws Exception {
    book.report(oil(true, 80));
    book.deviceOffline("gen-1");
    clock.advance(Duration.ofMinutes(5));
    book.tick();

    assertThat(book.list(AlarmFilter.ALL)).singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlarmState.UNKNOWN));
    book.report(oil(true, 80));
    assertThat(book.list(AlarmFilter.ALL).get(0).state()).isEqualTo(AlarmState.ACTIVE);
    assertThat(drained()).extracting(Event::type).containsExactly(EventType.ALARM_RAISED);
  }

  @Test
  void restart_activeAlarmInStore_neitherForgottenNorRaisedAgain() throws Exception {
    book.report(oil(true, 80));
    book.acknowledge("gen-1:shutdown_low_oil_pressure", "op@example.com");
    book.flush(Duration.ofSeconds(5));
    book.close();

    book = newBook();
    book.report(oil(true, 80));

    assertThat(book.list(AlarmFilter.ALL)).singleElement().satisfies(a -> {
      assertThat(a.ackedBy()).isEqualTo("op@example.com");
      assertThat(a.values()).containsEntry("oil_pressure", 80.0);
    });
    assertThat(drained()).extracting(Event::type).containsExactly(EventType.ALARM_RAISED);
  }

  @Test
  void acknowledge_thenClearsAndComesBack_raisedAgainUnacknowledged() throws Exception {
    book.report(oil(true, 80));
    assertThat(book.acknowledge("gen-1:shutdown_low_oil_pressure", "admin@example.com")).isPresent();
    assertThat(book.list(AlarmFilter.ALL).get(0).ackedAt()).isEqualTo(clock.instant());
    book.report(oil(false, 400));
    clock.advance(Duration.ofSeconds(10));
    book.report(oil(false, 400));

    book.report(oil(true, 70));

    assertThat(drained()).extracting(Event::type)
        .containsExactly(EventType.ALARM_RAISED, EventType.ALARM_CLEARED, EventType.ALARM_RAISED);
    assertThat(book.list(AlarmFilter.ALL).get(0).acknowledged()).isFalse();
    assertThat(book.acknowledge("gen-1:nope", "x")).isEmpty();
  }

  @Test
  void list_filters_bySiteDeviceAndSeverity() {
    book.report(oil(true, 80));
    book.report(new AlarmSignal("gen-2", "warning_low_fuel_level", "Low fuel level", Severity.WARNING, "warning", true,
        T0, Map.of()));

    assertThat(book.list(new AlarmFilter(null, null, Severity.WARNING))).extracting(ActiveAlarm::deviceId)
        .containsExactly("gen-2");
    assertThat(book.list(new AlarmFilter("plant-a", "gen-1", null))).hasSize(1);
    assertThat(book.list(new AlarmFilter("elsewhere", null, null))).isEmpty();
    assertThat(book.list(AlarmFilter.ALL)).extracting(ActiveAlarm::severity)
        .containsExactly(Severity.CRITICAL, Severity.WARNING);
  }

  /** A clock tests move by hand (core cannot use the testkit's, which depends on core). */
  static final class MutableClock extends Clock {
    private volatile Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
