package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.write.WriteCommand;
import io.gridwire.modbus.write.WriteResult;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevicePollerTest {
  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00Z");
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final List<Event> seenEvents = new CopyOnWriteArrayList<>();
  private final DeviceRegistry registry = new DeviceRegistry(events, clock);
  private final FakeTransport transport = new FakeTransport();
  private final ModbusDeviceConfig cfg = ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "127.0.0.1", 502, 1);
  private final DevicePoller poller = new DevicePoller(cfg, ProfileLibrary.builtIns().get("smartgen-hgm9520n"), transport,
      readings, registry, clock, new PollStats("gen-1", new SimpleMeterRegistry()));

  DevicePollerTest() {
    events.subscribe("test", SubscriberOptions.live(), seenEvents::add);
    registry.register(Device.of("gen-1", "", "generator", Source.MODBUS));
    transport.memory[212] = 1500; // engine speed
    transport.memory[220] = 0xFFF6; // coolant -10 °C
  }

  @AfterEach
  void close() {
    readings.close();
    events.close();
  }

  @Test
  void readThrough_queuedReadsRunBeforeTheNextBlock_fifthWaitingIsRefused() throws Exception {
    transport.memory[900] = 77;
    List<java.util.concurrent.CompletableFuture<Outcome>> queued = new java.util.ArrayList<>();
    for (int i = 0; i < DevicePoller.MAX_QUEUED_READS; i++) queued.add(poller.readThrough(new ModbusRequest.ReadRegisters(3, 900, 1)));
    assertThat(poller.readThrough(new ModbusRequest.ReadRegisters(3, 900, 1))).isNull();
    poller.pollOnce();
    for (var f : queued) assertThat(f.get()).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(77));
    assertThat(transport.requests.subList(0, 4)).allMatch(r -> r.address() == 900); // ahead of the poll's blocks
    assertThat(poller.readThrough(new ModbusRequest.ReadRegisters(3, 900, 1))).isNotNull(); // room again
  }

  @Test
  void pollOnce_answeredBlocks_inTheRegisterImage_failedOnesStale() throws Exception {
    transport.failure = r -> r.address() == 260 ? new Outcome.Refused(4) : null;
    poller.pollOnce();
    int[] out = new int[125];
    assertThat(poller.image().read(3, 212, 1, System.nanoTime(), out)).isInstanceOf(RegisterImage.Read.Words.class);
    assertThat(out[0]).isEqualTo(1500);
    assertThat(poller.image().read(3, 260, 1, System.nanoTime(), out)).isInstanceOf(RegisterImage.Read.Stale.class);
  }

  @Test
  void pollOnce_allBlocksAnswer_oneReadingAndOnline() throws Exception {
    DevicePoller.PollResult r = poller.pollOnce();
    assertThat(r.failedBlocks()).isZero();
    assertThat(r.reading().values()).containsEntry("engine_speed", Value.of(1500)).containsEntry("coolant_temp", Value.of(-10))
        .containsKey("shutdown_e_stop"); // poll 0 reads the slow alarm blocks too
    assertThat(registry.get("gen-1").orElseThrow().online()).isTrue();
  }

  @Test
  void pollOnce_slowBlocks_readEveryFifthPoll() throws Exception {
    poller.pollOnce();
    transport.requests.clear();
    for (int i = 1; i < 5; i++) poller.pollOnce();
    assertThat(transport.requests).hasSize(4 * 9);
    transport.requests.clear();
    DevicePoller.PollResult fifth = poller.pollOnce();
    assertThat(transport.requests).hasSize(9 + 7);
    assertThat(fifth.reading().values()).containsKey("warning_e_stop");
  }

  @Test
  void skipUnchangedBlocks_off_everyReadingWhole() throws Exception {
    int whole = poller.pollOnce().reading().values().size();
    for (int i = 1; i < 5; i++) poller.pollOnce();
    assertThat(poller.pollOnce().reading().values()).hasSize(whole);
  }

  @Test
  void skipUnchangedBlocks_onlyChangedBlocksDecoded_failedOrRefreshDueBlocksWholeAgain() throws Exception {
    poller.skipUnchangedBlocks(Duration.ofMinutes(1));
    DevicePoller.PollResult first = poller.pollOnce();
    assertThat(first.reading().values()).containsEntry("engine_speed", Value.of(1500)).containsKey("shutdown_e_stop");

    DevicePoller.PollResult same = poller.pollOnce();
    assertThat(same.reading().values()).isEmpty(); // every register as last decoded
    assertThat(same.okBlocks()).isPositive();
    assertThat(registry.get("gen-1").orElseThrow().online()).isTrue();

    transport.memory[212] = 1480; // engine speed moves: its block, and only its block, comes again
    DevicePoller.PollResult moved = poller.pollOnce();
    assertThat(moved.reading().values()).containsEntry("engine_speed", Value.of(1480)).doesNotContainKey("gen_uab")
        .doesNotContainKey("shutdown_e_stop");

    transport.failure = r -> r.address() == 212 ? new Outcome.Refused(4) : null;
    assertThat(poller.pollOnce().reading().values()).containsEntry("engine_speed", Value.COMM_LOST);
    transport.failure = r -> null;
    assertThat(poller.pollOnce().reading().values()).containsEntry("engine_speed", Value.of(1480)); // after a failure: decoded

    poller.skipUnchangedBlocks(Duration.ofNanos(1)); // every decode is old at once: the refresh is due
    assertThat(poller.pollOnce().reading().values()).containsEntry("gen_uab", Value.of(0)).containsKey("engine_speed");
  }

  @Test
  void pollOnce_timeoutMidPoll_restIsCommLostButDeviceStaysOnline() throws Exception {
    transport.failure = r -> r.address() == 212 ? new Outcome.TimedOut(Duration.ofSeconds(2)) : null;
    DevicePoller.PollResult r = poller.pollOnce();
    assertThat(r.reading().values()).containsEntry("gen_uab", Value.of(0)).containsEntry("engine_speed", Value.COMM_LOST)
        .containsEntry("gen_status", Value.COMM_LOST).containsEntry("alarm_count", Value.COMM_LOST);
    assertThat(transport.requests).noneMatch(q -> q.address() == 260); // aborted after the timeout
    assertThat(registry.get("gen-1").orElseThrow().online()).isTrue();
  }

  @Test
  void pollOnce_refusedBlock_otherBlocksStillRead() throws Exception {
    transport.failure = r -> r.address() == 511 ? new Outcome.Refused(2) : null;
    DevicePoller.PollResult r = poller.pollOnce();
    assertThat(r.reading().values()).containsEntry("alarm_count", Value.COMM_LOST).containsEntry("engine_speed", Value.of(1500));
    assertThat(r.failedBlocks()).isEqualTo(1);
  }

  @Test
  void pollOnce_deviceDown_offlineWithErrorAndResetAfterThree() throws Exception {
    registry.seen("gen-1");
    transport.failure = r -> new Outcome.TransportDown("Connection refused");
    for (int i = 0; i < 3; i++) {
      DevicePoller.PollResult r = poller.pollOnce();
      assertThat(r.reading().values().values()).allMatch(v -> v.equals(Value.COMM_LOST));
    }
    Device d = registry.get("gen-1").orElseThrow();
    assertThat(d.online()).isFalse();
    assertThat(d.error()).isEqualTo("connection failed: Connection refused");
    assertThat(transport.resets).isEqualTo(1);
    assertThat(transport.requests).hasSize(3); // one attempt per poll, not one per block
    assertThat(poller.failures()).isEqualTo(3);
  }

  @Test
  void submit_write_runsBeforeNextBlockAndIsConfirmed() throws Exception {
    CompletableFuture<WriteResult> f = poller.submit(WriteCommand.parse("{\"function\":\"register\",\"address\":4368,\"value\":750}".getBytes()));
    poller.pollOnce();
    assertThat(transport.requests.get(0)).isEqualTo(new ModbusRequest.WriteRegister(4368, 750));
    assertThat(transport.requests.get(1)).isEqualTo(new ModbusRequest.ReadRegisters(3, 4368, 1));
    assertThat(f.get().status()).isEqualTo("confirmed");
    assertThat(f.get().echoEvidence()).isEqualTo("FC06 4368 echoed [750]");
    assertThat(f.get().readBackEvidence()).isEqualTo("FC03 4368..4368 read back [750]");
  }

  @Test
  void online_beforeFirstPollFalse_afterAGoodPollTrue_afterAFailedPollFalse() throws Exception {
    assertThat(poller.online()).isFalse();
    poller.pollOnce();
    assertThat(poller.online()).isTrue();
    transport.failure = r -> new Outcome.TransportDown("refused");
    poller.pollOnce();
    assertThat(poller.online()).isFalse();
  }

  @Test
  void submit_writeNotApplied_unconfirmed() throws Exception {
    transport.failure = r -> r instanceof ModbusRequest.WriteRegister ? new Outcome.Ok(new int[] {1}) : null; // echo, but memory unchanged
    CompletableFuture<WriteResult> f = poller.submit(WriteCommand.parse("{\"function\":6,\"address\":4352,\"value\":500}".getBytes()));
    poller.pollOnce();
    assertThat(f.get().status()).isEqualTo("unconfirmed");
    assertThat(f.get().detail()).isEqualTo("read back [0] differs from the written [500]");
  }
}
