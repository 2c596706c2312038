package io.gridwire.uplink.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cloud WebSocket broker stand-in for tests and the demo: a minimal RFC 6455 server on
 * 127.0.0.1 speaking the uplink protocol (auth, data messages, acks, ping/pong). It records what
 * it receives and can misbehave on command: {@link #refuse} new connections (HTTP 503),
 * {@link #dropConnections} (TCP reset, no close frame), {@link #dropAfter} n more messages, and
 * {@link #stall} (stop reading: no acks, no pongs). Thread-safe.
 */
public final class UplinkBrokerSim implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UplinkBrokerSim.class);

  private final BrokerSimConfig config;
  private final ServerSocket server;
  private final Set<SimConnection> open = ConcurrentHashMap.newKeySet();
  private final List<ReceivedMessage> received = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong authFailures = new AtomicLong();
  private final AtomicLong dropAfter = new AtomicLong(-1);
  private final Object stallLock = new Object();
  private volatile boolean refusing;
  private volatile boolean stalled;
  private volatile boolean closed;

  private UplinkBrokerSim(BrokerSimConfig config) throws IOException {
    this.config = config;
    this.server = new ServerSocket(config.port(), 50, InetAddress.getLoopbackAddress());
  }

  /** Binds 127.0.0.1:{@code port} and starts accepting. */
  public static UplinkBrokerSim start(BrokerSimConfig config) {
    try {
      UplinkBrokerSim sim = new UplinkBrokerSim(config);
      Thread.ofVirtual().name("uplink-broker-sim").start(sim::accept);
      log.info("uplink broker stand-in on {}", sim.url());
      return sim;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port(), e);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        SimConnection c = new SimConnection(this, s, connections.incrementAndGet());
        open.add(c);
        Thread.ofVirtual().name("uplink-broker-sim-conn").start(c);
      } catch (IOException e) {
        if (!closed) log.warn("stand-in accept failed: {}", e.toString());
      }
    }
  }

  public BrokerSimConfig config() {
    return config;
  }

  public int port() {
    return server.getLocalPort();
  }

  public URI url() {
    return URI.create("ws://127.0.0.1:" + port() + "/uplink");
  }

  /** Refuse (true) or accept (false) new connections; open ones are not touched. */
  public void refuse(boolean refuse) {
    refusing = refuse;
  }

  boolean refusing() {
    return refusing;
  }

  /** Stop (true) or resume (false) reading every connection. */
  public void stall(boolean stall) {
    synchronized (stallLock) {
      stalled = stall;
      stallLock.notifyAll();
    }
  }

  void awaitUnstalled() {
    synchronized (stallLock) {
      while (stalled && !closed) {
        try {
          stallLock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Resets every open connection (no close frame), as a crashed broker or a cut line would. */
  public void dropConnections() {
    for (SimConnection c : open) c.drop();
  }

  /** Drops every connection after {@code n} more data messages (once); {@code n ≤ 0} cancels. */
  public void dropAfter(long n) {
    dropAfter.set(n > 0 ? n : -1);
  }

  /** Back to normal: accepts connections, reads them, no pending {@link #dropAfter}. */
  public void normal() {
    refuse(false);
    dropAfter(0);
    stall(false);
  }

  /** What the stand-in is doing now: {@code normal}, or the active faults ({@code refusing, stalled, drop after 5}). */
  public String mode() {
    java.util.List<String> m = new ArrayList<>();
    if (refusing) m.add("refusing");
    if (stalled) m.add("stalled");
    if (dropAfter.get() > 0) m.add("drop after " + dropAfter.get());
    return m.isEmpty() ? "normal" : String.join(", ", m);
  }

  synchronized void record(ReceivedMessage m) {
    received.add(m);
  }

  void afterMessage() {
    if (dropAfter.get() > 0 && dropAfter.decrementAndGet() == 0) {
      dropAfter.set(-1);
      dropConnections();
    }
  }

  void authFailed() {
    authFailures.incrementAndGet();
  }

  void disconnected(SimConnection c) {
    open.remove(c);
  }

  /** Everything received, duplicates included, in arrival order. */
  public synchronized List<ReceivedMessage> received() {
    return List.copyOf(received);
  }

  /** Received messages deduplicated by id, first arrival kept, arrival order. */
  public synchronized List<ReceivedMessage> unique() {
    Map<String, ReceivedMessage> byId = new LinkedHashMap<>();
    for (ReceivedMessage m : received) byId.putIfAbsent(m.id(), m);
    return List.copyOf(byId.values());
  }

  /** How many data messages arrived, duplicates included. */
  public synchronized int receivedCount() {
    return received.size();
  }

  public synchronized void clear() {
    received.clear();
  }

  /** Connections accepted so far (including refused ones). */
  public int connections() {
    return connections.get();
  }

  public int openConnections() {
    return open.size();
  }

  public long authFailures() {
    return authFailures.get();
  }

  @Override
  public void close() {
    closed = true;
    stall(false);
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    dropConnections();
  }
}
