package io.gridwire.oig.proxy;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.oig.sim.OigCloudSimulator;
import io.gridwire.testkit.store.InMemoryCaptureStore;
import io.gridwire.testkit.store.InMemoryQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** Cloud simulator + proxy + box simulator on 127.0.0.1 free ports, short timeouts. */
final class ProxyHarness implements AutoCloseable {
  static final String DEVICE = "2206237016";
  static final ZoneId ZONE = ZoneId.of("Europe/Prague");
  final Clock clock;
  final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  final Bus<Event> events = new Bus<>("events", e -> e.type().name());
  final List<Reading> gotReadings = new CopyOnWriteArrayList<>();
  final List<Event> gotEvents = new CopyOnWriteArrayList<>();
  final MetricCatalog catalog = new MetricCatalog();
  final DeviceRegistry registry;
  final OigCloudSimulator cloud;
  final OigProxy proxy;
  final OigBoxSimulator box;

  ProxyHarness() throws Exception {
    this(Clock.systemUTC(), c -> c, true);
  }

  /**
   * @param clock the proxy's clock (the simulators use it too)
   * @param tweak changes to the harness's config (short timeouts, backfill every 20 ms)
   * @param connectBox whether {@link #box} connects now (false: the test connects it later)
   */
  ProxyHarness(Clock clock, UnaryOperator<OigConfig> tweak, boolean connectBox) throws Exception {
    this(clock, tweak, connectBox, null);
  }

  /** Like {@link #ProxyHarness(Clock, UnaryOperator, boolean)}, the proxy exporting its meters to {@code meters}. */
  ProxyHarness(Clock clock, UnaryOperator<OigConfig> tweak, boolean connectBox, MeterRegistry meters) throws Exception {
    this(clock, tweak, OigRuntime.DEFAULT, connectBox, meters, null);
  }

  /** Like {@link #ProxyHarness(Clock, UnaryOperator, boolean)} with the proxy's non-key settings. */
  ProxyHarness(Clock clock, UnaryOperator<OigConfig> tweak, OigRuntime runtime, boolean connectBox) throws Exception {
    this(clock, tweak, runtime, connectBox, null, null);
  }

  /** Like the others, the proxy delivering settings from {@code ledger} (null: none). */
  ProxyHarness(Clock clock, UnaryOperator<OigConfig> tweak, boolean connectBox, MeterRegistry meters,
      io.gridwire.core.command.CommandLedger ledger) throws Exception {
    this(clock, tweak, OigRuntime.DEFAULT, connectBox, meters, ledger);
  }

  private ProxyHarness(Clock clock, UnaryOperator<OigConfig> tweak, OigRuntime runtime, boolean connectBox,
      MeterRegistry meters, io.gridwire.core.command.CommandLedger ledger) throws Exception {
    this.clock = clock;
    registry = new DeviceRegistry(events, clock);
    readings.subscribe("test", SubscriberOptions.durable(10_000), gotReadings::add);
    events.subscribe("test", SubscriberOptions.durable(10_000), gotEvents::add);
    cloud = new OigCloudSimulator("127.0.0.1", 0, ZONE, clock).start();
    OigConfig config = OigConfig.defaults().withListen("127.0.0.1", 0).withCloud("127.0.0.1", cloud.port())
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofMillis(300));
    config = tweak.apply(config.withStorage(config.capture(), true, 10_000, Duration.ofMillis(20)));
    proxy = new OigProxy(config, runtime, readings, events, registry, catalog, clock, new InMemoryCaptureStore(),
        InMemoryQueue.ofCount(config.backfillMaxFrames()), meters, null);
    if (ledger != null) proxy.commands(ledger);
    proxy.start();
    box = new OigBoxSimulator("127.0.0.1", proxy.port(), DEVICE, ZONE, clock, Duration.ofSeconds(3));
    if (connectBox) box.connect();
  }

  SessionMode mode() {
    List<SessionInfo> s = proxy.sessions();
    return s.isEmpty() ? null : s.getFirst().mode();
  }

  @Override
  public void close() {
    box.close();
    proxy.close();
    cloud.close();
    readings.close();
    events.close();
  }
}
