package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.event.EventType;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrameParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OigProxyIT {
  private ProxyHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new ProxyHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static FrameKind kind(byte[] raw) {
    assertThat(raw).as("an answer").isNotNull();
    return ((Decoded.Ok) OigFrameParser.parse(raw)).frame().kind();
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8).strip();
  }

  @Test
  void forward_cloudUp_bytesUnchangedBothWaysAndReadingsPublished() {
    byte[] frame = h.box.frames().actual(Instant.now());
    byte[] answer = h.box.exchange(frame);
    assertThat(kind(answer)).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    assertThat(answer).isEqualTo(io.gridwire.oig.proxy.LocalAnswers.ACK_GET_ACTUAL);
    assertThat(h.cloud.received()).containsExactly(text(frame));
    assertThat(h.mode()).isEqualTo(SessionMode.FORWARD);
    assertThat(kind(h.box.exchange(h.box.frames().isNewSet()))).isEqualTo(FrameKind.END);
    await().atMost(Duration.ofSeconds(5)).until(() -> !h.gotReadings.isEmpty());
    assertThat(h.gotReadings.getFirst().deviceId()).isEqualTo(ProxyHarness.DEVICE);
    assertThat(h.gotReadings.getFirst().values()).containsKey("actual_aci_wr");
    assertThat(h.catalog.find(ProxyHarness.DEVICE, "actual_bat_c")).get().extracting(m -> m.unit()).isEqualTo("%");
    assertThat(h.registry.get(ProxyHarness.DEVICE)).get().satisfies(d -> assertThat(d.kind()).isEqualTo("battery-box"));

    // an operator removed the box (DELETE /api/devices/{id}); its next frame lists it again
    h.registry.remove(ProxyHarness.DEVICE);
    assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.get(ProxyHarness.DEVICE).map(d -> d.online()).orElse(false));
  }

  @Test
  void outages_refusedBlackHoledDroppedSlow_boxNeverReconnectsAndEveryFrameAnswered() throws Exception {
    List<String> sentTables = new ArrayList<>();
    Instant t = Instant.parse("2026-02-17T08:00:00Z");
    int n = 0;
    // 1. dropped mid-session
    h.box.exchange(h.box.frames().actual(t));
    h.cloud.dropConnections();
    for (int i = 0; i < 3; i++) sentTables.add(sendTable(t.plusSeconds(10L * ++n)));
    assertThat(h.mode()).isEqualTo(SessionMode.OFFLINE);
    // 2. refused
    h.cloud.refuse();
    for (int i = 0; i < 3; i++) sentTables.add(sendTable(t.plusSeconds(10L * ++n)));
    assertThat(kind(h.box.exchange(h.box.frames().isNewSet()))).isEqualTo(FrameKind.END);
    // 3. black-holed: connects succeed, nothing answers
    h.cloud.blackHole();
    for (int i = 0; i < 3; i++) {
      sentTables.add(sendTable(t.plusSeconds(10L * ++n)));
      Thread.sleep(200);
    }
    // 4. slow: answers later than the answer timeout
    h.cloud.slow(Duration.ofMillis(900));
    for (int i = 0; i < 3; i++) {
      sentTables.add(sendTable(t.plusSeconds(10L * ++n)));
      Thread.sleep(200);
    }
    assertThat(h.box.stats().reconnects()).isZero();
    assertThat(h.box.stats().unanswered()).isZero();
    assertThat(h.proxy.sessions()).hasSize(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> h.gotReadings.size() >= 13);

    // 5. cloud back: the same connection returns to forward and the backfill reaches the cloud in order
    h.cloud.normal();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      h.box.exchange(h.box.frames().isNewSet());
      return h.mode() == SessionMode.FORWARD;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> h.proxy.backfillQueue().stats().messages() == 0);
    List<String> received = h.cloud.received();
    List<String> tablesAtCloud = received.stream().filter(sentTables::contains).distinct().toList();
    assertThat(tablesAtCloud).containsExactlyElementsOf(sentTables);
    assertThat(h.box.stats().reconnects()).isZero();
    assertThat(h.proxy.sessions()).singleElement().satisfies(s -> assertThat(s.modeChanges()).isGreaterThanOrEqualTo(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> h.gotEvents.stream().anyMatch(e -> e.type() == EventType.MODE_CHANGED
        && "forward".equals(e.data().get("to")) && "offline".equals(e.data().get("from"))));
  }

  private String sendTable(Instant at) {
    byte[] f = h.box.frames().batchTable("tbl_ac_in", at);
    assertThat(kind(h.box.exchange(f))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    return text(f);
  }

  @Test
  void setting_cloudInjectsTwo_eachSentAndConfirmedEventNamesItsTableItemValueAndIdSet() throws Exception {
    h.cloud.injectSetting("tbl_box_prms", "MODE", "3");
    h.cloud.injectSetting("tbl_batt_prms", "BAT_MIN", "25");
    h.box.poll(); // IsNewSet → Setting MODE=3 → box ACK (Reason=Setting, names no setting) → tbl_events "Remotely"
    h.box.poll(); // IsNewWeather and IsNewFW come in between (the Box's turn); the cloud answers settings on IsNewSet
    h.box.poll();
    h.box.poll(); // the second setting
    await().atMost(Duration.ofSeconds(5)).until(() -> settingEvents("applied").size() == 2);
    h.proxy.captureWriter().flush(2000);
    List<String> idSets = h.proxy.captureStore().frames(-1, 100).reversed().stream().filter(f -> f.kind().equals("setting"))
        .map(f -> ((Decoded.Ok) OigFrameParser.parse(f.raw())).frame().get("ID_Set")).toList();
    assertThat(idSets).hasSize(2).allMatch(s -> s.matches("\\d+"));

    for (String stage : List.of("sent", "confirmed")) {
      assertThat(settingEvents(stage)).as(stage).extracting(e -> e.data()).containsExactly(
          java.util.Map.of("stage", stage, "table", "tbl_box_prms", "item", "MODE", "value", "3", "id_set", idSets.get(0)),
          java.util.Map.of("stage", stage, "table", "tbl_batt_prms", "item", "BAT_MIN", "value", "25", "id_set", idSets.get(1)));
      assertThat(settingEvents(stage)).allSatisfy(e -> assertThat(e.deviceId()).isEqualTo(ProxyHarness.DEVICE));
    }
    assertThat(settingEvents("confirmed").getFirst().message()).contains("tbl_box_prms/MODE := 3");
    assertThat(settingEvents("applied")).extracting(e -> e.data().get("table") + "/" + e.data().get("item") + "=" + e.data().get("value"))
        .containsExactly("tbl_box_prms/MODE=3", "tbl_batt_prms/BAT_MIN=25");

    // a confirmation with no setting sent on this connection (each setting is confirmed once) names none
    assertThat(kind(h.box.exchange(h.box.frames().settingAck(Instant.now())))).isEqualTo(FrameKind.END);
    await().atMost(Duration.ofSeconds(5)).until(() -> settingEvents("confirmed").size() == 3);
    assertThat(settingEvents("confirmed").getLast().data()).containsExactly(java.util.Map.entry("stage", "confirmed"));
  }

  private List<io.gridwire.core.event.Event> settingEvents(String stage) {
    return h.gotEvents.stream().filter(e -> e.type() == EventType.SETTING && stage.equals(e.data().get("stage"))).toList();
  }

  @Test
  void boxSide_partialGarbageTwoInOneBadCrc_handledWithoutDisconnect() throws Exception {
    h.cloud.refuse(); // offline answers make the box side deterministic
    h.cloud.dropConnections();
    byte[] a = h.box.frames().actual(Instant.now());
    h.box.exchange(h.box.frames().isNewSet()); // first frame may still go to the cloud
    // partial frame in two writes
    h.box.sendRaw(java.util.Arrays.copyOf(a, 30));
    Thread.sleep(50);
    h.box.sendRaw(java.util.Arrays.copyOfRange(a, 30, a.length));
    assertThat(kind(h.box.awaitAnswer())).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    // garbage before <Frame>
    h.box.sendRaw(concat("\u0001\u0002junk".getBytes(StandardCharsets.US_ASCII), h.box.frames().isNewSet()));
    assertThat(kind(h.box.awaitAnswer())).isEqualTo(FrameKind.END);
    // two frames in one segment → two answers
    h.box.sendRaw(concat(h.box.frames().actual(Instant.now()), h.box.frames().endOfBatch(Instant.now())));
    assertThat(kind(h.box.awaitAnswer())).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    assertThat(kind(h.box.awaitAnswer())).isEqualTo(FrameKind.ACK);
    // an oversize frame is answered NACK and closes the connection: OigFramingIT
    // bad CRC → NACK WC
    String bad = text(h.box.frames().actual(Instant.now())).replaceFirst("<CRC>\\d{5}</CRC>", "<CRC>00001</CRC>");
    h.box.sendRaw((bad + "\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] nack = h.box.awaitAnswer();
    assertThat(nack).isEqualTo(LocalAnswers.NACK_WC);
    assertThat(kind(h.box.exchange(h.box.frames().actual(Instant.now())))).isEqualTo(FrameKind.ACK_GET_ACTUAL);
    assertThat(h.box.stats().reconnects()).isZero();
    assertThat(h.proxy.sessions()).hasSize(1);
  }

  @Test
  void close_boxDisconnects_cloudSocketClosedToo() throws Exception {
    h.box.exchange(h.box.frames().actual(Instant.now()));
    assertThat(h.cloud.openConnections()).isEqualTo(1);
    h.box.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> h.cloud.openConnections() == 0 && h.proxy.sessions().isEmpty());
  }

  @Test
  void routes_afterTraffic_answerStatisticsQuestions() throws Exception {
    h.box.exchange(h.box.frames().actual(Instant.now()));
    h.box.exchange(h.box.frames().isNewSet());
    h.proxy.captureWriter().flush(2000);
    var req = new io.gridwire.core.api.ApiRequest(java.util.Map.of(), java.util.Map.of(), new byte[0], "t", true, "127.0.0.1");
    for (var route : h.proxy.routes()) {
      assertThat(route.path()).startsWith("/api/oig/");
      assertThat(route.handler().handle(req).status()).isEqualTo(200);
    }
    var sessions = h.proxy.routes().stream().filter(r -> r.path().equals("/api/oig/sessions")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    var rows = (java.util.List<java.util.Map<String, Object>>) sessions.handler().handle(req).body();
    assertThat(rows).isNotEmpty();
    assertThat(rows.get(0)).containsKeys("device_id", "box_frames", "answered_locally");
    assertThat(rows.get(0).get("mode")).isIn("forward", "offline");
    assertThat(h.proxy.captureStore().tableStats(Instant.EPOCH)).extracting(s -> s.table()).contains("tbl_actual", "IsNewSet");
    assertThat(h.proxy.captureStore().answerMix(Instant.EPOCH)).extracting(s -> s.kind()).contains("ack_get_actual", "end");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
