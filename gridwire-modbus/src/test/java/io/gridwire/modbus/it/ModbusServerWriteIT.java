package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.modbus.command.FacadeWrites;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.PollStats;
import io.gridwire.modbus.server.ModbusServer;
import io.gridwire.modbus.server.ModbusServerConfig;
import io.gridwire.modbus.server.ModbusServerConfig.Table;
import io.gridwire.modbus.server.ModbusServerConfig.Writable;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.store.InMemoryCommandStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes through the Modbus server façade with independent clients (pymodbus, libmodbus) to a
 * pymodbus device the poller polls: whitelisted writes become ledger commands answered after the
 * read-back, everything else is refused with its exception, and polling goes on untouched.
 */
class ModbusServerWriteIT {
  private static final int UNIT = 5;
  /**
   * Holding register the device does not keep (a read-only register of some controllers): pymodbus
   * then answers the write with the value it holds instead of an echo.
   */
  private static final int READ_ONLY = 50;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private PymodbusPeer device;
  private Harness h;
  private CommandLedger ledger;
  private ModbusServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    startWith(Duration.ofMillis(500), Duration.ofSeconds(5), 4);
  }

  /** The device polled every 250 ms with {@code deviceTimeout}; the façade with {@code writeTimeout} and {@code maxPending}. */
  private void startWith(Duration deviceTimeout, Duration writeTimeout, int maxPending) throws Exception {
    device = PymodbusPeer.start("tcp", 1, "120=2301", "121=2302", "260=1", "ro=" + READ_ONLY);
    h = new Harness(List.of(ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "127.0.0.1", device.port, 1)
        .withTiming(Duration.ofMillis(250), deviceTimeout, Duration.ofMillis(250))));
    ledger = new CommandLedger(new InMemoryCommandStore(), h.events, Clock.systemUTC(), LedgerConfig.DEFAULTS);
    h.poller.commands(ledger);
    await().atMost(Duration.ofSeconds(30)).until(() -> online("gen-1"));
    port = FreePorts.next();
    ModbusServerConfig.Served served = new ModbusServerConfig.Served("gen-1", UNIT, 0, List.of(
        new Writable(Table.HOLDING, 40, 2), new Writable(Table.HOLDING, READ_ONLY, 1), new Writable(Table.HOLDING, 260, 1),
        new Writable(Table.COIL, 0, 4)));
    ModbusServerConfig config = new ModbusServerConfig("127.0.0.1", port, List.of(served), 4, 500, null, false,
        writeTimeout, maxPending);
    server = new ModbusServer(config, h.poller::image, null,
        new FacadeWrites(ledger, h.poller.modbusWrites().orElseThrow(), h.poller::writeTarget, config.maxPendingWrites()), meters,
        Clock.systemUTC()).start();
  }

  /** Waits until a poll is in flight to the paused device: no request completed for over two intervals. */
  private void awaitPollHung() {
    long[] last = {-1};
    long[] since = {System.nanoTime()};
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
      long requests = h.poller.stats("gen-1").orElseThrow().snapshot().requests();
      if (requests != last[0]) {
        last[0] = requests;
        since[0] = System.nanoTime();
        return false;
      }
      return System.nanoTime() - since[0] > 600_000_000L;
    });
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (h != null) h.close();
    if (device != null) device.close();
  }

  @Test
  void pymodbusClient_whitelistedWrites_appliedThroughTheLedgerWithReadBack() throws Exception {
    long failedBefore = h.poller.stats("gen-1").orElseThrow().snapshot().failedPolls();
    assertThat(FacadeClients.pymodbus(port, UNIT, "6:40:500", "16:40:7,8", "5:1:1", "15:0:1,0,1,1"))
        .containsExactly("ok", "ok", "ok", "ok");
    List<Command> applied = commands();
    assertThat(applied).hasSize(4).allSatisfy(c -> {
      assertThat(c.state()).as(c.detail()).isEqualTo(CommandState.APPLIED);
      assertThat(c.kind()).isEqualTo("modbus_write");
      assertThat(c.requestedBy()).startsWith("modbus-server 127.0.0.1:");
      assertThat(c.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
          CommandState.ACKNOWLEDGED, CommandState.APPLIED);
    });
    assertThat(applied).extracting(Command::target).containsExactly("register/40", "registers/40", "coil/1", "coils/0");
    assertThat(applied).extracting(c -> c.steps().getLast().evidence()).containsExactly("FC03 40..40 read back [500]",
        "FC03 40..41 read back [7, 8]", "FC01 1..1 read back [1]", "FC01 0..3 read back [1, 0, 1, 1]");
    assertThat(FacadeClients.pymodbus(port, UNIT, "3:120:2")).as("reads still served").containsExactly("ok 2301 2302");
    assertThat(meters.get("gridwire.modbus.server.writes").tag("result", "applied").counter().count()).isEqualTo(4);
    assertThat(h.poller.stats("gen-1").orElseThrow().snapshot().failedPolls()).as("polling untouched").isEqualTo(failedBefore);
  }

  @Test
  void libmodbusClient_appliedMismatchAndProfileRefusal_eachItsAnswer() throws Exception {
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 16, 40, 1234, 5678)).isEqualTo("ok");
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 5, 3, 1)).isEqualTo("ok");
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 6, READ_ONLY, 9)).as("not kept").isEqualTo("exception 4");
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 6, 260, 99)).as("not a gen status code").isEqualTo("exception 3");
    List<Command> all = commands();
    assertThat(all).extracting(Command::state).containsExactly(CommandState.APPLIED, CommandState.APPLIED, CommandState.FAILED);
    assertThat(all.get(0).steps().getLast().evidence()).isEqualTo("FC03 40..41 read back [1234, 5678]");
    Command mismatch = all.get(2);
    assertThat(mismatch.detail()).contains("the device did not echo the write");
    assertThat(mismatch.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
        CommandState.FAILED);
    assertThat(mismatch.steps().getLast().evidence()).contains("FC06 50 malformed answer").endsWith("FC03 50..50 read back [0]");
    assertThat(meters.get("gridwire.modbus.server.writes").tag("result", "failed").counter().count()).isEqualTo(1);
    assertThat(meters.get("gridwire.modbus.server.writes").tag("result", "invalid").counter().count()).isEqualTo(1);
  }

  @Test
  void writesOutsideTheWhitelist_illegalAddress_neverReachTheLedger() throws Exception {
    assertThat(FacadeClients.pymodbus(port, UNIT, "6:42:1", "6:120:1", "16:41:1,2", "5:4:1")).containsExactly("exception 2",
        "exception 2", "exception 2", "exception 2");
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 6, 39, 1)).isEqualTo("exception 2");
    assertThat(commands()).isEmpty();
    assertThat(meters.get("gridwire.modbus.server.writes").tag("result", "not_writable").counter().count()).isEqualTo(5);
  }

  @Test
  void deviceOffline_gatewayTargetFailed_nothingQueued() throws Exception {
    device.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> !online("gen-1"));
    assertThat(FacadeClients.pymodbus(port, UNIT, "6:40:1")).containsExactly("exception 11");
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 5, 0, 1)).isEqualTo("exception 11");
    assertThat(commands()).isEmpty();
    assertThat(meters.get("gridwire.modbus.server.writes").tag("result", "offline").counter().count()).isEqualTo(2);
  }

  @Test
  void hungDevice_writeStuckBehindAPoll_otherClientBusy_cancelledAtTimeoutAndNeverWritten() throws Exception {
    stop();
    startWith(Duration.ofSeconds(8), Duration.ofSeconds(3), 1);
    LibmodbusRtuPeer.require();
    LibmodbusRtuPeer.binary("tcp_writer"); // compiled now, not while the first write waits
    device.pause(); // the next poll waits 8 s for an answer; the device still counts as online meanwhile
    awaitPollHung(); // a write that reached an idle poller would be sent (and answered 0x0B), not queued
    CompletableFuture<List<String>> first = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        first.complete(FacadeClients.pymodbus(port, UNIT, "6:40:77"));
      } catch (Exception e) {
        first.completeExceptionally(e);
      }
    });
    await().atMost(Duration.ofSeconds(3)).until(() -> commands().size() == 1);
    assertThat(FacadeClients.libmodbusWrite(port, UNIT, 6, 41, 1)).as("max_pending_writes 1: busy").isEqualTo("exception 6");
    assertThat(first).as("answered while the first write still waits").isNotDone();
    assertThat(first.get(10, TimeUnit.SECONDS)).as("still queued at write_timeout: withdrawn").containsExactly("exception 6");
    Command withdrawn = commands().getFirst();
    assertThat(withdrawn.state()).isEqualTo(CommandState.CANCELLED);
    assertThat(withdrawn.detail()).contains("not written within modbus.server.write_timeout");
    assertThat(meters.get("gridwire.modbus.server.writes").tag("result", "busy").counter().count()).isEqualTo(2);

    device.resume();
    long polls = h.poller.stats("gen-1").orElseThrow().snapshot().polls();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.poller.stats("gen-1").orElseThrow().snapshot().polls() > polls + 2
        && online("gen-1"));
    assertThat(FacadeClients.pymodbus(device.port, 1, "3:40:1")).as("the withdrawn write never reached the device")
        .containsExactly("ok 0");
    assertThat(commands()).hasSize(1);
  }

  private List<Command> commands() {
    return ledger.list(new CommandQuery("gen-1", null, 100)).reversed();
  }

  private boolean online(String id) {
    return h.registry.get(id).map(io.gridwire.core.device.Device::online).orElse(false)
        && h.poller.stats(id).map(PollStats::polls).orElse(0L) > 0;
  }
}
