package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import static io.gridwire.modbus.client.FakeLink.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A corrupt answer ends its request as soon as the line goes quiet after it, in virtual time:
 * never the full request timeout, and the next request waits only the turnaround gap (no
 * late-answer guard), so a poll of many blocks with corrupt answers stays short.
 */
class RtuCorruptAnswerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration TURNAROUND = Duration.ofMillis(150);
  /** The answer arrives 40 ms after the request; the hunt ends one answer gap after its last byte. */
  private static final long BOUND_NANOS = Duration.ofMillis(40).plus(TURNAROUND).toNanos();
  private final FakeTicker ticker = new FakeTicker();

  private RtuTransport transport(UnaryOperator<byte[]> corrupt) {
    return new RtuTransport(timeout -> new FakeLink(ticker, (link, req) -> {
      int addr = ((req[2] & 0xFF) << 8) | (req[3] & 0xFF);
      link.arrive(Duration.ofMillis(40), corrupt.apply(rtu(req[0] & 0xFF, 0x03, 0x04, addr >> 8, addr & 0xFF, 0, 1)));
    }), Duration.ofSeconds(1), TURNAROUND, ticker);
  }

  private Outcome timedRead(RtuTransport t, long[] elapsed) {
    long t0 = ticker.nanos();
    Outcome o = t.execute(1, new ModbusRequest.ReadRegisters(3, 0, 2), TIMEOUT);
    elapsed[0] = ticker.nanos() - t0;
    return o;
  }

  private void assertEndsAtOnce(UnaryOperator<byte[]> corrupt, Outcome expected) {
    long[] elapsed = new long[1];
    assertThat(timedRead(transport(corrupt), elapsed)).isEqualTo(expected);
    assertThat(elapsed[0]).isLessThanOrEqualTo(BOUND_NANOS);
  }

  @Test
  void execute_badCrc_malformedAtOnce() {
    assertEndsAtOnce(a -> { a[a.length - 1] ^= 0x01; return a; }, new Outcome.Malformed("bad CRC"));
  }

  @Test
  void execute_wrongUnit_malformedAtOnce() {
    assertEndsAtOnce(a -> rtu(2, 0x03, 0x04, 0, 0, 0, 1), new Outcome.Malformed("no valid answer in 9 byte(s)"));
  }

  @Test
  void execute_garbage_malformedAtOnce() {
    assertEndsAtOnce(a -> new byte[] {0x55, (byte) 0xAA, 0x13, 0x37, 0x00, 0x42, 0x7F}, new Outcome.Malformed("no valid answer in 7 byte(s)"));
  }

  @Test
  void execute_truncated_malformedAtOnce() {
    assertEndsAtOnce(a -> Arrays.copyOf(a, 6), new Outcome.Malformed("no valid answer in 6 byte(s)"));
  }

  @Test
  void execute_wrongByteCount_malformedAtOnce() {
    assertEndsAtOnce(a -> rtu(1, 0x03, 0x02, 0, 0), new Outcome.Malformed("no valid answer in 7 byte(s)"));
  }

  @Test
  void executeAll_tenCorruptBlocks_eachCostsTurnaroundNotTimeout() throws InterruptedException {
    RtuTransport t = transport(a -> { a[a.length - 1] ^= 0x01; return a; });
    List<ModbusRequest> reqs = new ArrayList<>(Collections.nCopies(10, new ModbusRequest.ReadRegisters(3, 0, 2)));
    Outcome[] outcomes = new Outcome[10];
    long t0 = ticker.nanos();
    int ran = t.executeAll(1, reqs, TIMEOUT, Duration.ZERO, () -> false, outcomes, new long[10]);
    assertThat(ran).isEqualTo(10);
    assertThat(outcomes).allMatch(o -> o instanceof Outcome.Malformed);
    // before: each corrupt answer held the hunt to the timeout and the next request one more
    // timeout (late-answer guard): 10 × 4 s ≈ 40 s, the ~41 s seen in the field
    // now: each costs the turnaround before it, the 40 ms answer and one answer gap: 3.4 s
    assertThat(ticker.nanos() - t0).isLessThanOrEqualTo(10 * (TURNAROUND.toNanos() + BOUND_NANOS));
  }

  @Test
  void execute_strayByteThenSlowAnswer_ok() {
    RtuTransport t = new RtuTransport(timeout -> new FakeLink(ticker, (link, req) -> {
      link.arrive(Duration.ofMillis(5), new byte[] {0x00}); // a glitch on the line right after the request
      link.arrive(Duration.ofMillis(400), rtu(1, 0x03, 0x04, 0, 7, 0, 8)); // a device slower than the answer gap
    }), Duration.ofSeconds(1), TURNAROUND, ticker);
    assertThat(t.execute(1, new ModbusRequest.ReadRegisters(3, 0, 2), TIMEOUT))
        .isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(7, 8));
  }

  @Test
  void execute_strayByteOnly_huntsTheFullTimeout() {
    RtuTransport t = new RtuTransport(timeout -> new FakeLink(ticker,
        (link, req) -> link.arrive(Duration.ofMillis(5), new byte[] {0x00})), Duration.ofSeconds(1), TURNAROUND, ticker);
    long[] elapsed = new long[1];
    assertThat(timedRead(t, elapsed)).isEqualTo(new Outcome.Malformed("no valid answer in 1 byte(s)"));
    assertThat(elapsed[0]).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
  }
}
