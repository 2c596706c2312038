package io.gridwire.oig.setting;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.RealFrames;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Setting frames built field by field equal the real cloud's, byte for byte and CRC included. */
class SettingFrameTest {
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private static final DateTimeFormatter TSEC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Test
  void build_fieldsOfEveryCapturedSetting_sameBytesAndCrc() throws Exception {
    List<String> captured = new ArrayList<>(RealFrames.frames("frames_settings_cloud_to_box.txt"));
    captured.addAll(RealFrames.frames("session_2025-12-10_setting_MODE3.txt").stream().filter(f -> f.contains("<NewValue>")).toList());
    assertThat(captured).hasSizeGreaterThanOrEqualTo(10);
    for (String text : captured) {
      OigFrame real = ((Decoded.Ok) OigFrameParser.parse((text + "\r\n").getBytes(StandardCharsets.UTF_8))).frame();
      SettingFrame rebuilt = new SettingFrame(Long.parseLong(real.get("ID")), real.get("ID_Device"),
          Long.parseLong(real.get("ID_Set")), PRAGUE, real.get("NewValue"), real.get("TblName"), real.get("TblItem"),
          Integer.parseInt(real.get("ID_Server")), LocalDateTime.parse(real.get("TSec"), TSEC).toInstant(ZoneOffset.UTC),
          Integer.parseInt(real.get("ver")));
      assertThat(rebuilt.toText()).as("rebuilt from its own fields").isEqualTo(text);
    }
  }

  @Test
  void build_singleDigitHour_dtHourNotPadded() {
    SettingFrame f = new SettingFrame(14_000_001, "2206237016", 1_765_163_339L, PRAGUE, "0", "tbl_box_prms", "MODE",
        SettingFrame.LOCAL_SERVER, java.time.Instant.parse("2025-12-08T03:10:00Z"), 7);
    assertThat(f.toText()).contains("<DT>08.12.2025 4:08:59</DT>").contains("<ver>00007</ver>")
        .contains("<ID_Server>9</ID_Server>");
    assertThat(OigFrameParser.parse(f.toBytes())).isInstanceOf(Decoded.Ok.class);
  }
}
