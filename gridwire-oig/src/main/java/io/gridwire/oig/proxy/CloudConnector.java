package io.gridwire.oig.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the configured cloud address with the connect timeout (blocking: called on a
 * virtual thread, never on an {@link IoLoop}). Refuses a cloud address that is this gateway's own
 * listener (a local DNS override of the cloud host name pointing at the gateway makes it connect
 * to itself, then again, without end). Thread-safe.
 */
final class CloudConnector {
  private static final Logger log = LoggerFactory.getLogger(CloudConnector.class);
  private final OigConfig config;
  private final int listenPort;

  CloudConnector(OigConfig config, int listenPort) {
    this.config = config;
    this.listenPort = listenPort;
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

  /** A connected channel, in blocking mode; blocking up to the connect timeout. */
  SocketChannel connect() throws IOException {
    InetSocketAddress target = new InetSocketAddress(config.cloudHost(), config.cloudPort());
    if (target.isUnresolved()) throw new IOException("cannot resolve " + config.cloudHost());
    if (isLocal(target.getAddress()) && target.getPort() == listenPort) {
      throw new IOException("cloud address " + target + " is this gateway (self-connect loop)");
    }
    SocketChannel ch = SocketChannel.open();
    try {
      Socket s = ch.socket();
      s.setTcpNoDelay(true);
      s.connect(target, (int) config.connectTimeout().toMillis());
      if (s.getLocalPort() == s.getPort() && s.getLocalAddress().equals(s.getInetAddress())) {
        // TCP simultaneous open onto a local port nobody listens on: the socket reads its own
        // frames back, so the proxy would take itself for the cloud.
        throw new IOException("nothing listens on the cloud port " + target + " (the connection reached itself)");
      }
      return ch;
    } catch (IOException e) {
      ch.close();
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
