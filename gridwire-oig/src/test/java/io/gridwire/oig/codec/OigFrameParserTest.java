package io.gridwire.oig.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OigFrameParserTest {

  @Test
  void parse_cloudAckGetActual_okWithOrderedElements() {
    Decoded d = OigFrameParser.parse("<Frame>"
        + "<Result>ACK</Result>"          // answer kind
        + "<ToDo>GetActual</ToDo>"        // keep sending live data
        + "<CRC>00167</CRC>"              // CRC-16/MODBUS of the two elements above
        + "</Frame>\r\n");
    assertThat(d).isInstanceOf(Decoded.Ok.class);
    OigFrame f = ((Decoded.Ok) d).frame();
    assertThat(f.elements()).extracting(OigFrame.Element::name).containsExactly("Result", "ToDo");
    assertThat(f.kind()).isEqualTo(FrameKind.ACK_GET_ACTUAL);
  }

  @Test
  void parse_repeatedTag_keepsBothInOrder() {
    byte[] raw = OigFrameBuilder.create().add("Result", "IsNewSet").add("ID_Device", "1")
        .add("TblName", "tbl_actual").add("ID_Device", "2").toBytes();
    OigFrame f = ((Decoded.Ok) OigFrameParser.parse(raw)).frame();
    assertThat(f.all("ID_Device")).containsExactly("1", "2");
    assertThat(f.deviceId()).isEqualTo("1");
  }

  @Test
  void parse_valueChangedWithoutCrc_badCrcWithExpected() {
    Decoded d = OigFrameParser.parse("<Frame><Result>ACK</Result><ToDo>GetActuaX</ToDo><CRC>00167</CRC></Frame>");
    assertThat(d).isInstanceOf(Decoded.BadCrc.class);
    assertThat(((Decoded.BadCrc) d).expected()).isNotEqualTo("00167");
  }

  @Test
  void parse_emptyValue_kept() {
    byte[] raw = OigFrameBuilder.create().add("Up", "").toBytes();
    assertThat(((Decoded.Ok) OigFrameParser.parse(raw)).frame().get("Up")).isEmpty();
  }

  @Test
  void parse_mismatchedCloseTag_malformed() {
    assertThat(OigFrameParser.parse("<Frame><A>1</B><CRC>00000</CRC></Frame>")).isInstanceOf(Decoded.Malformed.class);
  }

  @Test
  void parse_noCrc_malformed() {
    assertThat(OigFrameParser.parse("<Frame><A>1</A></Frame>")).isInstanceOf(Decoded.Malformed.class);
  }

  @Test
  void parse_notAFrame_malformed() {
    assertThat(OigFrameParser.parse("hello")).isInstanceOf(Decoded.Malformed.class);
    assertThat(OigFrameParser.parse("<Frame></Frame>")).isInstanceOf(Decoded.Malformed.class);
  }

  @Test
  void builder_knownAnswers_matchRealCrcs() {
    assertThat(OigFrameBuilder.create().add("Result", "ACK").crc()).isEqualTo("54590");
    assertThat(OigFrameBuilder.create().add("Result", "END").crc()).isEqualTo("34500");
    assertThat(OigFrameBuilder.create().add("Result", "NACK").add("Reason", "WC").crc()).isEqualTo("21736");
    assertThat(OigFrameBuilder.create().crc()).isEqualTo("65535");
  }

  @Test
  void builder_seededRandomFrames_roundTrip() {
    java.util.Random rnd = new java.util.Random(42);
    for (int i = 0; i < 500; i++) {
      OigFrameBuilder b = OigFrameBuilder.create();
      int n = 1 + rnd.nextInt(30);
      for (int k = 0; k < n; k++) b.add("F" + rnd.nextInt(50), Integer.toString(rnd.nextInt(), 36) + " :[]->");
      OigFrame expected = b.toFrame();
      Decoded d = OigFrameParser.parse(b.toBytes());
      assertThat(d).isEqualTo(new Decoded.Ok(expected));
    }
  }
}
