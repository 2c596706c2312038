package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up line that says what listens where and whether it is authenticated, e.g.
 * {@code http 0.0.0.0:8080 (bearer token; /health open; /ws/devices: device login), oig
 * 0.0.0.0:5710 (no auth: box protocol), mqtt 127.0.0.1:1883 (password, 3 users, ACL), modbus-server
 * 127.0.0.1:5020 (no auth: Modbus TCP; read-only)}. Built
 * from the config and the ports actually bound. Not thread-safe; build, then read {@link #line}.
 */
final class Listeners {
  private final GridwireConfig config;
  private final List<String> entries = new ArrayList<>();

  Listeners(GridwireConfig config) {
    this.config = config;
  }

  Listeners http(int port) {
    String open = config.http().metricsOpen() ? "/health and /metrics open" : "/health open";
    entries.add("http " + config.http().host() + ":" + port + " (bearer token; " + open + "; /ws/devices: device login)");
    return this;
  }

  /** @param port bound port, or -1 when the OIG proxy is off */
  Listeners oig(int port) {
    if (port >= 0) entries.add("oig " + config.oig().listenHost() + ":" + port + " (no auth: box protocol)");
    return this;
  }

  /** @param port bound port, or -1 without an embedded broker */
  Listeners mqtt(String host, int port, String auth) {
    if (port >= 0) entries.add("mqtt " + host + ":" + port + " (" + auth + ")");
    return this;
  }

  /**
   * @param ports bound ports (the shared one last), empty when the façade is off
   * @param writableRanges whitelisted ranges of all served devices together
   */
  Listeners modbusServer(String host, List<Integer> ports, int writableRanges) {
    if (ports.isEmpty()) return this;
    String ps = ports.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    entries.add("modbus-server " + host + ":" + ps + " (no auth: Modbus TCP; " + (writableRanges == 0 ? "read-only"
        : "writes to " + writableRanges + " whitelisted range(s) through the command ledger") + ")");
    return this;
  }

  String line() {
    return String.join(", ", entries);
  }
}
