package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.PollStats;
import io.gridwire.modbus.server.ModbusServer;
import io.gridwire.modbus.server.ModbusServerConfig;
import io.gridwire.testkit.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Modbus TCP server façade against independent clients (pymodbus, libmodbus) while the
 * poller polls a pymodbus device: answers from the image, exceptions for unpolled ranges,
 * unknown units, writes and stale data, and hostile input closed or refused without touching
 * the poll.
 */
class ModbusServerIT {
  private static final int UNIT = 5;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private PymodbusPeer device;
  private Harness h;
  private ModbusServer server;
  private int shared;
  private int own;

  @BeforeEach
  void start() throws Exception {
    device = PymodbusPeer.start("tcp", 1, "120=2301", "121=2302", "135=7", "260=1", "273=42");
    h = new Harness(List.of(gen("gen-1"), gen("gen-2")));
    await(() -> online("gen-1") && online("gen-2"), "both devices polled");
    shared = FreePorts.next();
    own = FreePorts.next();
    server = new ModbusServer(new ModbusServerConfig("127.0.0.1", shared, List.of(
        new ModbusServerConfig.Served("gen-1", UNIT, 0), new ModbusServerConfig.Served("gen-2", 0, own)), 4, 500, null, false),
        h.poller::image, meters, Clock.systemUTC()).start();
  }

  private ModbusDeviceConfig gen(String id) {
    return ModbusDeviceConfig.tcp(id, "smartgen-hgm9520n", "127.0.0.1", device.port, 1)
        .withTiming(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(250));
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (h != null) h.close();
    if (device != null) device.close();
  }

  @Test
  void pymodbusClient_readsTheImage_andGetsExceptionsForUnpolledUnknownAndWrites() throws Exception {
    assertThat(FacadeClients.pymodbus(shared, UNIT, "3:120:2", "3:120:16", "3:1000:2", "4:120:2", "1:0:8", "6:120:1"))
        .containsExactly("ok 2301 2302", "ok 2301 2302 0 0 0 0 0 0 0 0 0 0 0 0 0 7", "exception 2", "exception 2", "exception 2",
            "exception 1");
    assertThat(FacadeClients.pymodbus(shared, 9, "3:120:2")).containsExactly("exception 10"); // no device is unit 9
    assertThat(FacadeClients.pymodbus(own, 77, "3:273:1")).containsExactly("ok 42"); // a port of its own: any unit id
  }

  @Test
  void libmodbusClient_readsTheImage_acrossTwoBlocksAndOnItsOwnPort() throws Exception {
    assertThat(FacadeClients.libmodbus(shared, UNIT, 3, 134, 2, 1)).containsExactly("ok 0 7");
    assertThat(FacadeClients.libmodbus(own, 1, 3, 260, 14, 1)).containsExactly("ok 1 0 0 0 0 0 0 0 0 0 0 0 0 42");
    assertThat(FacadeClients.libmodbus(shared, UNIT, 3, 119, 2, 1)).containsExactly("exception 2"); // 119 is not polled
  }

  @Test
  void passThrough_unpolledRange_readFromTheDeviceWithinItsPollLoop() throws Exception {
    int port = FreePorts.next();
    try (ModbusServer through = new ModbusServer(new ModbusServerConfig("127.0.0.1", port,
        List.of(new ModbusServerConfig.Served("gen-1", UNIT, 0)), 4, 500, null, true), h.poller::image, h.poller::readThrough, meters,
        Clock.systemUTC()).start()) {
      long requests = h.poller.stats("gen-1").orElseThrow().snapshot().requests();
      assertThat(FacadeClients.libmodbus(port, UNIT, 3, 119, 2, 1)).containsExactly("ok 0 2301"); // 119 from the device, 120 too
      assertThat(FacadeClients.pymodbus(port, UNIT, "3:998:2", "3:999:2", "3:120:2"))
          .containsExactly("ok 0 0", "exception 2", "ok 2301 2302"); // 1000 is past the device's map: its own exception
      assertThat(h.poller.stats("gen-1").orElseThrow().snapshot().requests()).as("counted as the device's requests")
          .isGreaterThan(requests);
      assertThat(meters.get("gridwire.modbus.server.pass.through").tag("result", "queued").counter().count()).isEqualTo(3);
    }
  }

  @Test
  void deviceGone_staleImage_answersGatewayTargetFailed() throws Exception {
    device.close();
    // Both pollers must have noticed: gen-2 polls the same device on its own schedule, and until
    // its next poll fails its image is recent and served (CI, 2026-12-07: the query of gen-2
    // came 0.1 s before gen-2's poll failed). A poller marks its image offline before the registry.
    await(() -> !online("gen-1") && !online("gen-2"), "gen-1 and gen-2 offline");
    assertThat(FacadeClients.libmodbus(shared, UNIT, 3, 120, 2, 1)).containsExactly("exception 11");
    assertThat(FacadeClients.pymodbus(own, 1, "3:120:2")).containsExactly("exception 11");
  }

  @Test
  void malformedMbap_connectionClosedCounted_pollingUntouched() throws Exception {
    long before = h.poller.stats("gen-1").map(PollStats::polls).orElseThrow();
    for (byte[] header : List.of(mbap(1, 0, 255, UNIT), mbap(2, 0, 0xFFFF, UNIT), mbap(3, 0, 1, UNIT), mbap(4, 7, 6, UNIT))) {
      try (Socket s = new Socket("127.0.0.1", shared)) {
        s.setSoTimeout(5000);
        s.getOutputStream().write(header);
        assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
      }
    }
    assertThat(meters.get("gridwire.modbus.server.requests").tag("result", "malformed").counter().count()).isEqualTo(4);
    await(() -> h.poller.stats("gen-1").map(PollStats::polls).orElseThrow() >= before + 3, "polls going on");
    assertThat(h.poller.stats("gen-1").orElseThrow().snapshot().failedPolls()).isZero();
    assertThat(FacadeClients.libmodbus(shared, UNIT, 3, 120, 2, 1)).containsExactly("ok 2301 2302"); // still serving
  }

  @Test
  void flood_beyondTheRate_answersServerBusyAndCounts() throws Exception {
    try (Socket s = new Socket("127.0.0.1", shared)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      byte[] burst = new byte[12 * 1000];
      for (int i = 0; i < 1000; i++) System.arraycopy(read(i, 120, 2), 0, burst, 12 * i, 12);
      out.write(burst);
      InputStream in = s.getInputStream();
      int busy = 0;
      int ok = 0;
      for (int i = 0; i < 1000; i++) {
        byte[] head = in.readNBytes(8);
        int len = ((head[4] & 0xFF) << 8) | (head[5] & 0xFF);
        byte[] rest = in.readNBytes(len - 2);
        if ((head[7] & 0xFF) == 0x83 && rest[0] == 6) busy++;
        else if ((head[7] & 0xFF) == 3) ok++;
      }
      assertThat(ok + busy).isEqualTo(1000);
      assertThat(ok).isGreaterThanOrEqualTo(500); // 500 per second, the burst may straddle two windows
      assertThat(busy).isPositive();
    }
    assertThat(meters.get("gridwire.modbus.server.requests").tag("result", "throttled").counter().count()).isPositive();
  }

  @Test
  void connectionsOverTheLimit_closedAndCounted() throws Exception {
    List<Socket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) held.add(new Socket("127.0.0.1", shared));
      try (Socket extra = new Socket("127.0.0.1", shared)) {
        extra.setSoTimeout(5000);
        assertThat(extra.getInputStream().read()).isEqualTo(-1);
      }
      assertThat(meters.get("gridwire.modbus.server.connections.rejected").counter().count()).isEqualTo(1);
    } finally {
      for (Socket s : held) s.close();
    }
    await(() -> {
      try {
        return FacadeClients.libmodbus(shared, UNIT, 3, 120, 2, 1).equals(List.of("ok 2301 2302"));
      } catch (Exception e) {
        return false;
      }
    }, "served again once the held connections closed");
  }

  private static byte[] read(int tid, int addr, int count) {
    byte[] b = mbap(tid, 0, 6, UNIT);
    byte[] r = java.util.Arrays.copyOf(b, 12);
    r[7] = 3;
    r[8] = (byte) (addr >> 8);
    r[9] = (byte) addr;
    r[10] = (byte) (count >> 8);
    r[11] = (byte) count;
    return r;
  }

  private static byte[] mbap(int tid, int protocol, int length, int unit) {
    return new byte[] {(byte) (tid >> 8), (byte) tid, (byte) (protocol >> 8), (byte) protocol, (byte) (length >> 8), (byte) length,
        (byte) unit};
  }

  private boolean online(String id) {
    return h.registry.get(id).map(io.gridwire.core.device.Device::online).orElse(false);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not " + what + " within 30 s");
      Thread.sleep(50);
    }
  }
}
