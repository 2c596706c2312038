package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.client.RtuTransport;
import io.gridwire.modbus.client.SocketLink;
import io.gridwire.modbus.client.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RTU over TCP survives every injected fault without a restart, each with the right error kind. */
class RtuFaultInjectionIT {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private FaultServer server;
  private RtuTransport transport;

  private void start(FaultServer.Fault... faults) throws Exception {
    server = new FaultServer().then(faults);
    transport = new RtuTransport(SocketLink.to("127.0.0.1", server.port()), Duration.ofSeconds(1), Duration.ofMillis(20), Ticker.SYSTEM);
  }

  @AfterEach
  void stop() throws Exception {
    transport.close();
    server.close();
  }

  private Outcome read(int addr) {
    return transport.execute(1, new ModbusRequest.ReadRegisters(3, addr, 4), TIMEOUT);
  }

  private void assertRecovered(int addr) {
    assertThat(read(addr)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(addr, addr + 1, addr + 2, addr + 3));
  }

  @Test
  void noAnswer_timedOutThenRecovers() throws Exception {
    start(new FaultServer.Silent());
    assertThat(read(10)).isInstanceOf(Outcome.TimedOut.class);
    assertRecovered(20);
  }

  @Test
  void lateAnswer_arrivingDuringNextRequest_isNeverTakenForIt() throws Exception {
    start(new FaultServer.Late(TIMEOUT.toMillis() + 100));
    assertThat(read(40)).isInstanceOf(Outcome.TimedOut.class);
    assertRecovered(50); // same size: only the drain and the hunt keep request 40's answer out
    assertThat(transport.staleBytes()).isGreaterThanOrEqualTo(13);
  }

  @Test
  void garbage_malformedThenRecovers() throws Exception {
    start(new FaultServer.Garbage());
    assertThat(read(10)).isInstanceOf(Outcome.Malformed.class);
    assertRecovered(10);
  }

  @Test
  void badCrc_malformedBadCrcThenRecovers() throws Exception {
    start(new FaultServer.BadCrc());
    assertThat(read(10)).isEqualTo(new Outcome.Malformed("bad CRC"));
    assertRecovered(10);
  }

  @Test
  void corruptAnswers_endLongBeforeTheTimeout() throws Exception {
    // a 2 s timeout, as in the field: a corrupt answer used to hold the request for all of it
    start(new FaultServer.BadCrc(), new FaultServer.Garbage(), new FaultServer.Normal());
    Duration longTimeout = Duration.ofSeconds(2);
    long t0 = System.nanoTime();
    assertThat(transport.execute(1, new ModbusRequest.ReadRegisters(3, 10, 4), longTimeout)).isInstanceOf(Outcome.Malformed.class);
    assertThat(transport.execute(1, new ModbusRequest.ReadRegisters(3, 20, 4), longTimeout)).isInstanceOf(Outcome.Malformed.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertRecovered(30);
  }

  @Test
  void exceptionAnswer_refusedWithCodeThenRecovers() throws Exception {
    start(new FaultServer.Exception(2));
    assertThat(read(10)).isEqualTo(new Outcome.Refused(2));
    assertRecovered(10);
  }

  @Test
  void closeMidAnswer_transportDownThenReconnects() throws Exception {
    start(new FaultServer.CloseMidAnswer());
    assertThat(read(10)).isInstanceOf(Outcome.TransportDown.class);
    assertRecovered(10);
  }

  @Test
  void everyFaultInARow_sameTransportKeepsWorking() throws Exception {
    start(new FaultServer.Silent(), new FaultServer.Normal(), new FaultServer.Garbage(), new FaultServer.Normal(),
        new FaultServer.BadCrc(), new FaultServer.Normal(), new FaultServer.Exception(4), new FaultServer.Normal(),
        new FaultServer.Late(400), new FaultServer.Normal(), new FaultServer.CloseMidAnswer(), new FaultServer.Normal());
    String[] kinds = new String[12];
    for (int i = 0; i < 12; i++) {
      Outcome o = read(100 + 10 * i);
      kinds[i] = o.kind();
      if (o instanceof Outcome.Ok ok) assertThat(ok.words()[0]).isEqualTo(100 + 10 * i);
    }
    assertThat(kinds).containsExactly("timeout", "ok", "malformed", "ok", "malformed", "ok", "refused", "ok", "timeout", "ok", "transport", "ok");
  }
}
