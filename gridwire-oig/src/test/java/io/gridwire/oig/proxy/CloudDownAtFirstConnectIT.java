package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cloud refuses the very first connection: the box is answered locally from its first frame
 * and never reconnects; when the cloud comes back, the same connection goes forward.
 */
class CloudDownAtFirstConnectIT {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Test
  @Timeout(30)
  void cloudDownAtFirstConnect_answeredLocallyFromFirstFrame_thenForwardOnTheSameConnection() throws Exception {
    try (ProxyHarness h = new ProxyHarness(Clock.systemUTC(), c -> c, false)) {
      h.cloud.refuse();
      h.box.connect();
      Instant t = Instant.parse("2026-02-17T08:00:00Z");
      List<String> offlineTables = new ArrayList<>();

      // the very first frame: answered by the gateway, as the cloud would
      byte[] first = h.box.frames().batchTable("tbl_dc_in", t);
      assertThat(h.box.exchange(first)).isEqualTo(LocalAnswers.ACK_GET_ACTUAL);
      offlineTables.add(text(first));
      SessionInfo s = h.proxy.sessions().getFirst();
      assertThat(s.mode()).isEqualTo(SessionMode.OFFLINE);
      assertThat(s.answeredLocally()).isEqualTo(1);
      assertThat(s.forwarded()).isZero();

      // every poll kind gets END with Time (box zone) and UTCTime, never a bare END
      assertEndWithTimes(h, h.box.frames()::isNewSet);
      assertEndWithTimes(h, h.box.frames()::isNewWeather);
      assertEndWithTimes(h, h.box.frames()::isNewFW);
      for (int i = 1; i <= 3; i++) {
        byte[] f = h.box.frames().batchTable("tbl_ac_in", t.plusSeconds(300L * i));
        assertThat(h.box.exchange(f)).isEqualTo(LocalAnswers.ACK_GET_ACTUAL);
        offlineTables.add(text(f));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> h.gotReadings.size() >= 4);
      assertThat(h.cloud.connections()).isZero();
      assertThat(h.box.stats().reconnects()).isZero();
      assertThat(h.box.stats().unanswered()).isZero();

      // the cloud comes back: the same box connection goes forward at a frame boundary
      h.cloud.normal();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        assertThat(h.box.exchange(h.box.frames().isNewSet())).isNotNull();
        return h.mode() == SessionMode.FORWARD;
      });
      byte[] live = h.box.frames().actual(Instant.now());
      assertThat(h.box.exchange(live)).isEqualTo(LocalAnswers.ACK_GET_ACTUAL);
      assertThat(h.cloud.received()).contains(text(live));
      await().atMost(Duration.ofSeconds(10)).until(() -> h.proxy.backfillQueue().stats().messages() == 0);
      assertThat(h.cloud.received().stream().filter(offlineTables::contains).toList())
          .as("the frames answered locally reach the cloud, in order").containsExactlyElementsOf(offlineTables);

      assertThat(h.box.stats().reconnects()).isZero();
      assertThat(h.proxy.sessions()).singleElement().satisfies(now -> {
        assertThat(now.id()).as("the same box connection").isEqualTo(s.id());
        assertThat(now.forwarded()).isPositive();
        assertThat(now.modeChanges()).isEqualTo(1);
      });
      h.proxy.captureWriter().flush(2000);
      assertThat(h.proxy.captureStore().modeTransitions(10).reversed()).extracting(m -> m.from() + "->" + m.to())
          .containsExactly("new->offline", "offline->forward");
    }
  }

  private static void assertEndWithTimes(ProxyHarness h, Supplier<byte[]> poll) {
    Instant before = Instant.now().minusSeconds(1);
    byte[] answer = h.box.exchange(poll.get());
    Instant after = Instant.now().plusSeconds(1);
    assertThat(answer).isNotNull();
    assertThat(OigFrameParser.parse(answer)).as("CRC of %s", text(answer)).isInstanceOf(Decoded.Ok.class);
    OigFrame end = ((Decoded.Ok) OigFrameParser.parse(answer)).frame();
    assertThat(end.kind()).isEqualTo(FrameKind.END);
    assertThat(end.elements()).extracting(OigFrame.Element::name).containsExactly("Result", "Time", "UTCTime");
    Instant utc = LocalDateTime.parse(end.get("UTCTime"), TIME).toInstant(ZoneOffset.UTC);
    Instant local = LocalDateTime.parse(end.get("Time"), TIME).atZone(ProxyHarness.ZONE).toInstant();
    assertThat(utc).isBetween(before, after);
    assertThat(local).as("Time is the same moment in the box zone").isEqualTo(utc);
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8).strip();
  }
}
