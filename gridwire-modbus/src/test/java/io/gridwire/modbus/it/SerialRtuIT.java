package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.device.Device;
import io.gridwire.modbus.client.RtuTransport;
import io.gridwire.modbus.client.SerialLink;
import io.gridwire.modbus.client.SerialSettings;
import io.gridwire.modbus.client.Ticker;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RTU on a local serial port, for real: jSerialComm opens one end of a socat pty pair, libmodbus
 * or pymodbus answers on the other, or a scripted slave injects faults. Same engine as RTU over
 * TCP ({@link RtuTransport}), another byte pipe ({@link SerialLink}).
 */
class SerialRtuIT {
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private PtyPair pty;
  private RtuTransport transport;

  @BeforeEach
  void line() throws Exception {
    pty = PtyPair.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (transport != null) transport.close();
    pty.close();
  }

  private SerialSettings settings() {
    return new SerialSettings(pty.gateway.toString(), 9600, SerialSettings.Parity.NONE, 1);
  }

  private RtuTransport open() {
    SerialSettings s = settings();
    transport = new RtuTransport(SerialLink.to(s), Duration.ofSeconds(1), s.interFrameGap(), s.charTime(), Ticker.SYSTEM);
    return transport;
  }

  private Outcome read(int unit, int addr, int count) {
    return transport.execute(unit, new ModbusRequest.ReadRegisters(3, addr, count), TIMEOUT);
  }

  /** Reads until ok (a slave may still be opening its end of the line). */
  private Outcome readWhenUp(int unit, int addr, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Outcome o;
    while (!((o = read(unit, addr, count)) instanceof Outcome.Ok) && System.nanoTime() < deadline) Thread.sleep(100);
    return o;
  }

  @Test
  void libmodbusSlave_readsRegisters_silentUnitTimesOutThenRecovers() throws Exception {
    try (LibmodbusRtuPeer slave = LibmodbusRtuPeer.onLine(pty.device, 7, "0:100", "10=1234", "11=5678")) {
      open();
      assertThat(readWhenUp(7, 10, 2)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(1234, 5678));
      assertThat(read(8, 10, 2)).isInstanceOf(Outcome.TimedOut.class); // nobody is unit 8 on this line
      assertThat(read(7, 11, 1)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(5678));
    }
  }

  @Test
  void libmodbusSlave_exception_isRefusedWithItsCode() throws Exception {
    try (LibmodbusRtuPeer slave = LibmodbusRtuPeer.onLine(pty.device, 1, "0:100", "refuse=50-59:2")) {
      open();
      readWhenUp(1, 0, 1);
      assertThat(read(1, 50, 2)).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.code()).isEqualTo(2));
    }
  }

  @Test
  void pymodbusSlave_twoUnitsOnOnePort_concurrentCallersEachGetTheirUnitsAnswer() throws Exception {
    try (PymodbusSerialPeer slave = PymodbusSerialPeer.start(pty.device, "1:5=101", "1:6=102", "2:5=201", "2:6=202")) {
      open();
      assertThat(readWhenUp(1, 5, 2)).isInstanceOf(Outcome.Ok.class);
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      try {
        List<Callable<int[]>> calls = List.of(() -> words(1), () -> words(2), () -> words(1), () -> words(2));
        List<Future<int[]>> got = pool.invokeAll(calls);
        for (int i = 0; i < got.size(); i++) {
          int unit = i % 2 + 1;
          assertThat(got.get(i).get()).containsExactly(unit * 100 + 1, unit * 100 + 2);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(read(3, 5, 2)).isInstanceOf(Outcome.TimedOut.class); // unit 3 is silent
    }
  }

  private int[] words(int unit) {
    int[] last = null;
    for (int i = 0; i < 5; i++) {
      Outcome o = read(unit, 5, 2);
      if (!(o instanceof Outcome.Ok ok)) throw new AssertionError("unit " + unit + ": " + o.describe());
      last = ok.words();
    }
    return last;
  }

  @Test
  void faults_garbageBadCrcSilent_eachItsKindThenRecovers() throws Exception {
    try (SerialFaultSlave slave = new SerialFaultSlave(pty.device)) {
      open();
      assertThat(readWhenUp(1, 10, 4)).isInstanceOf(Outcome.Ok.class);
      slave.then(new FaultServer.Garbage());
      assertThat(read(1, 10, 4)).isInstanceOf(Outcome.Malformed.class);
      assertThat(read(1, 20, 4)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(20, 21, 22, 23));
      slave.then(new FaultServer.BadCrc());
      assertThat(read(1, 10, 4)).isInstanceOfSatisfying(Outcome.Malformed.class, m -> assertThat(m.reason()).contains("CRC"));
      assertThat(read(1, 30, 4)).isInstanceOf(Outcome.Ok.class);
      slave.then(new FaultServer.Silent());
      assertThat(read(1, 10, 4)).isInstanceOf(Outcome.TimedOut.class);
      assertThat(read(1, 40, 4)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.words()).containsExactly(40, 41, 42, 43));
    }
  }

  @Test
  void portDisappears_deviceOfflineWithReason_backWhenThePortReturns() throws Exception {
    SerialSettings s = settings();
    ModbusDeviceConfig d = ModbusDeviceConfig.rtuSerial("gen-s", "smartgen-hgm9520n", s, 1)
        .withTiming(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(200));
    LibmodbusRtuPeer slave = LibmodbusRtuPeer.onLine(pty.device, 1, "0:2000");
    try (Harness h = new Harness(List.of(d))) {
      await(() -> online(h), "online on the serial port");
      slave.close();
      pty.unplug();
      await(() -> !online(h) && h.registry.get("gen-s").map(Device::error).orElse("").contains(pty.gateway.toString()),
          "offline naming the port");
      assertThat(h.registry.get("gen-s").orElseThrow().error()).contains("serial port");
      pty.plugIn();
      slave = LibmodbusRtuPeer.onLine(pty.device, 1, "0:2000");
      await(() -> online(h), "online again after the port returned");
    } finally {
      slave.close();
    }
  }

  private static boolean online(Harness h) {
    return h.registry.get("gen-s").map(Device::online).orElse(false);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not " + what + " within 30 s");
      Thread.sleep(50);
    }
  }
}
