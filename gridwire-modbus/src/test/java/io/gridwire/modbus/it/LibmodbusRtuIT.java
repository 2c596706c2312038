package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.client.RtuTransport;
import io.gridwire.modbus.client.SocketLink;
import io.gridwire.modbus.client.Ticker;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our RTU-over-TCP transport and poller against an independent RTU device: libmodbus on a serial
 * line (a pty) behind socat imitating a serial-to-Ethernet converter (see {@link LibmodbusRtuPeer}).
 */
class LibmodbusRtuIT {
  private static final int UNIT = 5;
  private static final Duration TIMEOUT = Duration.ofMillis(400);

  /** An HGM9560 bus controller: stop mode, mains at 401 V / 49.99 Hz importing 42 kW, busbar switch closed. */
  private static final String[] HGM9560 = {
      "0=2048", // status word: bit 11 mode_stop
      "8=4", // shutdown inputs: bit 2 shutdown_input3 (slow block)
      "20=1", // warning word 20: bit 0 battery under voltage (slow block)
      "40=9", // genset status: running
      "55=401", "56=402", "57=399", "58=231", "59=232", "60=230", // mains UAB UBC UCA UA UB UC (V)
      "64=4999", // mains frequency 49.99 Hz
      "75=32766", // busbar UAB: the controller's "no data" sentinel
      "95=1803", // mains current L1 180.3 A
      "109=65116", "110=65535", // mains P, s32 low word first: -420 → -42.0 kW
      "134=365", "142=269", // busbar current 36.5 A, battery 26.9 V
      "182=2400", "183=0", // busbar P 240.0 kW
      "193=3", "195=2", "197=3", // busbar switch closed, mains abnormal, mains switch closed
      "203=64282", "204=14", // accumulated 981786 → 98178.6 kWh
      "211=212", // hours to maintenance
  };

  /** What the fast blocks (read every poll) decode to. */
  private static final Map<String, Value> HGM9560_FAST = Map.ofEntries(
      Map.entry("mode_stop", Value.TRUE), Map.entry("mode_auto", Value.FALSE), Map.entry("alarm_common", Value.FALSE),
      Map.entry("genset_status_name", Value.of("running")), Map.entry("genset_status", Value.of(9)),
      Map.entry("mains_uab", Value.of(401)), Map.entry("mains_ubc", Value.of(402)), Map.entry("mains_uca", Value.of(399)),
      Map.entry("mains_ua", Value.of(231)), Map.entry("mains_uc", Value.of(230)), Map.entry("mains_freq", Value.of(49.99)),
      Map.entry("busbar_uab", Value.SENTINEL), Map.entry("mains_ia", Value.of(180.3)),
      Map.entry("mains_total_p", Value.of(-42.0)), Map.entry("busbar_current", Value.of(36.5)),
      Map.entry("battery_v", Value.of(26.9)), Map.entry("busbar_p", Value.of(240.0)),
      Map.entry("busbar_switch_name", Value.of("closed")), Map.entry("mains_status_name", Value.of("abnormal")),
      Map.entry("mains_switch_name", Value.of("closed")), Map.entry("accum_kwh", Value.of(98178.6)),
      Map.entry("maint_hours", Value.of(212)));

  /** What the slow blocks (every fifth poll, the first included) decode to. */
  private static final Map<String, Value> HGM9560_SLOW = Map.of(
      "shutdown_input3", Value.TRUE, "shutdown_input1", Value.FALSE, "warning_battery_under_volt", Value.TRUE,
      "mains_fault_blackout", Value.FALSE);

  private static LibmodbusRtuPeer hgm9560(String... faults) throws Exception {
    String[] args = Stream.concat(Arrays.stream(HGM9560), Arrays.stream(faults)).toArray(String[]::new);
    return LibmodbusRtuPeer.start(UNIT, "0:212", args);
  }

  /** A device behind the peer's converter with test-sized timing. */
  private static ModbusDeviceConfig device(String id, String profile, LibmodbusRtuPeer peer, int unit) {
    return ModbusDeviceConfig.rtuOverTcp(id, profile, "127.0.0.1", peer.port, unit)
        .withTiming(Duration.ofMillis(300), TIMEOUT, Duration.ofMillis(200))
        .withGaps(Duration.ofMillis(20), Duration.ofMillis(10));
  }

  private static RtuTransport transport(LibmodbusRtuPeer peer) {
    return new RtuTransport(SocketLink.to("127.0.0.1", peer.port), Duration.ofSeconds(1), Duration.ofMillis(20), Ticker.SYSTEM);
  }

  private static Outcome read(RtuTransport t, int start, int count) {
    return t.execute(UNIT, new ModbusRequest.ReadRegisters(3, start, count), TIMEOUT);
  }

  /** Every block of the reading decoded exactly to the seeded registers (slow blocks when read). */
  private static boolean exact(Reading r) {
    var got = r.values().entrySet();
    return got.containsAll(HGM9560_FAST.entrySet())
        && (!r.values().containsKey("shutdown_input3") || got.containsAll(HGM9560_SLOW.entrySet()));
  }

  @Test
  void poll_hgm9560ThroughConverter_decodesExactlyTheSeededRegisters() throws Exception {
    try (LibmodbusRtuPeer peer = hgm9560();
        Harness h = new Harness(List.of(device("shpr-1", "smartgen-hgm9560", peer, UNIT)))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !h.of("shpr-1").isEmpty());
      Reading first = h.of("shpr-1").get(0); // the first poll reads the slow blocks too
      assertThat(first.values()).containsAllEntriesOf(HGM9560_FAST).containsAllEntriesOf(HGM9560_SLOW);
      assertThat(first.values().values()).doesNotContain(Value.COMM_LOST);
      // presence is recorded just after the reading is published
      await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.get("shpr-1").orElseThrow().online());
    }
  }

  @Test
  void execute_unmappedAndRefusedRanges_refusedWithTheirExceptionCodes() throws Exception {
    // map ends at 199: libmodbus refuses 203..211 by itself; 134..145 we refuse as "busy"
    try (LibmodbusRtuPeer peer = LibmodbusRtuPeer.start(UNIT, "0:200", "0=2048", "refuse=134-145:6");
        RtuTransport t = transport(peer)) {
      assertThat(read(t, 203, 9)).isEqualTo(new Outcome.Refused(2));
      assertThat(read(t, 134, 12)).isEqualTo(new Outcome.Refused(6));
      assertThat(read(t, 190, 12)).isEqualTo(new Outcome.Refused(2)); // straddles the map's end
      assertThat(read(t, 0, 3)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(2048, 0, 0));
    }
  }

  @Test
  void poll_refusedBlock_onlyThatBlockCommLostAndDeviceStaysOnline() throws Exception {
    try (LibmodbusRtuPeer peer = LibmodbusRtuPeer.start(UNIT, "0:200", "0=2048", "55=401", "64=4999");
        Harness h = new Harness(List.of(device("shpr-1", "smartgen-hgm9560", peer, UNIT)))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> h.of("shpr-1").size() >= 2);
      for (Reading r : h.of("shpr-1")) {
        assertThat(r.values()).containsEntry("accum_kwh", Value.COMM_LOST).containsEntry("maint_hours", Value.COMM_LOST)
            .containsEntry("mode_stop", Value.TRUE).containsEntry("mains_uab", Value.of(401)).containsEntry("mains_freq", Value.of(49.99));
      }
      // presence is recorded just after the reading is published
      await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.get("shpr-1").orElseThrow().online());
      Map<String, Long> errors = h.poller.stats("shpr-1").orElseThrow().snapshot().errors();
      assertThat(errors.get("refused")).isPositive();
      assertThat(errors).containsEntry("timeout", 0L).containsEntry("transport", 0L).containsEntry("malformed", 0L);
    }
  }

  @Test
  void execute_lateAnswer_timesOutAndIsNeverTakenForTheNextRequest() throws Exception {
    // 40..42 answers 600 ms late: after our 400 ms timeout, while the next request is under way
    try (LibmodbusRtuPeer peer = hgm9560("late=40:600"); RtuTransport t = transport(peer)) {
      assertThat(read(t, 40, 3)).isEqualTo(new Outcome.TimedOut(TIMEOUT));
      long staleBefore = t.staleBytes();
      // same size as the late answer [9, 0, 0]: only the transport's drain keeps it out
      assertThat(read(t, 55, 3)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(401, 402, 399));
      assertThat(t.staleBytes() - staleBefore).as("the late 11-byte frame was discarded").isEqualTo(11);
      assertThat(read(t, 0, 3)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(2048, 0, 0));
    }
  }

  @Test
  void poll_deviceStopsAnswering_offlineCommLostThenOnlineAgainWithoutRestart() throws Exception {
    try (LibmodbusRtuPeer peer = hgm9560();
        Harness h = new Harness(List.of(device("shpr-1", "smartgen-hgm9560", peer, UNIT)))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> h.of("shpr-1").stream().anyMatch(LibmodbusRtuIT::exact));

      peer.pause();
      Instant paused = Instant.now();
      // three failed polls: the poller has also dropped and reopened the connection through the converter
      await().atMost(Duration.ofSeconds(10)).until(() -> h.poller.stats("shpr-1").orElseThrow().snapshot().failedPolls() >= 3);
      var device = h.registry.get("shpr-1").orElseThrow();
      assertThat(device.online()).isFalse();
      assertThat(device.error()).isEqualTo("no answer within 400 ms");
      Reading lost = h.of("shpr-1").getLast();
      assertThat(lost.timestamp()).isAfter(paused);
      assertThat(lost.values()).isNotEmpty().allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(Value.COMM_LOST));

      peer.resume();
      Instant resumed = Instant.now();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> h.of("shpr-1").stream().anyMatch(r -> r.timestamp().isAfter(resumed) && exact(r)));
      // presence is recorded just after the reading is published
      await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.get("shpr-1").orElseThrow().online());
      assertThat(h.gotEvents.stream().filter(e -> "shpr-1".equals(e.deviceId())).map(Event::type)
          .filter(t -> t == EventType.DEVICE_ONLINE || t == EventType.DEVICE_OFFLINE))
          .containsExactly(EventType.DEVICE_ONLINE, EventType.DEVICE_OFFLINE, EventType.DEVICE_ONLINE);
      assertThat(peer.sameProcessesAlive()).isTrue();
    }
  }

  /**
   * Two unit ids behind the one converter: the HGM9560 (unit 5) answers; nothing answers unit 9,
   * whose requests libmodbus ignores as any other slave on the RS-485 line would. It then also
   * ignores the next frame for up to 500 ms, taking it for unit 9's answer: only the transport's
   * quiet time after a timeout keeps the controller's next request out of that window. The silent
   * neighbour goes offline; the controller keeps being read exactly, every poll.
   */
  @Test
  void poll_silentNeighbourOnSameConverter_otherUnitStillReadExactly() throws Exception {
    try (LibmodbusRtuPeer peer = hgm9560();
        Harness h = new Harness(List.of(device("shpr-1", "smartgen-hgm9560", peer, UNIT),
            device("gen-9", "smartgen-hgm9520n", peer, 9)))) {
      await().atMost(Duration.ofSeconds(15)).until(() -> h.of("shpr-1").stream().filter(LibmodbusRtuIT::exact).count() >= 3
          && h.poller.stats("gen-9").orElseThrow().snapshot().failedPolls() >= 3);
      // presence is recorded just after the reading is published
      await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.get("shpr-1").orElseThrow().online());
      var gen = h.registry.get("gen-9").orElseThrow();
      assertThat(gen.online()).isFalse();
      assertThat(gen.error()).isEqualTo("no answer within 400 ms");
      assertThat(h.of("gen-9")).allSatisfy(r -> assertThat(r.values().values()).containsOnly(Value.COMM_LOST));
      assertThat(h.of("shpr-1")).allSatisfy(r -> assertThat(r.values().values()).doesNotContain(Value.COMM_LOST));
    }
  }
}
