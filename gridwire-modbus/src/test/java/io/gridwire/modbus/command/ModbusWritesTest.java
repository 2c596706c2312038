package io.gridwire.modbus.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.event.Event;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.server.ModbusServer.WriteAnswer;
import io.gridwire.modbus.write.WriteCommand;
import io.gridwire.modbus.write.WriteResult;
import io.gridwire.modbus.write.WriteTarget;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryCommandStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw writes through the ledger against a hand-written device: every way a write can end. */
class ModbusWritesTest {
  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> "");
  private final CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), events, clock, LedgerConfig.DEFAULTS);
  private final Device device = new Device();
  private final ModbusWrites writes = new ModbusWrites(ledger, id -> id.equals("gen-1") ? Optional.of(device) : Optional.empty());

  ModbusWritesTest() {
    ledger.register(writes);
  }

  @AfterEach
  void close() {
    writes.close();
    events.close();
  }

  /** A device whose answers the test chooses: by default it stores every write. */
  private static class Device implements WriteTarget {
    final int[] memory = new int[65536];
    volatile boolean online = true;
    volatile Function<ModbusRequest, Outcome> echo = r -> null;
    volatile boolean ignoreWrites;

    @Override
    public Profile profile() {
      return ProfileLibrary.builtIns().get("smartgen-hgm9520n");
    }

    @Override
    public boolean online() {
      return online;
    }

    @Override
    public CompletableFuture<WriteResult> submit(WriteCommand cmd, java.util.function.BooleanSupplier send) {
      if (!send.getAsBoolean()) return CompletableFuture.failedFuture(new io.gridwire.modbus.write.WriteNotSent());
      Outcome e = echo.apply(cmd.request());
      if (e == null) {
        if (!ignoreWrites) {
          int[] w = cmd.words();
          System.arraycopy(w, 0, memory, cmd.request().address(), w.length);
        }
        e = new Outcome.Ok(cmd.words());
      }
      int[] back = Arrays.copyOfRange(memory, cmd.request().address(), cmd.request().address() + cmd.words().length);
      return CompletableFuture.completedFuture(new WriteResult(cmd, e, new Outcome.Ok(back),
          Arrays.stream(cmd.words()).boxed().toList(), Arrays.stream(back).boxed().toList()));
    }
  }

  private static CommandRequest write(String target, String value) {
    return new CommandRequest("gen-1", ModbusWrites.KIND, target, value, false, "ops@example.com", Duration.ofMinutes(1));
  }

  private Command ended(Command c) throws Exception {
    return ledger.ended(c.id()).get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void write_storedByTheDevice_appliedWithTheReadBackAsEvidence() throws Exception {
    Command c = ended(ledger.submit(write("registers/4352", "500,-1")));
    assertThat(c.state()).isEqualTo(CommandState.APPLIED);
    assertThat(c.value()).as("normalised: unsigned words").isEqualTo("500,65535");
    assertThat(c.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
        CommandState.ACKNOWLEDGED, CommandState.APPLIED);
    assertThat(c.steps().get(2).evidence()).isEqualTo("FC16 4352 echoed [500, 65535]");
    assertThat(c.steps().get(3).evidence()).isEqualTo("FC03 4352..4353 read back [500, 65535]");
  }

  @Test
  void write_echoedButNotHeld_failedWithWhatTheDeviceHolds() throws Exception {
    device.ignoreWrites = true;
    device.memory[4352] = 7;
    Command c = ended(ledger.submit(write("register/4352", "500")));
    assertThat(c.state()).isEqualTo(CommandState.FAILED);
    assertThat(c.detail()).contains("wrote [500], read back [7]");
    assertThat(c.steps().getLast().evidence()).isEqualTo("FC03 4352..4352 read back [7]");
    assertThat(writes.exceptionCode(c.id())).contains(ModbusWrites.DEVICE_FAILURE);
  }

  @Test
  void write_deviceException_rejectedWithItsCode() throws Exception {
    device.echo = r -> new Outcome.Refused(2);
    Command c = ended(ledger.submit(write("coil/9", "1")));
    assertThat(c.state()).isEqualTo(CommandState.REJECTED);
    assertThat(c.steps().getLast().evidence()).isEqualTo("FC05 9 exception 2 (illegal data address)");
    assertThat(writes.exceptionCode(c.id())).contains(2);
  }

  @Test
  void write_noAnswer_failedNeverRetried() throws Exception {
    device.echo = r -> new Outcome.TimedOut(Duration.ofSeconds(1));
    Command c = ended(ledger.submit(write("coil/9", "1")));
    assertThat(c.state()).isEqualTo(CommandState.FAILED);
    assertThat(c.attempts()).isEqualTo(1);
    assertThat(c.detail()).contains("no answer to the write").contains("it may have acted");
    assertThat(writes.exceptionCode(c.id())).contains(ModbusWrites.TARGET_FAILED);
  }

  @Test
  void write_deviceOffline_waitsQueuedThenExpiresUnsent() throws Exception {
    device.online = false;
    Command c = ledger.submit(write("register/4352", "1"));
    Thread.sleep(600);
    assertThat(ledger.find(c.id()).orElseThrow().state()).isEqualTo(CommandState.QUEUED);
    clock.advance(Duration.ofMinutes(2));
    Command end = ended(c);
    assertThat(end.state()).isEqualTo(CommandState.EXPIRED);
    assertThat(device.memory[4352]).isZero();
  }

  @Test
  void write_deviceBackOnline_sentInOrder() throws Exception {
    device.online = false;
    Command a = ledger.submit(write("register/4352", "1"));
    Command b = ledger.submit(write("register/4352", "2"));
    device.online = true;
    assertThat(ended(a).state()).isEqualTo(CommandState.APPLIED);
    assertThat(ended(b).state()).isEqualTo(CommandState.APPLIED);
    assertThat(device.memory[4352]).isEqualTo(2);
  }

  @Test
  void facade_sentButNotEndedInTime_targetFailedAndTheLedgerFollowsIt() {
    CompletableFuture<WriteResult> never = new CompletableFuture<>();
    Device slow = new Device() {
      @Override
      public CompletableFuture<WriteResult> submit(WriteCommand cmd, java.util.function.BooleanSupplier send) {
        send.getAsBoolean(); // on the wire, and the device never answers within the façade's wait
        return never;
      }
    };
    CommandLedger l2 = new CommandLedger(new InMemoryCommandStore(), events, clock, LedgerConfig.DEFAULTS);
    ModbusWrites w2 = new ModbusWrites(l2, id -> Optional.of(slow));
    l2.register(w2);
    try {
      FacadeWrites f2 = new FacadeWrites(l2, w2, id -> Optional.of(slow), 4);
      assertThat(f2.write("gen-1", new ModbusRequest.WriteRegister(40, 1), "c", Duration.ofSeconds(1)))
          .isEqualTo(new WriteAnswer(0x0B, "timeout"));
      Command c = l2.list(new io.gridwire.core.command.CommandQuery("gen-1", null, 10)).getFirst();
      assertThat(c.state()).as("still followed by the ledger").isEqualTo(CommandState.SENT);
    } finally {
      w2.close();
    }
  }

  @Test
  void restart_sentWriteFailedNeverResent_queuedWriteDelivered() throws Exception {
    InMemoryCommandStore store = new InMemoryCommandStore();
    CommandLedger before = new CommandLedger(store, events, clock, LedgerConfig.DEFAULTS);
    before.register(new io.gridwire.core.command.CommandHandler() { // the stopped gateway: takes commands, runs none
      @Override
      public String kind() {
        return ModbusWrites.KIND;
      }

      @Override
      public CommandRequest validate(CommandRequest r) {
        return r;
      }
    });
    Command sent = before.submit(write("register/4352", "1"));
    before.transition(sent.id(), CommandState.SENT, "FC06 register/4352 := [1]", null);
    Command queued = before.submit(write("register/4353", "2"));

    CommandLedger after = new CommandLedger(store, events, clock, LedgerConfig.DEFAULTS);
    ModbusWrites restarted = new ModbusWrites(after, id -> Optional.of(device));
    try {
      after.register(restarted);
      Command failed = after.find(sent.id()).orElseThrow();
      assertThat(failed.state()).isEqualTo(CommandState.FAILED);
      assertThat(failed.detail()).contains("restarted before the device confirmed");
      assertThat(after.ended(queued.id()).get(10, java.util.concurrent.TimeUnit.SECONDS).state()).isEqualTo(CommandState.APPLIED);
      assertThat(device.memory[4352]).as("never written twice").isZero();
      assertThat(device.memory[4353]).isEqualTo(2);
    } finally {
      restarted.close();
    }
  }

  @Test
  void validate_badTargetValueProfileOrDevice_refusedNamingWhy() {
    assertThatThrownBy(() -> ledger.submit(write("4352", "1"))).hasMessageContaining("target must be register/ADDRESS");
    assertThatThrownBy(() -> ledger.submit(write("coil/0", "2"))).hasMessageContaining("coil value must be 0 or 1");
    assertThatThrownBy(() -> ledger.submit(write("register/260", "99"))).hasMessageContaining("is not a code of field");
    assertThatThrownBy(() -> ledger.submit(new CommandRequest("nope", ModbusWrites.KIND, "coil/0", "1", false, "ops", null)))
        .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void facade_offlineBusyAppliedAndFailed_answerCodes() {
    FacadeWrites facade = new FacadeWrites(ledger, writes, id -> id.equals("gen-1") ? Optional.of(device) : Optional.empty(), 4);
    assertThat(facade.write("gen-1", new ModbusRequest.WriteRegister(4352, 9), "modbus-server 127.0.0.1:5", Duration.ofSeconds(5)))
        .isEqualTo(WriteAnswer.APPLIED);
    assertThat(ledger.list(new io.gridwire.core.command.CommandQuery("gen-1", null, 10)).getFirst().requestedBy())
        .isEqualTo("modbus-server 127.0.0.1:5");
    device.ignoreWrites = true;
    assertThat(facade.write("gen-1", new ModbusRequest.WriteRegister(4352, 10), "c", Duration.ofSeconds(5)))
        .isEqualTo(new WriteAnswer(4, "failed"));
    device.echo = r -> new Outcome.Refused(3);
    assertThat(facade.write("gen-1", new ModbusRequest.WriteRegister(4352, 10), "c", Duration.ofSeconds(5)))
        .isEqualTo(new WriteAnswer(3, "rejected"));
    device.online = false;
    assertThat(facade.write("gen-1", new ModbusRequest.WriteRegister(4352, 10), "c", Duration.ofSeconds(5)))
        .isEqualTo(new WriteAnswer(0x0B, "offline"));
    assertThat(facade.write("gen-1", new ModbusRequest.WriteRegister(260, 99), "c", Duration.ofSeconds(5)))
        .as("offline is checked first").isEqualTo(new WriteAnswer(0x0B, "offline"));
  }

  @Test
  void facade_notEndedInTime_queuedCommandCancelledBusy() {
    // the device goes offline right after the façade's check: the command waits queued
    Device flaky = new Device() {
      private int asked;

      @Override
      public boolean online() {
        return asked++ == 0;
      }
    };
    CommandLedger l2 = new CommandLedger(new InMemoryCommandStore(), events, clock, LedgerConfig.DEFAULTS);
    ModbusWrites w2 = new ModbusWrites(l2, id -> Optional.of(flaky));
    l2.register(w2);
    try {
      FacadeWrites f2 = new FacadeWrites(l2, w2, id -> Optional.of(flaky), 4);
      assertThat(f2.write("gen-1", new ModbusRequest.WriteCoil(0, true), "c", Duration.ofSeconds(1))).isEqualTo(new WriteAnswer(6, "busy"));
      List<Command> all = l2.list(new io.gridwire.core.command.CommandQuery("gen-1", null, 10));
      await().atMost(Duration.ofSeconds(5)).until(() -> l2.find(all.getFirst().id()).orElseThrow().state() == CommandState.CANCELLED);
      assertThat(flaky.memory[0]).isZero();
    } finally {
      w2.close();
    }
  }
}
