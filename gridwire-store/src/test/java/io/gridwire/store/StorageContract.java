package io.gridwire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.admission.PendingDevice;
import io.gridwire.core.alarm.ActiveAlarm;
import io.gridwire.core.alarm.AlarmState;
import io.gridwire.core.alarm.Severity;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.EventQuery;
import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.port.Retention;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.core.user.Role;
import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The behaviour every storage vendor must show; subclasses provide a fresh database per test. */
abstract class StorageContract {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  protected final ManualClock clock = new ManualClock(T0);
  protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** A configuration pointing at a fresh, empty database of this vendor. */
  protected abstract StoreSettings config();

  /** Runs a statement directly on the database of {@link #config()}, bypassing the store. */
  protected abstract void sql(String statement) throws Exception;

  /** The table a history append writes (renamed away, appends fail). */
  protected String appendTable() {
    return "history";
  }

  protected Storage open(StoreSettings cfg) {
    Storage s = Storage.open(cfg, clock, meters);
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeOpened() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
  }

  private static HistoryQuery query(Instant from, Instant to, Duration step) {
    return new HistoryQuery("d1", "p", from, to, step, 100_000);
  }

  static void assertPoints(List<HistoryPoint> actual, List<HistoryPoint> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      HistoryPoint a = actual.get(i);
      HistoryPoint e = expected.get(i);
      assertThat(a.time()).as("time of point %d", i).isEqualTo(e.time());
      assertThat(a.count()).as("count at %s", a.time()).isEqualTo(e.count());
      assertThat(a.avg()).as("avg at %s", a.time()).isCloseTo(e.avg(), within(1e-9));
      assertThat(a.min()).as("min at %s", a.time()).isEqualTo(e.min());
      assertThat(a.max()).as("max at %s", a.time()).isEqualTo(e.max());
    }
  }

  @Test
  void runtimeConfig_devicesPerNodeAndProfiles_surviveReopen() {
    StoreSettings cfg = config();
    Storage s = open(cfg);
    var rt = s.runtimeConfig();
    var a1 = new io.gridwire.core.port.RuntimeConfigStore.StoredDevice("gen-2", "modbus", "node-a",
        "{\"id\":\"gen-2\",\"unit_id\":2}", T0, "op@example.com");
    rt.saveDevice(a1);
    rt.saveDevice(new io.gridwire.core.port.RuntimeConfigStore.StoredDevice("gen-3", "modbus", "node-b", "{}", T0, null));
    var a1changed = new io.gridwire.core.port.RuntimeConfigStore.StoredDevice("gen-2", "modbus", "node-a",
        "{\"id\":\"gen-2\",\"unit_id\":7}", T0.plusSeconds(5), "other@example.com");
    rt.saveDevice(a1changed);
    rt.saveDevice(new io.gridwire.core.port.RuntimeConfigStore.StoredDevice("gen-4", "modbus", "node-a", "{}", T0, null));
    assertThat(rt.deleteDevice("gen-4")).isTrue();
    assertThat(rt.deleteDevice("gen-4")).isFalse();
    var profile = new io.gridwire.core.port.RuntimeConfigStore.StoredProfile("meter-x", "name: meter-x\n", T0, "op@example.com");
    rt.saveProfile(profile);
    s.close();

    Storage back = open(cfg);
    assertThat(back.runtimeConfig().devices("node-a")).containsExactly(a1changed);
    assertThat(back.runtimeConfig().devices("node-b")).extracting(d -> d.id()).containsExactly("gen-3");
    assertThat(back.runtimeConfig().profiles()).containsExactly(profile);
  }

  @Test
  void alarms_upsertAckDelete_survivesReopen() {
    StoreSettings cfg = config();
    Storage s = open(cfg);
    ActiveAlarm oil = new ActiveAlarm("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL,
        "shutdown", "plant-a", AlarmState.ACTIVE, T0, Map.of("oil_pressure", 80.0, "running", true), null, null, 0);
    ActiveAlarm fuel = new ActiveAlarm("gen-1", "warning_low_fuel_level", "Low fuel level", Severity.WARNING, null, null,
        AlarmState.UNKNOWN, T0.plusSeconds(5), Map.of(), null, null, 3);
    s.alarms().upsert(oil);
    s.alarms().upsert(fuel);
    s.alarms().upsert(oil.withAck("op@example.com", T0.plusSeconds(60)));
    s.alarms().delete("gen-1", "warning_low_fuel_level");
    s.alarms().delete("gen-1", "never_raised");
    s.close();

    List<ActiveAlarm> back = open(cfg).alarms().loadAll();

    assertThat(back).containsExactly(oil.withAck("op@example.com", T0.plusSeconds(60)));
  }

  @Test
  void append_afterReopen_existingSeriesReusedAndNewOnesAdded_inOneBatch() throws Exception {
    StoreSettings cfg = config();
    Storage s = open(cfg);
    Instant t1 = T0.plusSeconds(2);
    s.history().append(List.of(Reading.builder("d1", T0, T0).put("p", 1.0).put("q", 2.0).build(),
        Reading.builder("d2", T0, T0).put("p", 3.0).build()));
    s.close();

    Storage back = open(cfg);
    back.history().append(List.of(Reading.builder("d1", t1, t1).put("p", 4.0).put("r", 5.0).build(),
        Reading.builder("d2", t1, t1).put("p", 6.0).build(), Reading.builder("d3", t1, t1).put("p", 7.0).build()));

    assertThat(back.history().query(query(T0, T0.plusSeconds(60), null)).points())
        .containsExactly(HistoryPoint.raw(T0, 1.0, null), HistoryPoint.raw(t1, 4.0, null));
    assertThat(back.history().query(new HistoryQuery("d2", "p", T0, T0.plusSeconds(60), null, 10)).points())
        .containsExactly(HistoryPoint.raw(T0, 3.0, null), HistoryPoint.raw(t1, 6.0, null));
    assertThat(back.history().query(new HistoryQuery("d1", "r", T0, T0.plusSeconds(60), null, 10)).points())
        .containsExactly(HistoryPoint.raw(t1, 5.0, null));
    assertThat(back.history().query(new HistoryQuery("d3", "p", T0, T0.plusSeconds(60), null, 10)).points())
        .containsExactly(HistoryPoint.raw(t1, 7.0, null));
  }

  @Test
  void append_mixedValues_rawQueryReturnsThemInOrder() {
    Storage s = open(config());
    Instant t1 = T0.plusSeconds(2);
    s.history().append(List.of(
        Reading.builder("d1", t1, t1).put("p", 12.5).put("flag", true).put("status", "running").build(),
        Reading.builder("d1", T0, T0).put("p", Value.SENTINEL).build()));

    HistoryResult r = s.history().query(query(T0, T0.plusSeconds(60), null));

    assertThat(r.resolution()).isEqualTo("raw");
    assertThat(r.points()).containsExactly(HistoryPoint.raw(T0, null, "sentinel"), HistoryPoint.raw(t1, 12.5, null));
    assertThat(s.history().query(new HistoryQuery("d1", "flag", T0, t1.plusMillis(1), null, 10)).points())
        .containsExactly(HistoryPoint.raw(t1, 1.0, null));
  }

  @Test
  void admission_pendingAndRejected_surviveReopeningTheStore() throws Exception {
    Storage s = open(config());
    Device dl = new Device("DL-1", "site-a", "datalogger", Source.MQTT, "x200", "DL-1", "x200/1", false, null, null,
        Map.of("topic_id", "1"));
    s.admission().save(new PendingDevice(dl, PendingDevice.State.PENDING, T0, T0.plusSeconds(5)));
    s.admission().save(new PendingDevice(Device.of("2206", "", "battery-box", Source.OIG), PendingDevice.State.PENDING, T0, T0));
    s.admission().save(new PendingDevice(Device.of("2206", "", "battery-box", Source.OIG), PendingDevice.State.REJECTED, T0, T0));
    s.close();

    Storage again = open(config());
    assertThat(again.admission().loadAll()).containsExactlyInAnyOrder(
        new PendingDevice(dl, PendingDevice.State.PENDING, T0, T0.plusSeconds(5)),
        new PendingDevice(Device.of("2206", "", "battery-box", Source.OIG), PendingDevice.State.REJECTED, T0, T0));
    again.admission().delete("DL-1");
    assertThat(again.admission().loadAll()).extracting(PendingDevice::id).containsExactly("2206");
  }

  /** Numbers go through text on SQLite's batch path: every double must come back bit for bit. */
  @Test
  void append_awkwardDoubles_readBackBitForBit() {
    Storage s = open(config());
    java.util.Random random = new java.util.Random(42);
    List<Double> values = new ArrayList<>(List.of(0.1, 0.0, 230.001, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
        -Double.MIN_NORMAL, 4.35, 123456789.123456789, 1.0 / 3));
    while (values.size() < 5_000) {
      double v = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(v)) values.add(v);
    }
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Instant t = T0.plusMillis(i);
      readings.add(Reading.builder("d1", t, t).put("p", values.get(i)).build());
    }
    s.history().append(readings);

    List<HistoryPoint> points = s.history().query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(60), null, 100_000)).points();

    assertThat(points).hasSize(values.size());
    for (int i = 0; i < points.size(); i++) {
      assertThat(Double.doubleToRawLongBits(points.get(i).avg()))
          .as("value %d: %s came back as %s", i, values.get(i), points.get(i).avg())
          .isEqualTo(Double.doubleToRawLongBits(values.get(i)));
    }
  }

  @Test
  void query_rawWithLimit_returnsOldestFirstUpToLimit() {
    Storage s = open(config());
    s.history().append(new Series("d1", T0, Duration.ofSeconds(1), 50).readings());

    List<HistoryPoint> points = s.history().query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(60), null, 10)).points();

    assertThat(points).hasSize(10);
    assertThat(points.getFirst().time()).isEqualTo(T0);
  }

  @Test
  void query_unknownSeries_returnsNoPoints() {
    Storage s = open(config());
    assertThat(s.history().query(query(T0, T0.plusSeconds(1), null)).points()).isEmpty();
  }

  @Test
  void append_replayedReadings_keptOnce() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(2), 100);
    s.history().append(series.readings());
    s.history().append(series.readings().subList(40, 100));
    List<Reading> doubled = new ArrayList<>(series.readings().subList(0, 10));
    doubled.addAll(series.readings().subList(0, 10));
    s.history().append(doubled);

    assertThat(s.history().query(query(T0, T0.plusSeconds(3600), null)).points()).hasSize(100);
  }

  @Test
  void append_batchMixingStoredAndNewRows_newRowsStoredFirstArrivalKept() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(1), 300);
    List<Reading> all = series.readings();
    s.history().append(all.subList(0, 100));
    for (int round = 0; round < 25; round++) { // long enough for any replay-triggered mode to end
      List<Reading> batch = new ArrayList<>(all.subList(90 + 8 * round, 108 + 8 * round).reversed());
      Instant t = batch.getFirst().timestamp();
      batch.add(Reading.of("d1", t, t, Map.of("p", Value.of(-1.0)))); // repeated key, later arrival
      s.history().append(batch);
    }
    s.history().append(all.subList(250, 300));

    List<HistoryPoint> points = s.history().query(query(T0, T0.plusSeconds(3600), null)).points();
    assertThat(points).hasSize(300);
    for (int i = 0; i < 300; i++) assertThat(points.get(i).avg()).as("value %d", i).isEqualTo(Series.value(i));
  }

  @Test
  void query_shortRangeWithStep_bucketsRawRows() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(2), 1800);
    s.history().append(series.readings());
    Instant from = T0.plusSeconds(7);
    Instant to = T0.plusSeconds(3000);

    clock.set(T0.plusSeconds(4000));

    HistoryResult r = s.history().query(query(from, to, Duration.ofSeconds(90)));

    assertThat(r.resolution()).isEqualTo("bucketed");
    assertPoints(r.points(), series.expectedSteps(from, to, Duration.ofSeconds(90)));
  }

  @Test
  void query_bucketedPastNow_carriesNoValueIntoTheFuture() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(2), 30);
    s.history().append(series.readings());
    clock.set(T0.plusSeconds(100));

    HistoryResult r = s.history().query(query(T0, T0.plusSeconds(600), Duration.ofSeconds(60)));

    assertPoints(r.points(), series.expectedSteps(T0, T0.plusSeconds(100), Duration.ofSeconds(60)));
  }

  @Test
  void rollUp_longRangeMinuteStep_servedFromMinuteRollups() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(10), 9 * 360);
    s.history().append(series.readings());
    s.history().rollUp(T0.plus(Duration.ofHours(9)));
    Instant to = T0.plus(Duration.ofHours(9));

    HistoryResult r = s.history().query(query(T0, to, Duration.ofMinutes(5)));

    assertThat(r.resolution()).isEqualTo("1m");
    assertPoints(r.points(), series.expected(T0, to, Duration.ofMinutes(5)));
  }

  @Test
  void rollUp_hourStep_servedFromHourRollups() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(30), 2 * 24 * 120);
    s.history().append(series.readings());
    s.history().rollUp(T0.plus(Duration.ofDays(2)));
    Instant from = T0.plusSeconds(1800);
    Instant to = T0.plus(Duration.ofDays(2));

    HistoryResult r = s.history().query(query(from, to, Duration.ofHours(3)));

    assertThat(r.resolution()).isEqualTo("1h");
    assertPoints(r.points(), series.expected(from, to, Duration.ofHours(3)));
  }

  @Test
  void rollUp_notYetRun_answerStillCompleteFromRaw() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(10), 12 * 360);
    s.history().append(series.readings());
    s.history().rollUp(T0.plus(Duration.ofHours(5)).plusSeconds(30));
    Instant to = T0.plus(Duration.ofHours(12));

    HistoryResult minutes = s.history().query(query(T0, to, Duration.ofMinutes(10)));
    HistoryResult hours = s.history().query(query(T0, to, Duration.ofHours(1)));

    assertThat(minutes.resolution()).isEqualTo("1m");
    assertPoints(minutes.points(), series.expected(T0, to, Duration.ofMinutes(10)));
    assertThat(hours.resolution()).isEqualTo("1h");
    assertPoints(hours.points(), series.expected(T0, to, Duration.ofHours(1)));
  }

  @Test
  void rollUp_lateRowsInRolledUpBucket_recomputedOnNextRun() {
    Storage s = open(config());
    Series series = new Series("d1", T0, Duration.ofSeconds(10), 8 * 360);
    s.history().append(series.readings());
    s.history().rollUp(T0.plus(Duration.ofHours(8)));
    Instant late = T0.plus(Duration.ofHours(2)).plusSeconds(5);
    s.history().append(List.of(Reading.of("d1", late, late, Map.of("p", Value.of(1000.0)))));

    s.history().rollUp(T0.plus(Duration.ofHours(8)));
    HistoryResult r = s.history().query(query(T0, T0.plus(Duration.ofHours(8)), Duration.ofHours(1)));

    assertThat(r.resolution()).isEqualTo("1h");
    HistoryPoint hour2 = r.points().get(2);
    assertThat(hour2.max()).isEqualTo(1000.0);
    assertThat(hour2.count()).isEqualTo(361);
  }

  @Test
  void purge_olderThanRetention_deletesRawRollupsAndEvents() {
    Storage s = open(config().withRetention(
        new Retention(Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(30), Duration.ofDays(1))));
    Series series = new Series("d1", T0, Duration.ofMinutes(1), 3 * 24 * 60);
    s.history().append(series.readings());
    s.events().append(List.of(Event.of(T0, "d1", EventType.NOTICE, "old"),
        Event.of(T0.plus(Duration.ofDays(3)), "d1", EventType.NOTICE, "new")));
    clock.set(T0.plus(Duration.ofDays(3)));

    s.maintain();

    Instant end = T0.plus(Duration.ofDays(3));
    List<HistoryPoint> raw = s.history().query(new HistoryQuery("d1", "p", T0, end, null, 100_000)).points();
    assertThat(raw).hasSize(24 * 60);
    assertThat(raw.getFirst().time()).isEqualTo(T0.plus(Duration.ofDays(2)));
    HistoryResult minutes = s.history().query(query(T0, end, Duration.ofMinutes(1)));
    assertThat(minutes.resolution()).isEqualTo("1m");
    assertThat(minutes.points().getFirst().time()).isEqualTo(T0.plus(Duration.ofDays(1)));
    assertThat(s.history().query(query(T0, end, Duration.ofHours(1))).points().getFirst().time()).isEqualTo(T0);
    assertThat(s.events().query(new EventQuery(null, null, null, null, 100))).extracting(Event::message)
        .containsExactly("new");
  }

  @Test
  void purge_deletesGapMarksOlderThanRawRetention() {
    Storage s = open(config());
    Retention retention = new Retention(Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(30), Duration.ofDays(1));
    Instant recent = T0.plus(Duration.ofDays(2)).plusSeconds(60);
    s.history().append(List.of(value("d1", T0, 1.0), value("d1", recent, 2.0), gap("d1", T0.plusSeconds(60)),
        gap("d2", T0.plusSeconds(120)), gap("d1", recent.plusSeconds(60))));

    long deleted = s.history().purge(retention, T0.plus(Duration.ofDays(3)));

    assertThat(deleted).as("one raw row and two marks").isEqualTo(3);
    assertThat(s.history().purge(retention, T0.plus(Duration.ofDays(3)))).isZero();
    List<HistoryPoint> raw = s.history().query(new HistoryQuery("d1", "p", T0, T0.plus(Duration.ofDays(3)), null, 10))
        .points();
    assertThat(raw).extracting(HistoryPoint::avg).containsExactly(2.0, null);
    assertThat(raw).extracting(HistoryPoint::reason).containsExactly(null, "comm_lost");
  }

  @Test
  void migration_databaseWithoutMarks_keepsNoDataRowsAndTakesMarks() throws Exception {
    Instant off = T0.plusSeconds(60);
    try (Storage before = Storage.open(config(), clock, meters)) {
      // as stored before marks existed: the offline as a no-data row per series
      before.history().append(List.of(value("d1", T0, 1.0),
          Reading.of("d1", off, off, Map.of("p", Value.COMM_LOST)), value("d1", T0.plusSeconds(120), 3.0)));
    }
    sql("DROP TABLE history_marks");
    sql("DROP TABLE IF EXISTS history_journal"); // SQLite's later migration, empty after a clean stop
    sql("DELETE FROM flyway_schema_history WHERE version IN ('6', '7')");

    Storage s = open(config());
    s.history().append(List.of(gap("d1", T0.plusSeconds(180))));
    clock.set(T0.plusSeconds(600));

    List<HistoryPoint> raw = s.history().query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(600), null, 10)).points();
    assertThat(raw).extracting(HistoryPoint::avg).containsExactly(1.0, null, 3.0, null);
    assertThat(raw).extracting(HistoryPoint::reason).containsExactly(null, "comm_lost", null, "comm_lost");
    assertThat(s.history().query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(240), Duration.ofSeconds(60), 10))
        .points()).extracting(HistoryPoint::avg).containsExactly(1.0, 3.0);
  }

  @Test
  void writer_gapOfAWholeGenset_isOneMark() {
    Storage s = open(config().withFlush(Duration.ofMillis(100), 100));
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    s.startWriters(readings, events, new DeviceRegistry(events, clock));
    Reading.Builder first = Reading.builder("g1", T0, T0);
    Map<String, Value> lost = new java.util.LinkedHashMap<>();
    for (int m = 0; m < 640; m++) {
      first.put("m" + m, (double) m);
      lost.put("m" + m, Value.COMM_LOST);
    }
    Instant off = T0.plusSeconds(5);
    readings.publish(first.build());
    readings.publish(new Reading("g1", off, off, lost, true));
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      clock.advance(Duration.ofSeconds(1));
      return s.historyWriter().written() == 641;
    });
    assertThat(s.historyWriter().dropped()).isZero();
    HistoryQuery q = new HistoryQuery("g1", "m639", T0, T0.plusSeconds(60), null, 10);
    assertThat(s.history().query(q).points()).extracting(HistoryPoint::avg).containsExactly(639.0, null);
  }

  private static Reading value(String device, Instant t, double v) {
    return Reading.of(device, t, t, Map.of("p", Value.of(v)));
  }

  /** What the change filter publishes when a device holding {@code p} goes offline. */
  private static Reading gap(String device, Instant t) {
    return new Reading(device, t, t, Map.of("p", Value.COMM_LOST), true);
  }

  @Test
  void users_createFindUpdateList() {
    Storage s = open(config());
    User alice = s.users().create(new User(0, " Alice@Example.com", "hash1", Role.ADMIN, T0));
    User bob = s.users().create(new User(0, "bob@example.com", "hash2", Role.VIEWER, T0));

    assertThat(alice.id()).isPositive();
    assertThat(s.users().findByEmail("ALICE@example.com")).contains(alice);
    assertThat(s.users().findById(bob.id())).contains(bob);
    assertThat(s.users().list()).containsExactly(alice, bob);
    assertThat(s.users().updatePassword(bob.id(), "hash3")).isTrue();
    assertThat(s.users().findById(bob.id()).orElseThrow().passwordHash()).isEqualTo("hash3");
    assertThat(s.users().updatePassword(9999, "x")).isFalse();
    assertThat(s.users().findByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void users_duplicateEmail_rejected() {
    Storage s = open(config());
    s.users().create(new User(0, "a@example.com", "h", Role.ADMIN, T0));

    assertThatThrownBy(() -> s.users().create(new User(0, "A@example.com", "h", Role.VIEWER, T0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a@example.com");
  }

  @Test
  void tokens_saveFindDeleteAndPurgeExpired() {
    Storage s = open(config());
    User u = s.users().create(new User(0, "a@example.com", "h", Role.ADMIN, T0));
    Token session = new Token("aa", u.id(), "session", null, T0, T0.plusSeconds(3600));
    Token device = new Token("bb", u.id(), "device", "gen-1", T0, null);
    Token old = new Token("cc", u.id(), "session", null, T0, T0.plusSeconds(60));
    s.users().saveToken(session);
    s.users().saveToken(device);
    s.users().saveToken(old);

    assertThat(s.users().findToken("aa")).contains(session);
    assertThat(s.users().findToken("bb")).contains(device);
    assertThat(s.users().listTokens("device")).containsExactly(device);
    assertThat(s.users().listTokens("session")).containsExactly(session, old);
    assertThat(s.users().purgeExpiredTokens(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(s.users().findToken("cc")).isEmpty();
    s.users().deleteToken("aa");
    assertThat(s.users().findToken("aa")).isEmpty();
    assertThat(s.users().findToken("bb")).isPresent();
  }

  @Test
  void users_roleChangeAndDelete_deleteTakesTheUsersTokens() {
    Storage s = open(config());
    User a = s.users().create(new User(0, "a@example.com", "h", Role.ADMIN, T0));
    User b = s.users().create(new User(0, "b@example.com", "h", Role.VIEWER, T0));
    s.users().saveToken(new Token("a1", a.id(), "session", null, T0, null));
    s.users().saveToken(new Token("b1", b.id(), "session", null, T0, null));
    s.users().saveToken(new Token("b2", b.id(), "session", null, T0, null));
    s.users().saveToken(new Token("b3", b.id(), "device", "gen-1", T0, null));

    assertThat(s.users().updateRole(b.id(), Role.ADMIN)).isTrue();
    assertThat(s.users().findById(b.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(s.users().updateRole(9999, Role.ADMIN)).isFalse();
    assertThat(s.users().deleteTokens(b.id(), "session", "b2")).isEqualTo(1);
    assertThat(s.users().findToken("b1")).isEmpty();
    assertThat(s.users().findToken("b2")).isPresent();
    assertThat(s.users().findToken("b3")).isPresent();
    assertThat(s.users().delete(b.id())).isTrue();
    assertThat(s.users().delete(b.id())).isFalse();
    assertThat(s.users().findToken("b2")).isEmpty();
    assertThat(s.users().findToken("b3")).isEmpty();
    assertThat(s.users().findToken("a1")).isPresent();
    assertThat(s.users().list()).containsExactly(a);
  }

  @Test
  void events_queryFilters_newestFirst() {
    Storage s = open(config());
    s.events().append(List.of(
        new Event(T0, "d1", EventType.DEVICE_ONLINE, "d1 online", Map.of("k", "v")),
        Event.of(T0.plusSeconds(10), "d2", EventType.DEVICE_ONLINE, "d2 online"),
        Event.of(T0.plusSeconds(20), "d1", EventType.CONNECTION_ERROR, "d1 error"),
        Event.of(T0.plusSeconds(30), null, EventType.NOTICE, "gateway")));

    assertThat(s.events().query(new EventQuery(null, null, null, null, 100))).extracting(Event::message)
        .containsExactly("gateway", "d1 error", "d2 online", "d1 online");
    assertThat(s.events().query(new EventQuery("d1", null, null, null, 100))).extracting(Event::message)
        .containsExactly("d1 error", "d1 online");
    assertThat(s.events().query(new EventQuery(null, java.util.Set.of(EventType.DEVICE_ONLINE), null, null, 100)))
        .extracting(Event::deviceId).containsExactly("d2", "d1");
    assertThat(s.events().query(new EventQuery(null, java.util.Set.of(EventType.DEVICE_ONLINE, EventType.NOTICE), null, null,
        100))).extracting(Event::message).containsExactly("gateway", "d2 online", "d1 online");
    assertThat(s.events().query(new EventQuery(null, null, T0.plusSeconds(10), T0.plusSeconds(30), 100)))
        .extracting(Event::message).containsExactly("d1 error", "d2 online");
    assertThat(s.events().query(new EventQuery(null, null, null, null, 1))).extracting(Event::message)
        .containsExactly("gateway");
    assertThat(s.events().query(new EventQuery("d1", java.util.Set.of(EventType.DEVICE_ONLINE), null, null, 5)).getFirst().data())
        .isEqualTo(Map.of("k", "v"));
  }

  @Test
  void devices_upsertLoadDelete() {
    Storage s = open(config());
    Device gen = new Device("gen-1", "site-a", "generator", Source.MODBUS, "HGM9520N", "SN1", "Genset 1", true,
        T0, null, Map.of("fw", "1.2", "unit", "1"));
    Device box = Device.of("box-1", "site-a", "battery-box", Source.OIG);
    s.devices().upsert(List.of(gen, box));
    Device offline = gen.withPresence(false, T0.plusSeconds(5), "timeout");
    s.devices().upsert(List.of(offline));

    assertThat(s.devices().loadAll()).containsExactly(box, offline);
    s.devices().delete(List.of("box-1"));
    assertThat(s.devices().loadAll()).containsExactly(offline);
  }

  @Test
  void writer_enoughValuesWaiting_flushesWithoutWaitingForInterval() {
    Storage s = open(config().withFlush(Duration.ofHours(1), 100));
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    s.startWriters(readings, events, new DeviceRegistry(events, clock));

    for (Reading r : new Series("d1", T0, Duration.ofSeconds(1), 99).readings()) readings.publish(r);
    assertThat(s.historyWriter().written()).isZero();
    readings.publish(new Series("d1", T0.plusSeconds(99), Duration.ofSeconds(1), 1).readings().getFirst());

    await().atMost(Duration.ofSeconds(10)).until(() -> s.historyWriter().written() == 100);
    assertThat(s.history().query(query(T0, T0.plusSeconds(200), null)).points()).hasSize(100);
  }

  @Test
  void writer_intervalElapsed_flushesFewValues() throws Exception {
    Storage s = open(config().withFlush(Duration.ofSeconds(30), 10_000));
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    s.startWriters(readings, events, new DeviceRegistry(events, clock));

    for (Reading r : new Series("d1", T0, Duration.ofSeconds(1), 5).readings()) readings.publish(r);
    assertThat(readings.awaitDrained(Duration.ofSeconds(5))).isTrue();
    // several timer ticks pass: nothing is due yet on the manual clock
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> s.historyWriter().written() == 0);
    clock.advance(Duration.ofSeconds(30));

    await().atMost(Duration.ofSeconds(10)).until(() -> s.historyWriter().written() == 5);
  }

  @Test
  void close_clean_flushesEverythingBuffered() {
    StoreSettings cfg = config().withFlush(Duration.ofHours(1), 1_000_000);
    Storage s = Storage.open(cfg, clock, new SimpleMeterRegistry()); // closed by the test itself
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    DeviceRegistry registry = new DeviceRegistry(events, clock);
    s.startWriters(readings, events, registry);
    registry.register(Device.of("d1", "site", "inverter", Source.SYNTHETIC));
    for (Reading r : new Series("d1", T0, Duration.ofSeconds(1), 5000).readings()) readings.publish(r);

    s.close();

    Storage reopened = open(cfg);
    assertThat(reopened.history().query(query(T0, T0.plusSeconds(6000), null)).points()).hasSize(5000);
    assertThat(reopened.devices().loadAll()).extracting(Device::id).containsExactly("d1");
    assertThat(reopened.events().query(EventQuery.ofType("d1", EventType.DEVICE_DISCOVERED, null, null, 10))).hasSize(1);
  }

  @Test
  void writer_storeFailing_retriesCountsAndRecovers() throws Exception {
    Storage s = open(config().withFlush(Duration.ofMillis(50), 100));
    s.history().append(new Series("d1", T0.minusSeconds(10), Duration.ofSeconds(1), 1).readings());
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    s.startWriters(readings, events, new DeviceRegistry(events, clock));
    sql("ALTER TABLE " + appendTable() + " RENAME TO history_away");

    for (Reading r : new Series("d1", T0, Duration.ofSeconds(1), 300).readings()) readings.publish(r);
    await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= 1);
    clock.advance(Duration.ofMinutes(1)); // the back-off runs on the manual clock
    await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= 2);
    assertThat(s.historyWriter().written()).isZero();

    sql("ALTER TABLE history_away RENAME TO " + appendTable());
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      clock.advance(Duration.ofSeconds(15));
      return s.historyWriter().written() == 300;
    });
    assertThat(s.history().query(query(T0, T0.plusSeconds(400), null)).points()).hasSize(300);
    assertThat(s.historyWriter().dropped()).isZero();
  }

  /**
   * A fleet's first polls (every value a first value and a series to create) arrive while the
   * store cannot keep up (here: it fails); the writer holds them packed and writes them all once
   * it can. Scaled: 400 devices of 50 metrics, 20,000 values, twice what the history writer held
   * before it packed its backlog (10 × writer_queue values).
   */
  @Test
  void writer_firstPollsOfAFleet_beyondTheOldBound_writtenWithoutDrops() throws Exception {
    Storage s = open(config().withFlush(Duration.ofMillis(100), 100).withWriterQueueCapacity(1024));
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    s.startWriters(readings, events, new DeviceRegistry(events, clock));
    sql("ALTER TABLE " + appendTable() + " RENAME TO history_away");
    int devices = 400;
    int metrics = 50;
    for (int d = 0; d < devices; d++) {
      Reading.Builder b = Reading.builder("g" + d, T0, T0);
      for (int m = 0; m < metrics; m++) b.put("m" + m, d * 100.0 + m);
      readings.publish(b.build());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= 1 && s.historyWriter().queued() == devices * metrics);
    assertThat(s.historyWriter().queued()).as("held, more than 10 × writer_queue").isGreaterThan(10 * 1024);

    sql("ALTER TABLE history_away RENAME TO " + appendTable());
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      clock.advance(Duration.ofSeconds(15));
      return s.historyWriter().written() == devices * metrics;
    });
    assertThat(s.historyWriter().dropped()).isZero();
    HistoryQuery last = new HistoryQuery("g399", "m49", T0, T0.plusSeconds(1), null, 10);
    assertThat(s.history().query(last).points()).extracting(HistoryPoint::avg).containsExactly(39_949.0);
  }

  private double failures() {
    return meters.get("gridwire.store.write.failures").tag("writer", "history").counter().count();
  }
}
