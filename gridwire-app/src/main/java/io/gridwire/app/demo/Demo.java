package io.gridwire.app.demo;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.wiring.Gateway;
import io.gridwire.core.user.User;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.mqtt.sim.MqttSiteSimulator;
import io.gridwire.mqtt.sim.SimSiteConfig;
import io.gridwire.oig.sim.OigBoxSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command demo: simulators of every device kind, and the gateway configured to reach
 * them. The demo is nothing but configuration overrides plus simulators, so it exercises the
 * same code paths as a real site.
 */
public final class Demo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Demo.class);
  public static final String OIG_BOX_ID = "2206237016";
  public static final String WS_DEVICE_ID = "ws-demo-1";

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private Gateway gateway;

  private Demo() {}

  /**
   * Starts simulators and the gateway.
   *
   * @param dataDir where the demo keeps its SQLite files
   * @param httpPort HTTP port, or null for 8080 (a free port when 8080 is taken)
   * @param env the process environment (still overrides the demo's defaults for keys it does not set)
   */
  public static Demo start(String dataDir, Integer httpPort, Map<String, String> env) throws IOException {
    Demo d = new Demo();
    try {
      d.startAll(dataDir, httpPort, env);
      return d;
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  private void startAll(String dataDir, Integer httpPort, Map<String, String> env) throws IOException {
    FlakyOigCloud cloud = new FlakyOigCloud(0, Duration.ofMinutes(4), Duration.ofMinutes(1));
    resources.push(cloud);

    ModbusSimulator genset = ModbusSimulator.start(
        new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP, "127.0.0.1", 0, 1, Duration.ofSeconds(1)));
    resources.push(genset);
    ModbusSimulator switchgear = ModbusSimulator.start(
        new SimulatorConfig("smartgen-hgm9560", TransportKind.RTU_OVER_TCP, "127.0.0.1", 0, 3, Duration.ofSeconds(1)));
    resources.push(switchgear);

    String yaml = """
        node:
          data_dir: "%s"
        http:
          host: 127.0.0.1
          port: %d
        demo:
          synthetic: true
        mqtt:
          enabled: true
          embedded_host: 127.0.0.1
          embedded_port: 1883
          embedded_pick_free_port: true
        oig:
          enabled: true
          listen_host: 127.0.0.1
          listen_port: %d
          cloud_host: 127.0.0.1
          cloud_port: %d
        modbus:
          devices:
            - id: gen-1
              name: Genset 1 (HGM9520N, Modbus TCP)
              site: demo
              profile: smartgen-hgm9520n
              transport: tcp
              host: 127.0.0.1
              port: %d
              unit_id: 1
            - id: bus-1
              name: Switchgear (HGM9560, RTU over TCP)
              site: demo
              profile: smartgen-hgm9560
              transport: rtu-over-tcp
              host: 127.0.0.1
              port: %d
              unit_id: 3
        """.formatted(dataDir.replace("\\", "/"), httpPort != null ? httpPort : freeOr(8080), freeOr(5710), cloud.port(),
        genset.port(), switchgear.port());
    GridwireConfig config = new ConfigLoader().load(null, yaml, env);

    gateway = Gateway.start(config, Clock.systemUTC());
    resources.push(gateway);

    var mqtt = gateway.mqttBrokerCredentials();
    MqttSiteSimulator site = new MqttSiteSimulator(SimSiteConfig.of(gateway.mqttBroker().url())
        .withCredentials(mqtt.username(), mqtt.password()), Clock.systemUTC()).start();
    resources.push(site);
    log.info("demo: MQTT site {} on the embedded broker {}", site.serials(), gateway.mqttBroker().url());

    OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", gateway.oig().port(), OIG_BOX_ID, ZoneId.of("Europe/Prague"),
        Clock.systemUTC(), Duration.ofSeconds(10));
    resources.push(box::stop);
    Thread.ofVirtual().name("demo-oig-box").start(() -> box.run(OigBoxSimulator.Cadence.realistic().faster(3), Duration.ofDays(3650)));
    log.info("demo: OIG box {} → gateway :{} → flaky cloud :{}", OIG_BOX_ID, gateway.oig().port(), cloud.port());
  }

  /**
   * Starts the demo's WebSocket device ({@code ws-demo-1}), authenticated with a per-device token
   * issued for {@code ownerEmail} (an existing user).
   */
  public void startWsDevice(String ownerEmail) {
    User owner = gateway.storage().users().findByEmail(ownerEmail)
        .orElseThrow(() -> new IllegalStateException("no user " + ownerEmail));
    String token = gateway.web().authenticator().issueDeviceToken(WS_DEVICE_ID, owner, Duration.ofDays(1)).token();
    WsDeviceSimulator device = new WsDeviceSimulator("ws://127.0.0.1:" + gateway.httpPort(), WS_DEVICE_ID,
        Map.of("token", token), Duration.ofSeconds(2));
    resources.push(device);
    Thread.ofVirtual().name("demo-ws-device").start(device::run);
    log.info("demo: WebSocket device {} on /ws/devices", WS_DEVICE_ID);
  }

  public Gateway gateway() {
    return gateway;
  }

  static int freeOr(int preferred) {
    try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
      return preferred;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        log.warn("demo: while stopping: {}", e.toString());
      }
    }
  }
}
