package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.modbus.client.NioTcpTransport;
import io.gridwire.modbus.client.TcpReactor;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The poll loop with a transport that times its polls (the Modbus TCP reactor), against a device that refuses connections. */
class DevicePollerReactorIT {
  /**
   * The connect waits for the poll's start like the poll would: a refused device is retried after
   * its back-off, not at once, and each reading is stamped when its poll ran (a review found
   * thousands of readings a second, stamped with the JVM's time origin).
   */
  @Test
  void refusedDevice_retriedAfterItsBackOff_readingsStampedWhenPolled() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections to it are refused
    }
    Clock clock = Clock.systemUTC();
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
    DeviceRegistry registry = new DeviceRegistry(events, clock);
    registry.register(Device.of("gen-1", "", "generator", Source.MODBUS));
    List<Reading> seen = new CopyOnWriteArrayList<>();
    readings.subscribe("test", SubscriberOptions.durable(1_000), seen::add);
    TcpReactor reactor = new TcpReactor("test-io");
    NioTcpTransport transport = new NioTcpTransport(reactor, "127.0.0.1", port, Duration.ofSeconds(1));
    ModbusDeviceConfig cfg = ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "127.0.0.1", port, 1)
        .withTiming(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(300)); // interval, timeout, retry delay
    DevicePoller poller = new DevicePoller(cfg, ProfileLibrary.builtIns().get("smartgen-hgm9520n"), transport, readings,
        registry, clock, new PollStats("gen-1", new SimpleMeterRegistry()));
    try {
      Instant t0 = clock.instant();
      Thread t = Thread.ofVirtual().start(() -> poller.loop(t0));
      Thread.sleep(1_600);
      poller.stop();
      t.interrupt();
      assertThat(t.join(Duration.ofSeconds(2))).isTrue();
      Instant t1 = clock.instant();
      Thread.sleep(200); // the bus delivers

      // polls at 0 and after each back-off (300 ms, doubling: at 0.3 s and 0.9 s), give or take one; not thousands
      assertThat(seen).hasSizeBetween(2, 4);
      for (Reading r : seen) assertThat(r.timestamp()).isBetween(t0, t1);
    } finally {
      transport.close();
      readings.close();
      events.close();
    }
  }
}
