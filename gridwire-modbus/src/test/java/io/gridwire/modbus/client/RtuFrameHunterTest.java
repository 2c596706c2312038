package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.RtuFrameHunter;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import static io.gridwire.modbus.client.FakeLink.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtuFrameHunterTest {
  private static final ModbusRequest READ2 = new ModbusRequest.ReadRegisters(3, 40, 2);

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  @Test
  void scan_answerAfterGarbage_found() {
    byte[] answer = rtu(0x01, 0x03, 0x04, 0x00, 0x09, 0x00, 0x2A); // unit 1, fc 3, 4 bytes: 9, 42
    byte[] buf = concat(new byte[] {0x55, 0x01, (byte) 0xFF}, answer);
    RtuFrameHunter.Hunt h = RtuFrameHunter.scan(buf, buf.length, 1, READ2);
    assertThat(h.found()).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(9, 42));
  }

  @Test
  void scan_otherUnitAndOtherSize_skipped() {
    byte[] foreign = rtu(0x03, 0x03, 0x04, 0, 1, 0, 2);          // unit 3: not ours
    byte[] lateOther = rtu(0x01, 0x03, 0x02, 0x00, 0x07);        // unit 1 but 1 register: a late answer
    byte[] mine = rtu(0x01, 0x03, 0x04, 0x00, 0x05, 0x00, 0x06);
    byte[] buf = concat(foreign, lateOther, mine);
    assertThat(RtuFrameHunter.scan(buf, buf.length, 1, READ2).found())
        .isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(5, 6));
  }

  @Test
  void scan_badCrc_notFoundAndCounted() {
    byte[] f = rtu(0x01, 0x03, 0x04, 0, 1, 0, 2);
    f[f.length - 1] ^= 0x01;
    RtuFrameHunter.Hunt h = RtuFrameHunter.scan(f, f.length, 1, READ2);
    assertThat(h.found()).isNull();
    assertThat(h.badCrc()).isEqualTo(1);
  }

  @Test
  void scan_exceptionFrame_refusedWithCode() {
    byte[] f = rtu(0x01, 0x83, 0x02);
    assertThat(RtuFrameHunter.scan(f, f.length, 1, READ2).found()).isEqualTo(new Outcome.Refused(2));
  }

  @Test
  void scan_echoOfRequest_skipped() {
    byte[] req = new byte[8];
    int n = RtuFrameHunter.encode(1, READ2, req);
    assertThat(n).isEqualTo(8);
    assertThat(RtuFrameHunter.scan(req, n, 1, READ2).found()).isNull();
  }

  @Test
  void scan_incompleteFrame_waits() {
    byte[] f = rtu(0x01, 0x03, 0x04, 0, 1, 0, 2);
    assertThat(RtuFrameHunter.scan(f, f.length - 1, 1, READ2).found()).isNull();
  }

  @Test
  void scan_writeEchoOfOtherAddress_skipped() {
    ModbusRequest w = new ModbusRequest.WriteRegister(4352, 500);
    byte[] old = rtu(0x01, 0x06, 0x11, 0x01, 0x00, 0x01); // echo of a write to 4353
    byte[] mine = rtu(0x01, 0x06, 0x11, 0x00, 0x01, 0xF4);
    byte[] buf = concat(old, mine);
    assertThat(RtuFrameHunter.scan(buf, buf.length, 1, w).found())
        .isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(500));
  }
}
