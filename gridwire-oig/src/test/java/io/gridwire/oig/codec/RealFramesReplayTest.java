package io.gridwire.oig.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealFramesReplayTest {

  @Test
  void parse_everyRealFrame_crcVerifiedAndFieldsParsed() throws Exception {
    List<String> frames = RealFrames.allFrames();
    assertThat(frames).hasSizeGreaterThan(150);
    for (String text : frames) {
      Decoded d = OigFrameParser.parse(text + "\r\n");
      assertThat(d).as(text).isInstanceOf(Decoded.Ok.class);
      OigFrame f = ((Decoded.Ok) d).frame();
      assertThat(f.elements()).as(text).isNotEmpty();
      assertThat(f.kind()).as(text).isNotEqualTo(FrameKind.OTHER);
      // re-encoding in the same order reproduces the captured bytes exactly
      assertThat(new String(OigFrameBuilder.encode(f), StandardCharsets.UTF_8)).isEqualTo(text + "\r\n");
    }
  }

  @Test
  void decoder_allRealFramesInOneStream_extractsEachInOrder() throws Exception {
    List<String> frames = RealFrames.allFrames();
    byte[] stream = (String.join("\r\n", frames) + "\r\n").getBytes(StandardCharsets.UTF_8);
    FrameDecoder decoder = new FrameDecoder();
    List<String> out = new ArrayList<>();
    for (int off = 0; off < stream.length; off += 997) {
      decoder.feed(stream, off, Math.min(997, stream.length - off), p -> {
        if (p instanceof Piece.Frame fr) out.add(new String(fr.raw(), StandardCharsets.UTF_8).strip());
      });
    }
    assertThat(out).containsExactlyElementsOf(frames);
  }

  @Test
  void crc_testVectorFile_everyVectorMatches() throws Exception {
    int checked = 0;
    for (String line : Files.readAllLines(RealFrames.dir().resolve("crc_test_vectors.txt"))) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] c = line.split("\t", 2);
      String inner = c.length > 1 ? c[1] : "";
      assertThat(OigCrc.of(inner.getBytes(StandardCharsets.UTF_8))).as(inner).isEqualTo(c[0]);
      checked++;
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void kind_realBatteryTableWithIdSetAndIdSubD_isTableNotSettingAck() throws Exception {
    for (String text : RealFrames.frames("frames_tbl_batt_prms.txt")) {
      OigFrame f = ((Decoded.Ok) OigFrameParser.parse(text)).frame();
      assertThat(f.get("ID_SubD")).isNotNull();
      assertThat(f.kind()).isEqualTo(FrameKind.TABLE);
    }
  }
}
