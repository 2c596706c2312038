package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.alarm.AlarmSignal;
import io.gridwire.core.alarm.AlarmWatcher;
import io.gridwire.core.alarm.Severity;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.field.ReadingMapper;
import io.gridwire.oig.sim.BoxFrames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryAlarmsTest {
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  private final Bus<Event> events = new Bus<>("events", e -> "");
  private final List<Reading> got = new CopyOnWriteArrayList<>();
  private final MetricCatalog catalog = new MetricCatalog();
  private final DeviceRegistry registry = new DeviceRegistry(events, Clock.systemUTC());
  private final Telemetry t = new Telemetry(new ReadingMapper(OigFieldTable.standard(), PRAGUE), readings, events, registry,
      catalog, new DeviceAdmission(registry, null, Clock.systemUTC()));
  private final BoxFrames frames = new BoxFrames("2206237016", PRAGUE, 1);

  TelemetryAlarmsTest() {
    readings.subscribe("t", SubscriberOptions.durable(100), got::add);
  }

  @AfterEach
  void close() {
    readings.close();
    events.close();
  }

  @Test
  void invertorPrmsFrame_errPvNonZero_isAnActivePvWarning() throws Exception {
    Instant at = Instant.parse("2026-02-17T08:05:08Z");
    // ERR_PV bit 8 = "Solar input 1 loss"
    OigFrame frame = ((Decoded.Ok) OigFrameParser.parse(frames.table("tbl_invertor_prms", at, "ERR_PV", "256",
        "ERR_BATT", "0", "ERR_GRID", "0", "ERR_AC", "0", "ERR_ELSE", "0"))).frame();

    t.admit(frame);
    t.onBoxFrame(frame, at);
    readings.awaitDrained(Duration.ofSeconds(5));
    List<AlarmSignal> signals = new ArrayList<>();
    new AlarmWatcher(catalog, signals::add, id -> {}).accept(got.get(0));

    assertThat(signals).hasSize(5);
    assertThat(signals).filteredOn(AlarmSignal::active).singleElement().satisfies(s -> {
      assertThat(s.alarmId()).isEqualTo("err_pv");
      assertThat(s.name()).isEqualTo("PV (solar input) warning");
      assertThat(s.severity()).isEqualTo(Severity.WARNING);
      assertThat(s.values()).containsEntry("invertor_prms_err_pv", 256.0);
    });
  }

  /** A stream inventing field names frame after frame is held at the box's bound of metric names. */
  @Test
  void newFieldNamesPastTheBound_droppedAndCounted_catalogBounded() throws Exception {
    Instant at = Instant.parse("2026-02-17T08:05:08Z");
    for (int f = 0; f < 50; f++) { // 50 frames of 100 new names: 5,000 names
      String[] fields = new String[200];
      for (int k = 0; k < 100; k++) {
        fields[2 * k] = "F" + (f * 100 + k);
        fields[2 * k + 1] = "1";
      }
      OigFrame frame = ((Decoded.Ok) OigFrameParser.parse(frames.table("tbl_actual", at.plusSeconds(f), fields))).frame();
      t.admit(frame);
      t.onBoxFrame(frame, at.plusSeconds(f));
    }
    readings.awaitDrained(Duration.ofSeconds(5));

    assertThat(got).hasSize(41); // the 41st frame still had names left (4,096 = 40 × 100 + 96); later ones none
    assertThat(got.stream().mapToInt(r -> r.values().size()).sum()).isLessThanOrEqualTo(4_096);
    assertThat(catalog.metrics("2206237016")).hasSizeLessThanOrEqualTo(4_096);
    assertThat(t.metricsRefused.get()).isEqualTo(10);
  }
}
