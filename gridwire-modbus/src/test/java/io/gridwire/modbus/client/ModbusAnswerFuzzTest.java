package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.PduCodec;
import io.gridwire.modbus.codec.MbapHeader;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import static io.gridwire.modbus.client.FakeLink.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.Fuzzer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Standing fuzz test of the Modbus answer decoders: the TCP answer PDU (after the MBAP header
 * check) and RTU over TCP end to end (hunter, CRC, transport in virtual time) on mutated valid
 * answers. Every answer ends in a declared outcome, an Ok carries exactly the words asked for,
 * and an RTU request never outlives its timeout. Time per run: {@link Fuzzer#budget()}.
 */
class ModbusAnswerFuzzTest {
  private static final ModbusRequest READ = new ModbusRequest.ReadRegisters(3, 40, 2);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final List<byte[]> RTU_ANSWERS = List.of(
      rtu(1, 0x03, 0x04, 0x00, 0x28, 0x00, 0x29), // unit 1, fc 3, 4 bytes: 40, 41
      rtu(1, 0x83, 0x02), // exception: illegal data address
      rtu(2, 0x03, 0x04, 0x12, 0x34, 0x56, 0x78)); // a foreign unit's answer

  private static void assertDeclared(Outcome o, ModbusRequest req) {
    assertThat(o).isNotNull();
    if (o instanceof Outcome.Ok ok && req instanceof ModbusRequest.ReadRegisters r) {
      assertThat(ok.words()).hasSize(r.count());
      assertThat(Arrays.stream(ok.words()).allMatch(w -> w >= 0 && w <= 0xFFFF)).as(Arrays.toString(ok.words())).isTrue();
    }
  }

  @Test
  void tcpAnswer_mutatedAdu_declaredOutcome() {
    // MBAP [tid 2][proto 2][len 2][unit] + PDU, as the TCP transport sees it
    byte[] adu = {0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x01, 0x03, 0x04, 0x00, 0x28, 0x00, 0x29};
    new Fuzzer(List.of(adu), List.of(new byte[] {0, 0}, new byte[] {-1, -1}, new byte[] {(byte) 0x83})).run(b -> {
      if (b.length < 7 || MbapHeader.check(b, 0, MbapHeader.MAX_LENGTH) != null) return; // rejected before any body
      int pduLen = Math.min(MbapHeader.length(b, 0) - 1, b.length - 7);
      assertDeclared(PduCodec.decode(READ, b, 7, pduLen), READ);
    });
  }

  @Test
  void rtuOverTcp_mutatedAnswer_declaredOutcomeWithinTimeout() {
    new Fuzzer(RTU_ANSWERS, List.of(new byte[] {1, 3}, new byte[] {1, (byte) 0x83}, new byte[] {4})).run(answer -> {
      FakeTicker ticker = new FakeTicker();
      RtuTransport t = new RtuTransport(timeout -> new FakeLink(ticker, (link, req) -> {
        int half = answer.length / 2; // the answer in two segments, as a converter may send it
        link.arrive(Duration.ofMillis(30), Arrays.copyOfRange(answer, 0, half));
        link.arrive(Duration.ofMillis(45), Arrays.copyOfRange(answer, half, answer.length));
      }), Duration.ofSeconds(1), Duration.ofMillis(150), ticker);
      long t0 = ticker.nanos();
      assertDeclared(t.execute(1, READ, TIMEOUT), READ);
      assertThat(ticker.nanos() - t0).isLessThanOrEqualTo(TIMEOUT.toNanos());
    });
  }
}
