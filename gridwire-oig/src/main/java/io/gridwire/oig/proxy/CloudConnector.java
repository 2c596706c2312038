package io.gridwire.oig.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link CloudLink}s to the configured cloud address with the connect timeout. Refuses a
 * cloud address that is this gateway's own listener (a local DNS override of the cloud host
 * name pointing at the gateway makes it connect to itself, then again, without end).
 * Thread-safe.
 */
final class CloudConnector {
  private static final Logger log = LoggerFactory.getLogger(CloudConnector.class);
  private final OigConfig config;
  private final int maxFrameBytes;
  private final int listenPort;
  private final DeadlineSweep sweep;

  /** Links whose exchanges wait with timers of their own. */
  CloudConnector(OigConfig config, int maxFrameBytes, int listenPort) {
    this(config, maxFrameBytes, listenPort, null);
  }

  /** Links whose overdue exchanges {@code sweep} ends (null: timers of their own). */
  CloudConnector(OigConfig config, int maxFrameBytes, int listenPort, DeadlineSweep sweep) {
    this.config = config;
    this.maxFrameBytes = maxFrameBytes;
    this.listenPort = listenPort;
    this.sweep = sweep;
  }

  /** Warns once at start when the cloud host resolves to this gateway. Never throws. */
  void checkSelfLoop() {
    try {
      for (InetAddress a : InetAddress.getAllByName(config.cloudHost())) {
        if (isLocal(a) && config.cloudPort() == listenPort) {
          log.warn("oig.cloud_host {} resolves to this gateway ({}:{}): the proxy would connect to itself. "
              + "Configure the cloud's real IP address.", config.cloudHost(), a.getHostAddress(), listenPort);
          return;
        }
      }
    } catch (IOException e) {
      log.warn("oig.cloud_host {} does not resolve now: {}", config.cloudHost(), e.getMessage());
    }
  }

  /** Connects; blocking up to the connect timeout. */
  CloudLink connect(String name, Consumer<byte[]> unsolicited) throws IOException {
    InetSocketAddress target = new InetSocketAddress(config.cloudHost(), config.cloudPort());
    if (target.isUnresolved()) throw new IOException("cannot resolve " + config.cloudHost());
    if (isLocal(target.getAddress()) && target.getPort() == listenPort) {
      throw new IOException("cloud address " + target + " is this gateway (self-connect loop)");
    }
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(target, (int) config.connectTimeout().toMillis());
      if (s.getLocalPort() == s.getPort() && s.getLocalAddress().equals(s.getInetAddress())) {
        // TCP simultaneous open onto a local port nobody listens on: the socket reads its own
        // frames back, so the proxy would take itself for the cloud.
        throw new IOException("nothing listens on the cloud port " + target + " (the connection reached itself)");
      }
      return CloudLink.open(s, maxFrameBytes, name, unsolicited, sweep);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static boolean isLocal(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress()) return true;
    try {
      return NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
