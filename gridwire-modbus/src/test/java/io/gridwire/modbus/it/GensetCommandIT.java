package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.command.GensetCommands;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.testkit.store.InMemoryCommandStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named genset commands through the ledger to both Smartgen simulators, which obey the coils. */
class GensetCommandIT {
  @TempDir Path profiles;

  /** The built-in profiles with a 3 s confirmation, so a failing confirmation does not take 30 s. */
  private ProfileLibrary shortConfirm() throws Exception {
    for (String name : ProfileLibrary.BUILT_IN) {
      try (InputStream in = ProfileLibrary.class.getResourceAsStream("/io/gridwire/modbus/profile/" + name + ".yaml")) {
        String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("confirm_timeout_s: 30", "confirm_timeout_s: 3");
        Files.writeString(profiles.resolve(name + ".yaml"), yaml);
      }
    }
    return ProfileLibrary.load(profiles);
  }

  private static CommandRequest genset(String device, String name, boolean force) {
    return new CommandRequest(device, GensetCommands.KIND, name, null, force, "ops@example.com", Duration.ofMinutes(5));
  }

  private static Command awaitEnded(CommandLedger ledger, long id) {
    await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(id).orElseThrow().state().terminal());
    return ledger.find(id).orElseThrow();
  }

  @Test
  void hgm9520n_startStopBreakerAndInterlocks_confirmedByStatusRegisters() throws Exception {
    ProfileLibrary lib = shortConfirm();
    try (ModbusSimulator gen = ModbusSimulator.start(SimulatorConfig.of("smartgen-hgm9520n", TransportKind.TCP, 0),
            lib.get("smartgen-hgm9520n"));
        Harness h = new Harness(List.of(ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "127.0.0.1", gen.port(), 1)
            .withTiming(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1))), lib)) {
      CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), h.events, Clock.systemUTC(), LedgerConfig.DEFAULTS);
      h.poller.commands(ledger);
      gen.values().setLabel("gen_status_name", "standby");
      gen.values().setLabel("gen_ats_status", "opened");
      awaitStatus(h, "gen_status_name", "standby");

      assertThat(awaitRefused(ledger, genset("gen-1", "breaker_close", false)))
          .contains("closes only onto a running genset").contains("gen_status_name=standby");
      assertThatThrownBy(() -> ledger.submit(genset("gen-1", "launch", false))).hasMessageContaining("allowed: start, stop");

      Command start = awaitEnded(ledger, ledger.submit(genset("gen-1", "start", false)).id());
      assertThat(start.state()).as(start.detail()).isEqualTo(CommandState.APPLIED);
      assertThat(start.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
          CommandState.ACKNOWLEDGED, CommandState.APPLIED);
      assertThat(start.steps().get(2).evidence()).contains("FC05 coil 0=ON");
      assertThat(start.steps().get(3).evidence()).contains("gen_status_name=running");
      assertThat(gen.bank().coil(0)).as("the pulse ends OFF").isFalse();

      Command close = awaitEnded(ledger, ledger.submit(genset("gen-1", "breaker_close", false)).id());
      assertThat(close.state()).as(close.detail()).isEqualTo(CommandState.APPLIED);
      assertThat(close.steps().getLast().evidence()).contains("gen_ats_status=closed");

      Command stop = awaitEnded(ledger, ledger.submit(genset("gen-1", "stop", false)).id());
      assertThat(stop.state()).as(stop.detail()).isEqualTo(CommandState.APPLIED);

      gen.values().setFlag("alarm_shutdown", true);
      awaitStatus(h, "alarm_shutdown", "true");
      assertThat(awaitRefused(ledger, genset("gen-1", "start", false))).contains("shutdown alarm is active");
      Command forced = awaitEnded(ledger, ledger.submit(genset("gen-1", "start", true)).id());
      assertThat(forced.state()).as("the controller itself refuses to start").isEqualTo(CommandState.FAILED);
      assertThat(forced.detail()).contains("not confirmed within 3 s").contains("gen_status_name=standby");

      Command reset = awaitEnded(ledger, ledger.submit(genset("gen-1", "alarm_reset", false)).id());
      assertThat(reset.state()).as(reset.detail()).isEqualTo(CommandState.APPLIED);
      assertThat(reset.steps().get(2).evidence()).as("mute, then reset").contains("coil 12=ON").contains("coil 17=ON");
      assertThat(gen.values().current("alarm_shutdown")).isEqualTo("false");
    }
  }

  @Test
  void hgm9560_toggleBreakerOverRtu_eachDirectionOnlyFromTheOther() throws Exception {
    ProfileLibrary lib = shortConfirm();
    try (ModbusSimulator shpr = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9560", TransportKind.RTU_OVER_TCP,
            null, 0, 3, null), lib.get("smartgen-hgm9560"));
        Harness h = new Harness(List.of(ModbusDeviceConfig.rtuOverTcp("shpr-1", "smartgen-hgm9560", "127.0.0.1", shpr.port(), 3)
            .withGaps(Duration.ofMillis(20), Duration.ofMillis(5))), lib)) {
      CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), h.events, Clock.systemUTC(), LedgerConfig.DEFAULTS);
      h.poller.commands(ledger);
      awaitStatus(h, "busbar_switch_name", "closed");
      assertThat(awaitRefused(ledger, genset("shpr-1", "breaker_close", false))).contains("toggles");
      assertThatThrownBy(() -> ledger.submit(genset("shpr-1", "alarm_reset", false))).hasMessageContaining("allowed:");
      Command open = awaitEnded(ledger, ledger.submit(genset("shpr-1", "breaker_open", false)).id());
      assertThat(open.state()).as(open.detail()).isEqualTo(CommandState.APPLIED);
      assertThat(shpr.values().current("busbar_switch_name")).isEqualTo("opened");
      Command close = awaitEnded(ledger, ledger.submit(genset("shpr-1", "breaker_close", false)).id());
      assertThat(close.state()).as(close.detail()).isEqualTo(CommandState.APPLIED);
      assertThat(close.steps().getLast().evidence()).contains("busbar_switch_name=closed");
    }
  }

  /**
   * The 409 message once the handler's own view of the status has caught up with the test's (both
   * read the readings bus, each from its own queue); a request accepted meanwhile is rejected at
   * its run by the same interlock.
   */
  private static String awaitRefused(CommandLedger ledger, CommandRequest request) {
    String[] message = new String[1];
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        ledger.submit(request);
        return false;
      } catch (CommandRefused e) {
        message[0] = e.getMessage();
        return e.status() == 409;
      }
    });
    return message[0];
  }

  private static void awaitStatus(Harness h, String metric, String text) {
    await().atMost(Duration.ofSeconds(10)).until(() -> h.got.stream().anyMatch(r -> {
      Value v = r.values().get(metric);
      return v != null && (v.equals(Value.of(text)) || (v instanceof Value.Bool b && Boolean.toString(b.value()).equals(text)));
    }) && lastIs(h, metric, text));
  }

  private static boolean lastIs(Harness h, String metric, String text) {
    List<io.gridwire.core.reading.Reading> rs = h.got;
    for (int i = rs.size() - 1; i >= 0; i--) {
      Value v = rs.get(i).values().get(metric);
      if (v == null) continue;
      return v.equals(Value.of(text)) || (v instanceof Value.Bool b && Boolean.toString(b.value()).equals(text));
    }
    return false;
  }
}
