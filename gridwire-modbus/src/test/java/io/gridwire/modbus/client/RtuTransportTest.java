package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import static io.gridwire.modbus.client.FakeLink.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class RtuTransportTest {
  private static final Duration TIMEOUT = Duration.ofMillis(600);
  private final FakeTicker ticker = new FakeTicker();
  private final List<FakeLink> opened = new ArrayList<>();
  private final List<Long> writeTimes = new ArrayList<>();

  private RtuTransport transport(BiConsumer<FakeLink, byte[]> script) {
    return new RtuTransport(timeout -> {
      FakeLink l = new FakeLink(ticker, (link, req) -> {
        writeTimes.add(ticker.nanos());
        script.accept(link, req);
      });
      opened.add(l);
      return l;
    }, Duration.ofSeconds(1), Duration.ofMillis(150), ticker);
  }

  /** Answers a read of 2 registers at address A with words (A, A+1). */
  private static byte[] answerFor(byte[] req) {
    int addr = ((req[2] & 0xFF) << 8) | (req[3] & 0xFF);
    return rtu(req[0] & 0xFF, 0x03, 0x04, addr >> 8, addr & 0xFF, (addr + 1) >> 8, (addr + 1) & 0xFF);
  }

  private static ModbusRequest read(int addr) {
    return new ModbusRequest.ReadRegisters(3, addr, 2);
  }

  @Test
  void execute_answerInTwoSegments_ok() {
    RtuTransport t = transport((link, req) -> {
      byte[] a = answerFor(req);
      link.arrive(Duration.ofMillis(80), java.util.Arrays.copyOfRange(a, 0, 4));
      link.arrive(Duration.ofMillis(130), java.util.Arrays.copyOfRange(a, 4, a.length));
    });
    assertThat(t.execute(1, read(40), TIMEOUT)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(40, 41));
    assertThat(opened.get(0).written.get(0)).containsExactly(FakeLink.rtu(1, 3, 0, 40, 0, 2));
  }

  @Test
  void execute_lateAnswerOfSameSize_neverTakenForNextRequest() {
    int[] n = {0};
    RtuTransport t = transport((link, req) -> {
      // first request: answered 100 ms after its timeout; later ones: answered in 200 ms
      link.arrive(n[0]++ == 0 ? TIMEOUT.plusMillis(100) : Duration.ofMillis(200), answerFor(req));
    });
    assertThat(t.execute(1, read(40), TIMEOUT)).isInstanceOf(Outcome.TimedOut.class);
    assertThat(t.execute(1, read(50), TIMEOUT)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(50, 51));
    assertThat(t.staleBytes()).isEqualTo(9);
  }

  @Test
  void execute_lateAnswerDuringNextRequest_skippedBySize() {
    RtuTransport t = transport((link, req) -> {
      // a stray 1-register answer of unit 1 arrives first, then the real one
      link.arrive(Duration.ofMillis(20), rtu(1, 3, 2, 0x12, 0x34));
      link.arrive(Duration.ofMillis(90), answerFor(req));
    });
    assertThat(t.execute(1, read(7), TIMEOUT)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(7, 8));
  }

  @Test
  void execute_garbageOnly_malformed() {
    RtuTransport t = transport((link, req) -> link.arrive(Duration.ofMillis(50), new byte[] {0x7f, 0x00, 0x13, 0x37, 0x01}));
    assertThat(t.execute(1, read(0), TIMEOUT)).isInstanceOf(Outcome.Malformed.class);
  }

  @Test
  void execute_badCrc_malformedBadCrc() {
    RtuTransport t = transport((link, req) -> {
      byte[] a = answerFor(req);
      a[a.length - 2] ^= 0x40;
      link.arrive(Duration.ofMillis(50), a);
    });
    assertThat(t.execute(1, read(0), TIMEOUT)).isEqualTo(new Outcome.Malformed("bad CRC"));
  }

  @Test
  void execute_exceptionAnswer_refusedWithCode() {
    RtuTransport t = transport((link, req) -> link.arrive(Duration.ofMillis(50), rtu(1, 0x83, 0x02)));
    assertThat(t.execute(1, read(9000), TIMEOUT)).isEqualTo(new Outcome.Refused(2));
  }

  @Test
  void execute_closedMidAnswer_transportDownThenReconnects() {
    int[] n = {0};
    RtuTransport t = transport((link, req) -> {
      byte[] a = answerFor(req);
      if (n[0]++ == 0) {
        link.arrive(Duration.ofMillis(50), java.util.Arrays.copyOfRange(a, 0, 5));
        link.eof(Duration.ofMillis(60));
      } else {
        link.arrive(Duration.ofMillis(50), a);
      }
    });
    assertThat(t.execute(1, read(0), TIMEOUT)).isEqualTo(new Outcome.TransportDown("connection closed by peer mid-answer"));
    assertThat(opened.get(0).closed).isTrue();
    assertThat(t.execute(1, read(0), TIMEOUT)).isInstanceOf(Outcome.Ok.class);
    assertThat(opened).hasSize(2);
  }

  @Test
  void execute_endlessGarbage_boundedAndMalformed() {
    RtuTransport t = transport((link, req) -> {
      for (int i = 0; i < 100; i++) link.arrive(Duration.ofMillis(i), new byte[200]);
    });
    assertThat(t.execute(1, read(0), TIMEOUT)).isEqualTo(new Outcome.Malformed("no valid answer in 20000 byte(s)"));
  }

  @Test
  void execute_noAnswer_timedOut() {
    RtuTransport t = transport((link, req) -> {});
    assertThat(t.execute(1, read(0), TIMEOUT)).isEqualTo(new Outcome.TimedOut(TIMEOUT));
  }

  @Test
  void execute_consecutiveRequests_keepTurnaroundGap() {
    RtuTransport t = transport((link, req) -> link.arrive(Duration.ofMillis(40), answerFor(req)));
    t.execute(1, read(0), TIMEOUT);
    long firstAnswered = ticker.nanos();
    t.execute(2, read(10), TIMEOUT);
    assertThat(writeTimes.get(1) - firstAnswered).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
  }
}
