package io.gridwire.modbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.poll.Images;
import io.gridwire.modbus.poll.RegisterImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The façade's answers to request PDUs, without sockets; the image is a stub of one block. */
class ServerPduTest {
  private final byte[] out = new byte[260];
  private final int[] words = new int[125];

  /** Holding registers 100..109 hold 1000+address, fresh; everything else unpolled. */
  private static final RegisterImage IMAGE = Images.fresh(3, 100, 10);

  private int[] answer(RegisterImage image, ServerPdu.PassThrough pass, int... pdu) {
    byte[] b = new byte[pdu.length];
    for (int i = 0; i < pdu.length; i++) b[i] = (byte) pdu[i];
    int n = ServerPdu.answer(b, 0, b.length, image, System.nanoTime(), out, 0, words, pass);
    return Arrays.copyOf(toInts(out), n);
  }

  /** Holding 40..41 and coil 0 writable. */
  private static final ModbusServerConfig.Served WHITELIST = new ModbusServerConfig.Served("gen-1", 1, 0, java.util.List.of(
      new ModbusServerConfig.Writable(ModbusServerConfig.Table.HOLDING, 40, 2),
      new ModbusServerConfig.Writable(ModbusServerConfig.Table.COIL, 0, 1)));

  private final java.util.List<io.gridwire.modbus.codec.ModbusRequest> written = new java.util.ArrayList<>();

  /** A write answered with {@code code} (0: applied). */
  private int[] write(int code, int... pdu) {
    byte[] b = new byte[pdu.length];
    for (int i = 0; i < pdu.length; i++) b[i] = (byte) pdu[i];
    int n = ServerPdu.answer(b, 0, b.length, IMAGE, System.nanoTime(), out, 0, words, null, WHITELIST, r -> {
      written.add(r);
      return code;
    });
    return Arrays.copyOf(toInts(out), n);
  }

  @Test
  void write_insideTheWhitelist_runThroughWritesAndEchoed() {
    assertThat(write(0, 6, 0, 40, 0x01, 0xF4)).containsExactly(6, 0, 40, 0x01, 0xF4); // FC06 40 := 500
    assertThat(write(0, 16, 0, 40, 0, 2, 4, 0, 7, 0, 8)).containsExactly(16, 0, 40, 0, 2); // FC16 40..41 := 7, 8
    assertThat(write(0, 5, 0, 0, 0xFF, 0)).containsExactly(5, 0, 0, 0xFF, 0); // FC05 coil 0 ON
    assertThat(write(0, 15, 0, 0, 0, 1, 1, 1)).containsExactly(15, 0, 0, 0, 1); // FC15 coil 0 := 1
    assertThat(written).containsExactly(new io.gridwire.modbus.codec.ModbusRequest.WriteRegister(40, 500),
        new io.gridwire.modbus.codec.ModbusRequest.WriteRegisters(40, new int[] {7, 8}),
        new io.gridwire.modbus.codec.ModbusRequest.WriteCoil(0, true),
        new io.gridwire.modbus.codec.ModbusRequest.WriteCoils(0, new boolean[] {true}));
  }

  @Test
  void write_outsideTheWhitelist_illegalAddressAndNotRun() {
    assertThat(write(0, 6, 0, 42, 0, 1)).containsExactly(0x86, 2); // holding 42 is not listed
    assertThat(write(0, 16, 0, 41, 0, 2, 4, 0, 7, 0, 8)).containsExactly(0x90, 2); // 41..42 straddles the end
    assertThat(write(0, 5, 0, 1, 0xFF, 0)).containsExactly(0x85, 2); // coil 1
    assertThat(write(0, 5, 0, 40, 0xFF, 0)).containsExactly(0x85, 2); // 40 is a holding register, not a coil
    assertThat(written).isEmpty();
  }

  @Test
  void write_malformed_illegalValueAndNotRun() {
    assertThat(write(0, 5, 0, 0, 0x12, 0x34)).containsExactly(0x85, 3); // a coil is FF00 or 0000
    assertThat(write(0, 16, 0, 40, 0, 2, 3, 0, 7, 0)).containsExactly(0x90, 3); // byte count 3 for 2 registers
    assertThat(write(0, 16, 0, 40, 0, 0, 0)).containsExactly(0x90, 3); // quantity 0
    assertThat(write(0, 6, 0, 40, 0)).containsExactly(0x86, 3); // short
    assertThat(written).isEmpty();
  }

  @Test
  void write_notApplied_theCodeWritesGave() {
    assertThat(write(0x04, 6, 0, 40, 0, 1)).containsExactly(0x86, 4);
    assertThat(write(0x0B, 5, 0, 0, 0, 0)).containsExactly(0x85, 0x0B);
    assertThat(write(0x06, 6, 0, 40, 0, 1)).containsExactly(0x86, 6);
  }

  private static int[] toInts(byte[] b) {
    int[] r = new int[b.length];
    for (int i = 0; i < b.length; i++) r[i] = b[i] & 0xFF;
    return r;
  }

  @Test
  void readHolding_insideTheBlock_answersTheWords() {
    assertThat(answer(IMAGE, null, 3, 0, 101, 0, 2)).containsExactly(3, 4, 0x04, 0x4D, 0x04, 0x4E); // 1101, 1102
  }

  @Test
  void malformedRequests_illegalValue() {
    assertThat(answer(IMAGE, null, 3, 0, 100, 0, 0)).containsExactly(0x83, 3); // quantity 0
    assertThat(answer(IMAGE, null, 3, 0, 100, 0, 126)).containsExactly(0x83, 3); // over 125
    assertThat(answer(IMAGE, null, 3, 0, 100, 0)).containsExactly(0x83, 3); // short PDU
    assertThat(answer(IMAGE, null, 1, 0, 0, 0x07, 0xD1)).containsExactly(0x81, 3); // 2001 coils
  }

  @Test
  void unpolledOtherFunctionBitsAndWrites_theirExceptions() {
    assertThat(answer(IMAGE, null, 3, 0, 99, 0, 2)).containsExactly(0x83, 2); // 99 unpolled
    assertThat(answer(IMAGE, null, 4, 0, 100, 0, 1)).containsExactly(0x84, 2); // input registers not polled
    assertThat(answer(IMAGE, null, 2, 0, 0, 0, 8)).containsExactly(0x82, 2);
    assertThat(answer(IMAGE, null, 6, 0, 100, 0, 1)).containsExactly(0x86, 1);
    assertThat(answer(IMAGE, null, 16, 0, 100, 0, 1, 2, 0, 1)).containsExactly(0x90, 1);
    assertThat(answer(IMAGE, null, 0x2B, 0x0E, 1, 0)).containsExactly(0xAB, 1);
    assertThat(answer(null, null, 3, 0, 100, 0, 1)).containsExactly(0x83, 0x0A); // no device on that unit
  }

  @Test
  void stale_gatewayTargetFailed() {
    assertThat(answer(Images.never(3, 100, 10), null, 3, 0, 100, 0, 1)).containsExactly(0x83, 0x0B);
  }

  @Test
  void passThrough_devicesAnswerRefusalSilenceOrBusy() {
    assertThat(answer(IMAGE, r -> new Outcome.Ok(new int[] {7, 8}), 3, 0, 50, 0, 2)).containsExactly(3, 4, 0, 7, 0, 8);
    assertThat(answer(IMAGE, r -> new Outcome.Refused(2), 3, 0, 50, 0, 2)).containsExactly(0x83, 2);
    assertThat(answer(IMAGE, r -> new Outcome.TimedOut(java.time.Duration.ofSeconds(1)), 3, 0, 50, 0, 2)).containsExactly(0x83, 0x0B);
    assertThat(answer(IMAGE, r -> null, 3, 0, 50, 0, 2)).containsExactly(0x83, 6);
    assertThat(answer(IMAGE, r -> new Outcome.Ok(new int[] {7}), 3, 0, 50, 0, 2)).containsExactly(0x83, 0x0B); // wrong count
  }
}
