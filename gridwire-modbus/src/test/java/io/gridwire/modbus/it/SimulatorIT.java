package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.Value;
import io.gridwire.core.user.Role;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.PollStats;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.testkit.store.InMemoryCommandStore;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo path: both Smartgen simulators polled over their own transports, plus a write through the route and the ledger. */
class SimulatorIT {

  private static ApiRequest post(String id, String body) {
    return new ApiRequest(Map.of("id", id), Map.of(), body.getBytes(StandardCharsets.UTF_8), "admin@example.com", true, "127.0.0.1");
  }

  @Test
  void simulators_bothTransports_liveValuesWithSentinelsAndWrites() throws Exception {
    try (ModbusSimulator gen = ModbusSimulator.start(SimulatorConfig.of("smartgen-hgm9520n", TransportKind.TCP, 0));
        ModbusSimulator shpr = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9560", TransportKind.RTU_OVER_TCP, null, 0, 3, null));
        Harness h = new Harness(List.of(
            ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "127.0.0.1", gen.port(), 1)
                .withTiming(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            ModbusDeviceConfig.rtuOverTcp("shpr-1", "smartgen-hgm9560", "127.0.0.1", shpr.port(), 3)
                .withGaps(Duration.ofMillis(20), Duration.ofMillis(5))))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !h.of("gen-1").isEmpty() && !h.of("shpr-1").isEmpty());
      Map<String, Value> g = h.of("gen-1").get(0).values();
      assertThat(g.get("gen_uab")).isInstanceOfSatisfying(Value.Num.class, n -> assertThat(n.value()).isBetween(380.0, 420.0));
      assertThat(g).containsEntry("fuel_pressure", Value.SENTINEL).containsEntry("current_earth", Value.SENTINEL)
          .containsEntry("gen_status_name", Value.of("running")).containsEntry("mode_auto", Value.TRUE);
      Map<String, Value> s = h.of("shpr-1").get(0).values();
      assertThat(s).containsEntry("busbar_switch_name", Value.of("closed")).containsEntry("mains_status_name", Value.of("normal"));
      assertThat(s.get("mains_total_p")).isInstanceOfSatisfying(Value.Num.class, n -> assertThat(n.value()).isNegative());
      assertThat(h.catalog.metrics("gen-1")).containsKey("coolant_temp");
      assertThat(h.registry.get("shpr-1").orElseThrow().kind()).isEqualTo("switchgear");

      CommandLedger ledger = new CommandLedger(new InMemoryCommandStore(), h.events, Clock.systemUTC(), LedgerConfig.DEFAULTS);
      h.poller.commands(ledger);
      ApiRoute write = h.poller.routes().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
      assertThat(write.role()).isEqualTo(Role.OPERATOR);
      var answer = write.handler().handle(post("shpr-1", "{\"function\":\"register\",\"address\":4352,\"value\":750}"));
      assertThat(answer.status()).isEqualTo(200);
      @SuppressWarnings("unchecked")
      Map<String, Object> w = (Map<String, Object>) answer.body();
      assertThat(w).containsEntry("state", "applied").containsEntry("kind", "modbus_write").containsEntry("target", "register/4352")
          .containsEntry("requested_by", "admin@example.com");
      assertThat(shpr.bank().register(4352)).isEqualTo(750);
      Command recorded = ledger.find(((Number) w.get("id")).longValue()).orElseThrow();
      assertThat(recorded.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
          CommandState.ACKNOWLEDGED, CommandState.APPLIED);
      assertThat(recorded.steps().getLast().evidence()).isEqualTo("FC03 4352..4352 read back [750]");
      assertThatThrownBy(() -> write.handler().handle(post("gen-1", "{\"function\":\"register\",\"address\":260,\"value\":99}")))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400)); // not a gen status code
      assertThatThrownBy(() -> write.handler().handle(post("nope", "{\"function\":\"coil\",\"address\":0,\"value\":true}")))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      await().atMost(Duration.ofSeconds(2)).until(() -> h.gotEvents.stream().anyMatch(e -> e.type() == EventType.COMMAND
          && "applied".equals(e.data().get("state"))));

      PollStats.Snapshot st = (PollStats.Snapshot) h.poller.routes().get(1).handler()
          .handle(new ApiRequest(Map.of("id", "gen-1"), Map.of(), new byte[0], "v@example.com", false, "127.0.0.1")).body();
      assertThat(st.requests()).isPositive();
      assertThat(st.errors().values()).allMatch(n -> n == 0);
      assertThatThrownBy(() -> h.poller.routes().get(1).handler()
          .handle(new ApiRequest(Map.of("id", "nope"), Map.of(), new byte[0], "v@example.com", false, "127.0.0.1")))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));

      @SuppressWarnings("unchecked")
      java.util.List<Map<String, Object>> devices = (java.util.List<Map<String, Object>>) h.poller.routes().get(0).handler()
          .handle(new ApiRequest(Map.of(), Map.of(), new byte[0], "v@example.com", false, "127.0.0.1")).body();
      assertThat(devices).extracting(d -> d.get("device_id")).containsExactlyInAnyOrder("gen-1", "shpr-1");
      Map<String, Object> genDevice = devices.stream().filter(d -> d.get("device_id").equals("gen-1")).findFirst().orElseThrow();
      assertThat(genDevice).containsEntry("transport", "tcp").doesNotContainKey("client").containsEntry("profile", "smartgen-hgm9520n");
      Map<String, Object> shprDevice = devices.stream().filter(d -> d.get("device_id").equals("shpr-1")).findFirst().orElseThrow();
      assertThat(shprDevice).containsEntry("transport", "rtu-over-tcp").doesNotContainKey("client");
      assertThat(h.poller.routes().get(2).handler()
          .handle(new ApiRequest(Map.of(), Map.of(), new byte[0], "v@example.com", false, "127.0.0.1")).body().toString())
          .contains("smartgen-hgm9520n").contains("smartgen-hgm9560");
    }
  }
}
