package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.CommandStep;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.event.EventType;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.RealFrames;
import io.gridwire.oig.setting.OigSettings;
import io.gridwire.oig.sim.OigBoxSimulator.SettingBehaviour;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.store.InMemoryCommandStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OIG settings from the ledger to the simulated box and back, with the cloud up and down. */
class LocalSettingIT {
  private final InMemoryCommandStore store = new InMemoryCommandStore();
  private ProxyHarness h;
  private CommandLedger ledger;

  /** @param cloudUp false: nothing listens on the cloud port the proxy is given */
  private void start(boolean cloudUp) throws Exception {
    ledger = new CommandLedger(store, null, Clock.systemUTC(), LedgerConfig.DEFAULTS);
    h = new ProxyHarness(Clock.systemUTC(), c -> cloudUp ? c : c.withCloud("127.0.0.1", FreePorts.next()), false, null, ledger);
    h.box.connect();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.mode() != null);
    assertThat(h.mode()).isEqualTo(cloudUp ? SessionMode.FORWARD : SessionMode.OFFLINE);
    h.box.exchange(h.box.frames().actual(java.time.Instant.now())); // the session learns the box id
  }

  @AfterEach
  void close() {
    if (h != null) h.close();
  }

  private Command mode(String value) {
    return ledger.submit(new CommandRequest(ProxyHarness.DEVICE, OigSettings.KIND, "tbl_box_prms/MODE", value, false,
        "ops@example.com", Duration.ofMinutes(5)));
  }

  private Command awaitState(long id, CommandState state) {
    await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(id).orElseThrow().state() == state);
    return ledger.find(id).orElseThrow();
  }

  @Test
  void setting_cloudDown_deliveredOnPollAcknowledgedAndApplied() throws Exception {
    start(false);
    Command c = mode("Home UPS");
    h.box.poll();
    Command done = awaitState(c.id(), CommandState.APPLIED);
    assertThat(done.steps()).extracting(CommandStep::state).containsExactly(CommandState.QUEUED, CommandState.SENT,
        CommandState.ACKNOWLEDGED, CommandState.APPLIED);
    assertThat(done.steps().get(1).evidence()).contains("<TblItem>MODE</TblItem>").contains("<NewValue>3</NewValue>");
    assertThat(done.steps().get(2).evidence()).contains("<Result>ACK</Result>").contains("<Reason>Setting</Reason>");
    assertThat(done.steps().get(3).evidence()).isEqualTo("Remotely : tbl_box_prms / MODE: [0]->[3]");
    assertThat(h.box.parameters()).containsEntry("tbl_box_prms/MODE", "3");
  }

  @Test
  void setting_cloudUp_takesThePollSlot_cloudSeesNeitherPollNorAck() throws Exception {
    start(true);
    Command c = mode("3");
    h.box.poll();
    awaitState(c.id(), CommandState.APPLIED);
    List<String> cloudGot = h.cloud.received();
    assertThat(cloudGot).noneMatch(f -> f.contains("<Result>IsNewSet</Result>"));
    assertThat(cloudGot).noneMatch(f -> f.contains("<Reason>Setting</Reason>") && f.contains("<Result>ACK</Result>"));
    assertThat(cloudGot).as("the box's event still reaches the cloud").anyMatch(f -> f.contains("Remotely : tbl_box_prms / MODE"));
    h.box.poll(); // nothing waits: the next poll goes to the cloud as usual
    await().atMost(Duration.ofSeconds(5)).until(() -> h.cloud.received().stream().anyMatch(f -> f.contains("IsNewWeather")));
  }

  @Test
  void setting_boxNacks_rejectedWithItsReason() throws Exception {
    start(false);
    h.box.settingBehaviour(SettingBehaviour.REFUSE);
    Command c = mode("1");
    h.box.poll();
    Command done = awaitState(c.id(), CommandState.REJECTED);
    assertThat(done.detail()).contains("NACK WC");
    assertThat(done.steps().getLast().evidence()).contains("<Result>NACK</Result>");
  }

  @Test
  void setting_boxDisconnectsBeforeAck_sentAgainOnNextConnection_neverAfterAck() throws Exception {
    start(true);
    h.box.settingBehaviour(SettingBehaviour.DROP);
    Command c = mode("2");
    h.box.poll();
    assertThat(awaitState(c.id(), CommandState.SENT).attempts()).isEqualTo(1);
    h.box.settingBehaviour(SettingBehaviour.ACCEPT);
    h.box.poll(); // reconnects: a new connection, the setting again
    Command done = awaitState(c.id(), CommandState.APPLIED);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(h.box.stats().reconnects()).isEqualTo(1);
    h.box.poll();
    h.box.poll();
    assertThat(h.box.settingsReceived()).hasSize(2);
  }

  @Test
  void settings_two_deliveredInOrderOnePerPoll() throws Exception {
    start(false);
    Command first = mode("3");
    Command second = mode("0");
    h.box.poll();
    awaitState(first.id(), CommandState.APPLIED);
    assertThat(ledger.find(second.id()).orElseThrow().state()).isEqualTo(CommandState.QUEUED);
    h.box.poll();
    awaitState(second.id(), CommandState.APPLIED);
    assertThat(h.box.settingsReceived()).extracting(f -> f.get("NewValue")).containsExactly("3", "0");
    assertThat(h.box.settingsReceived()).extracting(f -> f.get("ID_Set")).allMatch(s -> s.length() == 10);
  }

  @Test
  void setting_cloudReturns_localSettingsReported() throws Exception {
    start(true);
    h.cloud.blackHole(); // the cloud stops answering: the session goes offline at the next frame
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      h.box.exchange(h.box.frames().actual(java.time.Instant.now()));
      return h.mode() == SessionMode.OFFLINE;
    });
    Command c = mode("3");
    h.box.poll();
    awaitState(c.id(), CommandState.APPLIED);
    h.cloud.normal();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      h.box.exchange(h.box.frames().actual(java.time.Instant.now()));
      return h.mode() == SessionMode.FORWARD;
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> h.gotEvents.stream()
        .anyMatch(e -> e.type() == EventType.NOTICE && e.message().contains("tbl_box_prms/MODE := 3")));
  }

  /** The captured 2025-12-10 exchange (IsNewSet → Setting → ACK → END → tbl_events), the gateway in the cloud's place. */
  @Test
  void replay_capturedSettingExchange_gatewayAnswersAsTheCloudDid() throws Exception {
    List<String> session = RealFrames.frames("session_2025-12-10_setting_MODE3.txt");
    start(false);
    Command c = mode("3");
    try (RawBox raw = new RawBox("127.0.0.1", h.proxy.port(), Duration.ofSeconds(5))) {
      OigFrame setting = parse(raw.exchange(wire(session.get(0))));
      assertThat(setting.kind()).isEqualTo(FrameKind.SETTING);
      OigFrame real = parse(wire(session.get(1)));
      for (String same : List.of("ID_Device", "ID_SubD", "NewValue", "Confirm", "TblName", "TblItem", "mytimediff", "Reason")) {
        assertThat(setting.get(same)).as(same).isEqualTo(real.get(same));
      }
      assertThat(setting.elements()).extracting(OigFrame.Element::name)
          .containsExactlyElementsOf(real.elements().stream().map(OigFrame.Element::name).toList());
      OigFrame end = parse(raw.exchange(wire(session.get(2))));
      OigFrame realEnd = parse(wire(session.get(3)));
      assertThat(end.elements()).extracting(OigFrame.Element::name)
          .containsExactlyElementsOf(realEnd.elements().stream().map(OigFrame.Element::name).toList());
      assertThat(end.get("ToDo")).isEqualTo("GetActual");
      assertThat(awaitState(c.id(), CommandState.ACKNOWLEDGED).steps().getLast().evidence()).isEqualTo(session.get(2));
      raw.exchange(wire(session.get(4)));
      assertThat(awaitState(c.id(), CommandState.APPLIED).detail()).contains("from 0 to 3");
    }
  }

  private static byte[] wire(String line) {
    return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static OigFrame parse(byte[] raw) {
    assertThat(raw).as("an answer").isNotNull();
    Decoded d = OigFrameParser.parse(raw);
    assertThat(d).as("good CRC").isInstanceOf(Decoded.Ok.class);
    return ((Decoded.Ok) d).frame();
  }
}
