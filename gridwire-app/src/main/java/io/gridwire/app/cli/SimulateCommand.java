package io.gridwire.app.cli;

import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.oig.sim.OigCloudSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwire simulate ...}: device and cloud simulators, to test a site's integration without hardware. */
@Command(name = "simulate", description = "Run a simulated device or peer (no hardware needed).",
    mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, scope = picocli.CommandLine.ScopeType.INHERIT,
    subcommands = {SimulateCommand.Modbus.class, SimulateCommand.MqttSite.class, SimulateCommand.WsDevice.class,
        SimulateCommand.OigBox.class, SimulateCommand.OigCloud.class, SimulateCommand.UplinkBroker.class})
public final class SimulateCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Parses HOST:PORT. */
  static String[] hostPort(String target, String option) {
    int i = target.lastIndexOf(':');
    if (i <= 0 || i == target.length() - 1) throw new IllegalArgumentException(option + " must be HOST:PORT: " + target);
    try {
      int port = Integer.parseInt(target.substring(i + 1));
      if (port < 1 || port > 65535) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " has no valid port: " + target);
    }
    return new String[] {target.substring(0, i), target.substring(i + 1)};
  }

  @Command(name = "oig-box", description = "An OIG box: one long-lived connection with the real table cadence; reports answers, unanswered frames and reconnects.")
  static final class OigBox implements Callable<Integer> {
    @Mixin LogLevel logLevel;
    @Option(names = "--target", required = true, description = "Gateway (or cloud) HOST:PORT.") String target;
    @Option(names = "--device-id", defaultValue = "2206237016", description = "ID_Device of the box.") String deviceId;
    @Option(names = "--speed", defaultValue = "1", description = "Cadence speed-up (1 = real: tbl_actual every ~9 s).") double speed;
    @Option(names = "--duration", defaultValue = "PT87600H", description = "How long to run (ISO-8601, default: until stopped).") Duration duration;

    @Override
    public Integer call() {
      logLevel.apply();
      String[] hp = hostPort(target, "--target");
      try (OigBoxSimulator box = new OigBoxSimulator(hp[0], Integer.parseInt(hp[1]), deviceId, ZoneId.of("Europe/Prague"),
          Clock.systemUTC(), Duration.ofSeconds(10))) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("oig-box: " + box.stats())));
        System.out.println("oig-box " + deviceId + " → " + target + " (speed x" + speed + ")");
        var stats = box.run(OigBoxSimulator.Cadence.realistic().faster(speed), duration);
        System.out.println("oig-box: " + stats);
      }
      return 0;
    }
  }

  @Command(name = "oig-cloud", description = "A stand-in for the OIG vendor cloud; answers like the real one. "
      + "Type commands on stdin: refuse, blackhole, slow <ms>, drop, normal, setting <table> <item> <value>, stats.")
  static final class OigCloud implements Callable<Integer> {
    @Mixin LogLevel logLevel;
    @Option(names = "--port", defaultValue = "5710", description = "Port to listen on (127.0.0.1).") int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on.") String host;

    @Override
    public Integer call() throws Exception {
      logLevel.apply();
      try (OigCloudSimulator cloud = new OigCloudSimulator(host, port, ZoneId.of("Europe/Prague"), Clock.systemUTC()).start()) {
        System.out.println("oig-cloud listening on " + host + ":" + cloud.port());
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
          String[] w = line.trim().split("\\s+");
          switch (w[0]) {
            case "refuse" -> cloud.refuse();
            case "blackhole" -> cloud.blackHole();
            case "slow" -> cloud.slow(Duration.ofMillis(w.length > 1 ? Long.parseLong(w[1]) : 10_000));
            case "drop" -> cloud.dropConnections();
            case "normal" -> cloud.normal();
            case "setting" -> {
              if (w.length < 4) System.out.println("usage: setting <table> <item> <value>");
              else cloud.injectSetting(w[1], w[2], w[3]);
            }
            case "stats", "" -> System.out.println("connections " + cloud.connections() + ", open " + cloud.openConnections()
                + ", answers " + cloud.answers() + ", frames received " + cloud.received().size());
            default -> System.out.println("unknown command: " + w[0]);
          }
        }
        // stdin closed (e.g. started in the background): keep serving until stopped.
        Thread.currentThread().join();
      }
      return 0;
    }
  }

  @Command(name = "uplink-broker", description = {
      "A stand-in cloud WebSocket broker for the uplink: records what it receives, acknowledges by id.",
      "With --client-id, the accepted secret is read from the environment variable GRIDWIRE_UPLINK_CLIENT_SECRET"
          + " (the one the gateway reads), so it never shows in ps.",
      "Type commands on stdin: refuse, drop [N], stall, normal, stats [N], help."})
  static final class UplinkBroker implements Callable<Integer> {
    @Mixin LogLevel logLevel;
    @Option(names = "--port", required = true, description = "Port to listen on (127.0.0.1).") int port;
    @Option(names = "--client-id", description = "Accept only this client id, with the secret in GRIDWIRE_UPLINK_CLIENT_SECRET.") String clientId;
    @Option(names = "--client-secret", description = "Discouraged (visible in ps and shell history): the accepted secret; use GRIDWIRE_UPLINK_CLIENT_SECRET.") String clientSecret;
    @Option(names = "--no-acks", description = "Do not acknowledge messages (a broker without acks).") boolean noAcks;

    @Override
    public Integer call() throws Exception {
      logLevel.apply();
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--port", Integer.toString(port)));
      if (clientId != null) args.addAll(java.util.List.of("--client-id", clientId));
      if (clientSecret != null) args.addAll(java.util.List.of("--client-secret", clientSecret));
      if (noAcks) args.add("--no-acks");
      io.gridwire.uplink.sim.UplinkBrokerSimMain.run(args.toArray(String[]::new));
      return 0;
    }
  }

  @Command(name = "modbus", description = {"A Modbus device serving a register profile with plausible changing values (including sentinel registers).",
      "Type commands on stdin: alarm <bit> on|off, set <metric> <value>, reset."})
  static final class Modbus implements Callable<Integer> {
    @Mixin LogLevel logLevel;
    @Option(names = "--profile", required = true, description = "Profile name, e.g. smartgen-hgm9520n or smartgen-hgm9560.") String profile;
    @Option(names = "--transport", defaultValue = "tcp", description = "tcp or rtu-over-tcp.") String transport;
    @Option(names = "--port", defaultValue = "502", description = "Port to listen on.") int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on.") String host;
    @Option(names = "--unit-id", defaultValue = "0", description = "Unit id to answer (0 = any).") int unitId;
    @Option(names = "--fleet", description = "Fleet mode (tcp): each connection is its own device; analogue values change on every read, alarm bits flip now and then.") boolean fleet;
    @Option(names = "--alarm-chance", defaultValue = "0.002", description = "Fleet mode: probability per read "
        + "that a clear alarm register raises a bit (it clears again after ~2 reads).") double alarmChance;

    @Override
    public Integer call() throws Exception {
      logLevel.apply();
      try (io.gridwire.modbus.sim.ModbusSimulator sim = io.gridwire.modbus.sim.ModbusSimulator.start(
          new io.gridwire.modbus.sim.SimulatorConfig(profile, io.gridwire.modbus.poll.TransportKind.fromWire(transport),
              host, port, unitId, Duration.ofSeconds(1), fleet ? alarmChance : null))) {
        System.out.println("modbus simulator: " + profile + " over " + transport + " on " + host + ":" + sim.port()
            + " (unit " + (unitId == 0 ? "any" : unitId) + "); Ctrl-C to stop");
        io.gridwire.modbus.sim.SimCommands.run(sim.values(),
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)), System.out);
        // stdin closed (e.g. started in the background): keep serving until stopped.
        Thread.currentThread().join();
      }
      return 0;
    }
  }

  @Command(name = "mqtt-site", description = "An MQTT site: two dataloggers and a gateway publishing heartbeats and input payloads; one goes silent now and then.")
  static final class MqttSite implements Callable<Integer> {
    @Mixin LogLevel logLevel;
    @Option(names = "--broker", required = true, description = "Broker URL, e.g. mqtt://127.0.0.1:1883.") String broker;
    @Option(names = "--site", defaultValue = "sito_001", description = "Site code (topic prefix).") String site;
    @Option(names = "--username", description = "Broker user; its password from GRIDWIRE_MQTT_PASSWORD (passwords never go on the command line).") String username;
    @Option(names = "--credentials", defaultValue = "./gridwire-data/" + io.gridwire.mqtt.broker.BrokerCredentials.FILE_NAME,
        description = "Without --username: the embedded broker's credentials file to use when it exists (default: ${DEFAULT-VALUE}).") String credentials;

    @Override
    public Integer call() throws Exception {
      logLevel.apply();
      io.gridwire.mqtt.sim.SimSiteConfig cfg = SimCredentials.apply(
          new io.gridwire.mqtt.sim.SimSiteConfig(broker, site, null, null, null, null, null, null), username, credentials,
          System.getenv());
      try (io.gridwire.mqtt.sim.MqttSiteSimulator sim = new io.gridwire.mqtt.sim.MqttSiteSimulator(cfg, Clock.systemUTC()).start()) {
        System.out.println("mqtt-site " + site + " publishing to " + broker + (cfg.username() == null ? " (anonymous)" : " as " + cfg.username())
            + ": " + sim.serials() + "; Ctrl-C to stop");
        Thread.currentThread().join();
      }
      return 0;
    }
  }

  @Command(name = "ws-device", description = "A WebSocket energy device: authenticates with its first message, then sends telemetry; prints commands it receives.")
  static final class WsDevice implements Callable<Integer> {
    @Mixin LogLevel logLevel;
    @Option(names = "--url", defaultValue = "ws://127.0.0.1:8080", description = "Gateway base URL (ws:// or wss://).") String url;
    @Option(names = "--session-id", required = true, description = "Session id (the device id in Gridwire).") String sessionId;
    @Option(names = "--token", description = "Per-device token (recommended; issued with POST /api/tokens).") String token;
    @Option(names = "--email", description = "User email (ws-device-server-compatible auth, instead of --token).") String email;
    @Option(names = "--interval", defaultValue = "PT2S", description = "Telemetry interval (ISO-8601).") Duration interval;

    @Override
    public Integer call() {
      logLevel.apply();
      java.util.Map<String, String> auth;
      if (token != null) {
        auth = java.util.Map.of("token", token);
      } else if (email != null) {
        String pw = System.getenv("GRIDWIRE_DEVICE_PASSWORD");
        if (pw == null) throw new IllegalArgumentException("set GRIDWIRE_DEVICE_PASSWORD for --email (passwords never go on the command line)");
        auth = java.util.Map.of("email", email, "password", pw);
      } else {
        throw new IllegalArgumentException("give --token, or --email with GRIDWIRE_DEVICE_PASSWORD");
      }
      try (io.gridwire.app.demo.WsDeviceSimulator sim = new io.gridwire.app.demo.WsDeviceSimulator(url, sessionId, auth, interval)) {
        System.out.println("ws-device " + sessionId + " → " + url + "; Ctrl-C to stop");
        sim.run();
      }
      return 0;
    }
  }
}
