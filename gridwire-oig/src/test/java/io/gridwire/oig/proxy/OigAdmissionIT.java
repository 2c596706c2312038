package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.admission.AdmissionCounts;
import io.gridwire.core.admission.AdmissionPolicy;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrameBuilder;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.sim.BoxFrames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which box ids become devices, on real sockets through the proxy. */
@Timeout(120)
class OigAdmissionIT {
  private static final Duration T = Duration.ofSeconds(5);

  private static FrameKind kind(byte[] raw) {
    assertThat(raw).as("an answer").isNotNull();
    return ((Decoded.Ok) OigFrameParser.parse(raw)).frame().kind();
  }

  private static AdmissionCounts counts(ProxyHarness h) {
    return (AdmissionCounts) h.proxy.hygiene().get("admission");
  }

  @Test
  void flood_5000DistinctIdsOnOneConnection_devicesStayAtCap_everyFrameAnswered() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(),
        c -> c.withAdmission(new AdmissionConfig(AdmissionPolicy.ACCEPT, 100, 1_000_000, Set.of())), true);
        RawBox flood = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      for (int i = 0; i < 5000; i++) {
        byte[] frame = new BoxFrames(Integer.toString(1_000_000 + i), ProxyHarness.ZONE, i).actual(Instant.now());
        assertThat(kind(flood.exchange(frame))).as("frame %d answered", i).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      }
      assertThat(h.registry.count(Source.OIG)).isEqualTo(100);
      assertThat(counts(h).refused()).containsEntry("device_limit", 4901L);
      assertThat(h.cloud.received()).as("boxes over the cap keep their cloud").hasSize(5001);
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(h.proxy.sessions()).hasSize(2);
      assertThat(h.box.stats().reconnects()).isZero();
    }
  }

  @Test
  void hostileIds_refusedCountedAnsweredLocally_neverDevicesNorForwarded() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c, false);
        RawBox box = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      List<String> ids = List.of("../../etc/passwd", "9".repeat(1525), "2206>37016", "2206\uFFFD37016");
      for (String id : ids) {
        byte[] frame = OigFrameBuilder.create().add("TblName", "tbl_actual").add("ID_Device", id).add("ACO_P", "700")
            .add("ver", "12345").toBytes();
        assertThat(kind(box.exchange(frame))).as(id).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      }
      assertThat(h.registry.size()).isZero();
      assertThat(counts(h).refused()).containsEntry("invalid_id", 4L);
      Thread.sleep(200);
      assertThat(h.cloud.received()).noneMatch(f -> f.contains("ACO_P"));
      assertThat(h.gotReadings).isEmpty();
    }
  }

  @Test
  void allowlist_unlistedBoxAnsweredLocallyWithoutReadings_listedBoxForwardedWithReadings() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withAdmission(
        new AdmissionConfig(AdmissionPolicy.ALLOWLIST, 10, 10, Set.of(ProxyHarness.DEVICE))), true);
        RawBox stranger = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      byte[] foreign = new BoxFrames("1234567890", ProxyHarness.ZONE, 1).actual(Instant.now());
      assertThat(kind(stranger.exchange(foreign))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      await().atMost(T).until(() -> h.gotReadings.size() == 1);
      assertThat(h.gotReadings).allMatch(r -> r.deviceId().equals(ProxyHarness.DEVICE));
      assertThat(h.registry.get("1234567890")).isEmpty();
      assertThat(counts(h).refused()).containsEntry("not_listed", 1L);
      String sent = new String(foreign, StandardCharsets.UTF_8).strip();
      assertThat(h.cloud.received()).doesNotContain(sent).hasSize(1);
    }
  }

  @Test
  void pending_boxForwardedWithoutReadingsUntilApproved() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withAdmission(
        new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of())), true)) {
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(h.cloud.received()).as("a pending box keeps its cloud").hasSize(1);
      assertThat(h.registry.get(ProxyHarness.DEVICE)).isEmpty();
      assertThat(counts(h).pending()).isEqualTo(1);
      Thread.sleep(200);
      assertThat(h.gotReadings).isEmpty();
    }
  }

  @Test
  void pending_boxWithTheIdOfAnMqttDevice_refusedAsIdConflict_deviceKeepsItsSource() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withAdmission(
        new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of())), false)) {
      h.registry.register(Device.of(ProxyHarness.DEVICE, "site", "datalogger", Source.MQTT));
      h.box.connect();
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(h.registry.get(ProxyHarness.DEVICE)).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo(Source.MQTT));
      assertThat(counts(h).refused()).containsEntry("id_conflict", 1L);
      assertThat(counts(h).pending()).isZero();
      Thread.sleep(200);
      assertThat(h.gotReadings).isEmpty();
    }
  }

  @Test
  void deviceLimit_boxOverTheCapForwardedToTheCloud_withoutReadings() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c.withAdmission(
        new AdmissionConfig(AdmissionPolicy.ACCEPT, 1, 60, Set.of())), true);
        RawBox capped = new RawBox("127.0.0.1", h.proxy.port(), T)) {
      assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      byte[] frame = new BoxFrames("1234567890", ProxyHarness.ZONE, 1).actual(Instant.now());
      assertThat(kind(capped.exchange(frame))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
      assertThat(counts(h).refused()).containsEntry("device_limit", 1L);
      assertThat(h.cloud.received()).as("the capped box's frame reached the cloud")
          .contains(new String(frame, StandardCharsets.UTF_8).strip()).hasSize(2);
      // the cloud's answer reaches the box from the link's reader before the session counts it
      await().atMost(T).untilAsserted(() -> assertThat(h.proxy.sessions()).allSatisfy(s -> assertThat(s.forwarded()).isEqualTo(1)));
      assertThat(h.registry.get("1234567890")).isEmpty();
      await().atMost(T).until(() -> h.gotReadings.size() == 1);
      Thread.sleep(200);
      assertThat(h.gotReadings).allMatch(r -> r.deviceId().equals(ProxyHarness.DEVICE));
    }
  }
}
