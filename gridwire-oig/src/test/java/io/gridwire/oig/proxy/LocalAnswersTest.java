package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.sim.BoxFrames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LocalAnswersTest {
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private static final Instant NOW = Instant.parse("2026-02-17T08:05:13Z");
  private final BoxFrames frames = new BoxFrames("2206237016", PRAGUE, 7);

  private static String answer(byte[] box) {
    return new String(LocalAnswers.answer(OigFrameParser.parse(box), NOW, PRAGUE), StandardCharsets.UTF_8);
  }

  @Test
  void answer_dataTable_ackGetActual00167() {
    assertThat(answer(frames.actual(NOW))).isEqualTo("<Frame><Result>ACK</Result><ToDo>GetActual</ToDo><CRC>00167</CRC></Frame>\r\n");
  }

  @Test
  void answer_battTableWithIdSetAndIdSubD_ackGetActualNotSettingAck() {
    assertThat(answer(frames.table("tbl_batt", NOW, "ID_SubD", "0", "BAT_C", "50"))).contains("<CRC>00167</CRC>");
  }

  @Test
  void answer_everyPollKind_endWithTimeAndUtcTime_matchesRealCapture() {
    // the real cloud answered exactly this at 2026-02-17 08:05:13Z (session_2026-02-17_conn2315);
    // a bare END (CRC 34500) to IsNewWeather/IsNewFW is known to leave boxes looping
    String real = "<Frame><Result>END</Result><Time>2026-02-17 09:05:13</Time>"
        + "<UTCTime>2026-02-17 08:05:13</UTCTime><CRC>45896</CRC></Frame>\r\n";
    assertThat(answer(frames.isNewSet())).isEqualTo(real);
    assertThat(answer(frames.isNewWeather())).isEqualTo(real);
    assertThat(answer(frames.isNewFW())).isEqualTo(real);
    assertThat(answer(frames.isNewSetWithActual(NOW))).isEqualTo(real);
  }

  @Test
  void answer_pollInSummer_timeIsCestAndUtcTimeTwoHoursEarlier() {
    Instant summer = Instant.parse("2026-07-01T22:30:00Z"); // already 2 July in Prague
    String end = new String(LocalAnswers.answer(OigFrameParser.parse(frames.isNewFW()), summer, PRAGUE), StandardCharsets.UTF_8);
    assertThat(end).startsWith("<Frame><Result>END</Result><Time>2026-07-02 00:30:00</Time><UTCTime>2026-07-01 22:30:00</UTCTime><CRC>");
    assertThat(OigFrameParser.parse(end)).isInstanceOf(io.gridwire.oig.codec.Decoded.Ok.class);
  }

  @Test
  void answer_boxEndAndSettingAck_plainAck54590() {
    assertThat(answer(frames.endOfBatch(NOW))).isEqualTo("<Frame><Result>ACK</Result><CRC>54590</CRC></Frame>\r\n");
    assertThat(answer(frames.settingAck(NOW))).contains("<CRC>54590</CRC>");
  }

  @Test
  void answer_badCrc_nackWc21736() {
    String bad = new String(frames.actual(NOW), StandardCharsets.UTF_8).replaceFirst("<CRC>\\d{5}", "<CRC>99999");
    assertThat(answer(bad.getBytes(StandardCharsets.UTF_8))).isEqualTo("<Frame><Result>NACK</Result><Reason>WC</Reason><CRC>21736</CRC></Frame>\r\n");
  }

  @Test
  void config_badPort_messageNamesKey() {
    var d = OigConfig.defaults();
    assertThatThrownBy(() -> d.withListen("0.0.0.0", 70000)).hasMessage("oig.listen_port out of range 0..65535: 70000");
    assertThatThrownBy(() -> d.withTimeouts(java.time.Duration.ZERO, d.answerTimeout(), d.probeInterval()))
        .hasMessageContaining("oig.connect_timeout");
  }
}
