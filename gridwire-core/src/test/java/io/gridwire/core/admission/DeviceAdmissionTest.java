package io.gridwire.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.port.AdmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceAdmissionTest {
  private Instant now = Instant.parse("2026-12-06T12:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final DeviceRegistry registry = new DeviceRegistry(null, clock);
  private final MapStore store = new MapStore();
  private DeviceAdmission admission = new DeviceAdmission(registry, store, clock);

  private static Device box(String id) {
    return Device.of(id, "", "battery-box", Source.OIG);
  }

  @Test
  void admit_floodOfDistinctIds_stopsAtDeviceCap() {
    admission.configure(Source.OIG, new AdmissionConfig(AdmissionPolicy.ACCEPT, 100, 1_000_000, Set.of()));
    for (int i = 0; i < 5000; i++) admission.admit(box("box" + i));
    assertThat(registry.count(Source.OIG)).isEqualTo(100);
    assertThat(admission.counts(Source.OIG).refused()).containsEntry("device_limit", 4900L);
  }

  @Test
  void admit_floodWithDefaults_stopsAtRatePerMinuteThenAdmitsAgainNextMinute() {
    for (int i = 0; i < 5000; i++) admission.admit(box("box" + i));
    assertThat(registry.count(Source.OIG)).isEqualTo(60);
    assertThat(admission.admit(box("late"))).isInstanceOf(Admission.Refused.class);
    now = now.plus(Duration.ofSeconds(61));
    assertThat(admission.admit(box("late"))).isEqualTo(new Admission.Admitted(true));
    assertThat(admission.admit(box("late"))).isEqualTo(new Admission.Admitted(false));
  }

  @Test
  void admit_invalidIds_refusedAndCounted() {
    for (String id : List.of("../../etc/passwd", "x".repeat(1525), "2206>7016", "2206\uFFFD")) {
      Admission a = admission.admit(box(id));
      assertThat(a).as(id).isInstanceOfSatisfying(Admission.Refused.class,
          r -> assertThat(r.reason()).isEqualTo(RefusalReason.INVALID_ID));
    }
    assertThat(registry.size()).isZero();
    assertThat(admission.counts(Source.OIG).refused()).containsEntry("invalid_id", 4L);
  }

  @Test
  void admit_allowlist_onlyListedIdsEvenWhenKnownBefore() {
    registry.register(box("old"));
    admission.configure(Source.OIG, new AdmissionConfig(AdmissionPolicy.ALLOWLIST, 10, 10, Set.of("2206237016")));
    assertThat(admission.admit(box("2206237016"))).isEqualTo(new Admission.Admitted(true));
    assertThat(admission.admit(box("intruder"))).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.detail()).contains("oig.admission.allowlist"));
    assertThat(admission.admit(box("old")).admitted()).isFalse();
    assertThat(admission.counts(Source.OIG).refused()).containsEntry("not_listed", 2L);
  }

  @Test
  void admit_pending_heldUntilApprovedAndSurvivesRestart() {
    admission.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    Device dl = Device.of("DL-1", "site-a", "datalogger", Source.MQTT).withModel("x200");
    assertThat(admission.admit(dl)).isInstanceOf(Admission.Pending.class);
    assertThat(admission.admit(dl)).isInstanceOf(Admission.Pending.class);
    assertThat(registry.get("DL-1")).isEmpty();

    DeviceAdmission restarted = new DeviceAdmission(new DeviceRegistry(null, clock), store, clock);
    restarted.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    assertThat(restarted.pending()).singleElement().satisfies(p -> {
      assertThat(p.device().model()).isEqualTo("x200");
      assertThat(p.state()).isEqualTo(PendingDevice.State.PENDING);
    });
    assertThat(admission.approve("DL-1")).isPresent();
    assertThat(registry.get("DL-1")).hasValueSatisfying(d -> assertThat(d.site()).isEqualTo("site-a"));
    assertThat(admission.admit(dl)).isEqualTo(new Admission.Admitted(false));
    assertThat(store.rows).isEmpty();
  }

  @Test
  void reject_pendingId_refusedFromThenOnUntilApproved() {
    admission.configure(Source.OIG, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    admission.admit(box("b1"));
    assertThat(admission.reject("b1")).isPresent();
    assertThat(admission.admit(box("b1"))).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(RefusalReason.REJECTED));
    assertThat(new DeviceAdmission(registry, store, clock).admit(box("b1")).admitted()).as("after restart").isFalse();
    assertThat(admission.counts(Source.OIG).pending()).isZero();
    assertThat(admission.approve("b1")).isPresent();
    assertThat(admission.admit(box("b1")).admitted()).isTrue();
  }

  @Test
  void admit_pendingIdsCountTowardsTheCap() {
    admission.configure(Source.OIG, new AdmissionConfig(AdmissionPolicy.PENDING, 3, 1000, Set.of()));
    for (int i = 0; i < 100; i++) admission.admit(box("b" + i));
    assertThat(admission.pending()).hasSize(3);
    assertThat(store.rows).hasSize(3);
    assertThat(new AdmissionRoutes(admission).health().check().ok()).isFalse();
  }

  @Test
  void admit_idOfAnotherSourcesDevice_refusedAsIdConflictAndNotTakenOver() {
    registry.register(Device.of("gen-1", "site", "genset", Source.MODBUS));
    admission.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    Admission a = admission.admit(Device.of("gen-1", "site", "datalogger", Source.MQTT));
    assertThat(a).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(RefusalReason.ID_CONFLICT));
    assertThat(registry.get("gen-1")).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo(Source.MODBUS));
    assertThat(admission.pending()).isEmpty();
    assertThat(admission.counts(Source.MQTT).refused()).containsEntry("id_conflict", 1L);
  }

  @Test
  void admit_idPendingForAnotherSource_refusedAsIdConflict() {
    admission.configure(Source.OIG, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    assertThat(admission.admit(box("2206237016"))).isInstanceOf(Admission.Pending.class);
    assertThat(admission.admit(Device.of("2206237016", "", "datalogger", Source.MQTT))).isInstanceOfSatisfying(
        Admission.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.ID_CONFLICT));
    assertThat(admission.pending()).singleElement().satisfies(p -> assertThat(p.device().source()).isEqualTo(Source.OIG));
  }

  @Test
  void admit_reservedId_refusedAsInvalid() {
    assertThat(admission.admit(box("pending"))).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(RefusalReason.INVALID_ID));
    assertThat(registry.get("pending")).isEmpty();
  }

  private static final class MapStore implements AdmissionStore {
    final Map<String, PendingDevice> rows = new LinkedHashMap<>();

    @Override
    public synchronized void save(PendingDevice device) {
      rows.put(device.id(), device);
    }

    @Override
    public synchronized void delete(String id) {
      rows.remove(id);
    }

    @Override
    public synchronized List<PendingDevice> loadAll() {
      return new ArrayList<>(rows.values());
    }
  }
}
