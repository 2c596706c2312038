package io.gridwire.wsdevice.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.testkit.store.InMemoryCommandStore;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.web.TestGateway;
import io.gridwire.wsdevice.DeviceClient;
import io.gridwire.wsdevice.DeviceGateway;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebSocket device messages through the command ledger: delivered when connected, the reply as evidence. */
class LedgerMessagesTest {
  private final DeviceGateway gw = new DeviceGateway();
  private CommandLedger ledger;
  private LedgerMessages messages;

  private final java.util.List<io.gridwire.core.event.Event> answered = new java.util.concurrent.CopyOnWriteArrayList<>();

  private void start() {
    gw.events.subscribe("test", io.gridwire.core.bus.SubscriberOptions.live(), e -> {
      if (e.type() == io.gridwire.core.event.EventType.COMMAND_ANSWERED) answered.add(e);
    });
    gw.start(c -> c, DeviceConfig.defaults(), null);
    ledger = new CommandLedger(new InMemoryCommandStore(), gw.events, gw.clock, LedgerConfig.DEFAULTS);
    messages = new LedgerMessages(gw.devices.commands(), ledger, 4096, Duration.ofMillis(100));
    ledger.register(messages);
  }

  @AfterEach
  void stop() {
    if (messages != null) messages.close();
    gw.close();
  }

  private Command ask(String session, String json) {
    return ledger.submit(new CommandRequest(session, LedgerMessages.KIND, "message", json, false, TestGateway.ADMIN, null));
  }

  @Test
  void message_sessionConnectsLater_deliveredThenReplyApplies() throws Exception {
    start();
    Command c = ask("cerbo-1", "{\"command\":\"set_grid_feed\",\"power\":5000}");
    Thread.sleep(300); // a few retries while nothing is connected
    assertThat(ledger.find(c.id()).orElseThrow().state()).isEqualTo(CommandState.QUEUED);
    DeviceClient d = DeviceClient.authenticated(gw.http, gw.wsBase(), "cerbo-1", TestGateway.VIEWER, TestGateway.PASSWORD);
    JsonNode got = d.nextJson();
    assertThat(got.get("command").asText()).isEqualTo("set_grid_feed");
    assertThat(got.get("command_id").asText()).isEqualTo(LedgerMessages.ID_PREFIX + c.id());
    d.send("{\"command_id\":\"" + got.get("command_id").asText() + "\",\"result\":\"ok\"}");
    await().atMost(Duration.ofSeconds(5)).until(() -> ledger.find(c.id()).orElseThrow().state() == CommandState.APPLIED);
    Command done = ledger.find(c.id()).orElseThrow();
    assertThat(done.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
        CommandState.APPLIED);
    assertThat(done.steps().getLast().evidence()).contains("\"result\":\"ok\"");
    await().atMost(Duration.ofSeconds(5)).until(() -> answered.stream().anyMatch(e -> "true".equals(e.data().get("linked"))));
  }

  @Test
  void message_deviceAnswersError_rejected() throws Exception {
    start();
    DeviceClient d = DeviceClient.authenticated(gw.http, gw.wsBase(), "cerbo-2", TestGateway.VIEWER, TestGateway.PASSWORD);
    Command c = ask("cerbo-2", "{\"command\":\"reboot\"}");
    JsonNode got = d.nextJson();
    d.send("{\"command_id\":\"" + got.get("command_id").asText() + "\",\"result\":\"error\",\"reason\":\"busy\"}");
    await().atMost(Duration.ofSeconds(5)).until(() -> ledger.find(c.id()).orElseThrow().state() == CommandState.REJECTED);
    assertThat(ledger.find(c.id()).orElseThrow().steps().getLast().evidence()).contains("busy");
  }

  @Test
  void message_notAJsonObject_refused() {
    start();
    assertThatThrownBy(() -> ask("cerbo-3", "[1,2]")).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ask("cerbo-3", "x".repeat(5000))).hasMessageContaining("at most 4096 bytes");
  }
}
