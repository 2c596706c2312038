package io.gridwire.uplink.sim;

/**
 * The broker stand-in ({@code gridwire simulate uplink-broker --port N}).
 *
 * @param port TCP port on 127.0.0.1 (0 = any free port)
 * @param clientId accepted client id, or null to accept any credentials
 * @param clientSecret accepted secret (with {@code clientId})
 * @param acks announce acknowledgements in {@code auth_ok} and acknowledge every message
 * @param maxFrameBytes largest frame accepted (≥ 125); a larger one closes the connection (1009)
 */
public record BrokerSimConfig(int port, String clientId, String clientSecret, boolean acks, int maxFrameBytes) {
  public BrokerSimConfig {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("sim.port out of range: " + port);
    if (maxFrameBytes < 125) throw new IllegalArgumentException("sim.maxFrameBytes must be ≥ 125: " + maxFrameBytes);
  }

  /** Any credentials, acknowledgements on, 1 MiB frames. */
  public static BrokerSimConfig open(int port) {
    return new BrokerSimConfig(port, null, null, true, 1 << 20);
  }
}
