package io.gridwire.uplink.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WsFrameTest {
  @Test
  void read_maskedTextFromRfcExample_unmasked() throws Exception {
    byte[] frame = {
      (byte) 0x81, // FIN + opcode 1 (text)
      (byte) 0x85, // MASK + length 5
      0x37, (byte) 0xfa, 0x21, 0x3d, // masking key
      0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58 // "Hello" masked
    };
    WsFrame f = WsFrame.read(new ByteArrayInputStream(frame), 125);
    assertThat(f.fin()).isTrue();
    assertThat(f.opcode()).isEqualTo(WsFrame.TEXT);
    assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
  }

  @Test
  void read_lengthOverMax_rejectedBeforeBody() {
    byte[] header = {
      (byte) 0x82, // FIN + binary
      (byte) 0xFF, // MASK + 64-bit length follows
      0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF // ~549 GB, no body sent
    };
    assertThatThrownBy(() -> WsFrame.read(new ByteArrayInputStream(header), 1 << 20))
        .isInstanceOf(WsFrame.TooLargeException.class);
  }

  @Test
  void read_truncated_eof() {
    byte[] frame = {(byte) 0x81, 0x05, 'H', 'e'}; // unmasked, claims 5 bytes, has 2
    assertThatThrownBy(() -> WsFrame.read(new ByteArrayInputStream(frame), 125)).isInstanceOf(EOFException.class);
  }

  @Test
  void encode_lengths_roundTripThroughRead() throws Exception {
    for (int len : new int[] {0, 125, 126, 65535, 65536}) {
      byte[] payload = new byte[len];
      for (int i = 0; i < len; i++) payload[i] = (byte) i;
      WsFrame f = WsFrame.read(new ByteArrayInputStream(WsFrame.encode(WsFrame.BINARY, payload)), 1 << 20);
      assertThat(f.payload()).isEqualTo(payload);
      assertThat(f.opcode()).isEqualTo(WsFrame.BINARY);
    }
  }

  @Test
  void handshake_rfcKey_rfcAccept() {
    assertThat(WsHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assertThat(WsHandshake.response(Map.of("upgrade", "websocket", "sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")))
        .startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assertThat(WsHandshake.response(Map.of("sec-websocket-key", "x"))).isNull();
  }
}
