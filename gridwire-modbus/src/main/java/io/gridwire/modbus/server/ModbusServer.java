package io.gridwire.modbus.server;

import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.modbus.codec.MbapHeader;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.poll.RegisterImage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Modbus TCP server façade: answers other Modbus clients (Home Assistant, evcc, a vendor
 * tool) for polled devices from their latest register image, never touching the devices for a
 * read of a polled range, so the poller's schedule is not disturbed whatever the clients do.
 * Writes inside a served device's whitelist become commands of the ledger ({@link DeviceWrites}),
 * run on the device's poll loop and answered once read back; the wait is bounded
 * ({@link ModbusServerConfig#writeTimeout}, {@link ModbusServerConfig#maxPendingWrites}, one per
 * connection since a connection is answered in order). One platform thread per connection
 * with a blocking socket (connections are capped; measured at 0.2–0.5× the CPU per answer of a
 * virtual thread per connection, whose every read parks and is woken through the JDK's poller —
 * docs/performance.md); every input bounded: MBAP header checked before the body is read
 * (protocol 0, length 2..254, else the connection is closed), connections capped, requests per
 * connection and second capped (exception 0x06 beyond), idle connections closed. Each refusal is
 * counted and logged at WARN at most once a minute per kind.
 */
public final class ModbusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModbusServer.class);
  private final ModbusServerConfig config;
  private final List<Listener> listeners = new ArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final RateLimitedLog warn;
  private final Counter answered;
  private final Counter exceptions;
  private final Counter malformed;
  private final Counter rejected;
  private final Counter throttled;
  private final Counter passed;
  private final Counter passBusy;
  private final DeviceReads reads;
  private final DeviceWrites writes;
  private final MeterRegistry meters;
  private volatile boolean running = true;

  /** A served device: its id, register image and write whitelist. */
  private record Target(String device, RegisterImage image, ModbusServerConfig.Served served) {}

  /** One listening port and how its unit ids map to devices. */
  private record Listener(ServerSocket socket, Map<Integer, Target> byUnit, Target only) {
    Target target(int unit) {
      return only != null ? only : byUnit.get(unit);
    }
  }

  /** Reads from a polled device within its poll loop; null when it cannot queue one more read. */
  @FunctionalInterface
  public interface DeviceReads {
    CompletableFuture<Outcome> read(String deviceId, ModbusRequest request);
  }

  /**
   * How a whitelisted write ended, for the client and the meters.
   *
   * @param exceptionCode 0 when the write was applied (read back equal), else the Modbus exception to answer
   * @param result the {@code result} tag of {@code gridwire_modbus_server_writes_total}
   */
  public record WriteAnswer(int exceptionCode, String result) {
    public static final WriteAnswer APPLIED = new WriteAnswer(0, "applied");
  }

  /**
   * Runs a whitelisted write through the command ledger and waits for it to end, at most
   * {@code timeout}. Blocking; never null.
   */
  @FunctionalInterface
  public interface DeviceWrites {
    WriteAnswer write(String deviceId, ModbusRequest request, String requestedBy, Duration timeout);
  }

  /** As the full constructor without pass-through of unpolled ranges. */
  public ModbusServer(ModbusServerConfig config, Function<String, Optional<RegisterImage>> images, MeterRegistry meters, Clock clock) {
    this(config, images, null, meters, clock);
  }

  /** As the full constructor without writes (no served device may have a whitelist). */
  public ModbusServer(ModbusServerConfig config, Function<String, Optional<RegisterImage>> images, DeviceReads reads,
      MeterRegistry meters, Clock clock) {
    this(config, images, reads, null, meters, clock);
  }

  /**
   * Binds every port. {@code images} gives the register image of a polled device; {@code reads}
   * (used when {@link ModbusServerConfig#passThrough()}) reads unpolled ranges from it;
   * {@code writes} runs the whitelisted writes (needed when a served device has a whitelist).
   *
   * @throws IllegalArgumentException when a served device is not polled here
   * @throws IllegalStateException when a port cannot be bound
   */
  public ModbusServer(ModbusServerConfig config, Function<String, Optional<RegisterImage>> images, DeviceReads reads,
      DeviceWrites writes, MeterRegistry meters, Clock clock) {
    this.config = config;
    this.meters = meters;
    this.writes = writes;
    if (writes == null && config.devices().stream().anyMatch(d -> !d.writable().isEmpty())) {
      throw new IllegalArgumentException("modbus.server.devices[].writable needs the command ledger's writes");
    }
    this.reads = config.passThrough() ? reads : null;
    if (config.passThrough() && reads == null) throw new IllegalArgumentException("modbus.server.pass_through needs the poller's reads");
    this.warn = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
    this.answered = counter(meters, "answered");
    this.exceptions = counter(meters, "exception");
    this.malformed = counter(meters, "malformed");
    this.throttled = counter(meters, "throttled");
    this.passed = Counter.builder("gridwire.modbus.server.pass.through").description("Unpolled reads passed to the device, by result")
        .tag("result", "queued").register(meters);
    this.passBusy = Counter.builder("gridwire.modbus.server.pass.through").description("Unpolled reads passed to the device, by result")
        .tag("result", "busy").register(meters);
    this.rejected = Counter.builder("gridwire.modbus.server.connections.rejected").description("Modbus server connections over the limit")
        .register(meters);
    Map<Integer, Target> shared = new HashMap<>();
    try {
      for (ModbusServerConfig.Served s : config.devices()) {
        RegisterImage image = images.apply(s.device()).orElseThrow(() -> new IllegalArgumentException(
            "modbus.server.devices[" + s.device() + "].device is not a polled Modbus device (see modbus.devices)"));
        Target t = new Target(s.device(), image, s);
        if (s.unitId() != 0) shared.put(s.unitId(), t);
        else listeners.add(new Listener(bind(s.port()), Map.of(), t));
      }
      if (!shared.isEmpty()) listeners.add(new Listener(bind(config.port()), Map.copyOf(shared), null));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("gridwire.modbus.server.requests").description("Modbus server requests by result").tag("result", result)
        .register(meters);
  }

  private ServerSocket bind(int port) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(config.host()), port), 64);
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("modbus.server: cannot listen on " + config.host() + ":" + port + " (" + e.getMessage()
          + "): is another program using that port?", e);
    }
  }

  /** Starts accepting on every port. */
  public ModbusServer start() {
    for (Listener l : listeners) {
      Thread.ofVirtual().name("modbus-server-" + l.socket().getLocalPort()).start(() -> accept(l));
      log.info("Modbus server: listening on {}:{} for {}", config.host(), l.socket().getLocalPort(),
          l.only() != null ? "one device, any unit id" : l.byUnit().size() + " unit id(s)");
    }
    for (ModbusServerConfig.Served s : config.devices()) {
      if (s.writable().isEmpty()) continue;
      log.info("Modbus server: clients may write {} of {} (each write a command of the ledger, answered after the read-back)",
          s.writable().stream().map(w -> w.table().wireName() + " " + w.address() + (w.count() > 1 ? ".." + (w.address() + w.count() - 1) : ""))
              .collect(java.util.stream.Collectors.joining(", ")), s.device());
    }
    return this;
  }

  /** The ports bound, in listener order (the shared port last). */
  public List<Integer> ports() {
    return listeners.stream().map(l -> l.socket().getLocalPort()).toList();
  }

  private void accept(Listener l) {
    while (running) {
      Socket s;
      try {
        s = l.socket().accept();
      } catch (IOException e) {
        if (running) warn.warn("accept", "Modbus server: accept failed on port " + l.socket().getLocalPort() + ": " + e.getMessage());
        if (l.socket().isClosed()) return;
        continue;
      }
      if (connections.incrementAndGet() > config.maxConnections()) {
        connections.decrementAndGet();
        rejected.increment();
        warn.warn("connections", "Modbus server: refused a connection from " + s.getRemoteSocketAddress() + ": already "
            + config.maxConnections() + " open (modbus.server.max_connections)");
        closeQuietly(s);
        continue;
      }
      open.add(s);
      Thread.ofPlatform().daemon().name("modbus-server-conn").start(() -> serve(l, s));
    }
  }

  private void serve(Listener l, Socket s) {
    Connection c = new Connection(config.maxRequestsPerSecond());
    try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 1024); OutputStream out = s.getOutputStream()) {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
      byte[] req = new byte[7 + MbapHeader.MAX_LENGTH];
      byte[] ans = new byte[7 + 260];
      int[] words = new int[125];
      while (running) {
        if (in.readNBytes(req, 0, 7) < 7) return; // closed by the client
        Outcome.Malformed bad = MbapHeader.check(req, 0, MbapHeader.MAX_LENGTH);
        if (bad != null) {
          malformed.increment();
          warn.warn("mbap", "Modbus server: closed the connection of " + s.getRemoteSocketAddress() + ": " + bad.reason()
              + " (not a Modbus TCP client?)");
          return;
        }
        int pduLen = MbapHeader.length(req, 0) - 1;
        if (in.readNBytes(req, 7, pduLen) < pduLen) return;
        int n = c.allow(System.nanoTime()) ? answer(l, req, pduLen, ans, words, s) : throttle(s, req, ans);
        MbapHeader.write(ans, MbapHeader.tid(req, 0), n + 1, req[6] & 0xFF);
        out.write(ans, 0, 7 + n);
      }
    } catch (SocketTimeoutException e) {
      log.debug("Modbus server: closed idle connection of {}", s.getRemoteSocketAddress());
    } catch (IOException e) {
      log.debug("Modbus server: connection of {} ended: {}", s.getRemoteSocketAddress(), e.getMessage());
    } finally {
      open.remove(s);
      connections.decrementAndGet();
    }
  }

  private int answer(Listener l, byte[] req, int pduLen, byte[] ans, int[] words, Socket client) {
    Target t = l.target(req[6] & 0xFF);
    int fc = req[7] & 0xFF;
    boolean write = t != null && (fc == 5 || fc == 6 || fc == 15 || fc == 16);
    String[] ran = write ? new String[1] : null;
    int n = ServerPdu.answer(req, 7, pduLen, t == null ? null : t.image(), System.nanoTime(), ans, 7, words,
        reads == null || t == null ? null : r -> readThrough(t.device(), r), t == null ? null : t.served(),
        !write || writes == null ? null : r -> {
          WriteAnswer a = writes.write(t.device(), r, "modbus-server " + address(client), config.writeTimeout());
          ran[0] = a.result();
          return a.exceptionCode();
        });
    boolean exception = n == 2 && (ans[7] & 0x80) != 0;
    if (exception) exceptions.increment();
    else answered.increment();
    if (write) countWrite(t, ran[0], exception ? ans[8] & 0xFF : 0, client);
    return n;
  }

  /** {@code gridwire_modbus_server_writes_total{result}}; refusals before the ledger are logged at WARN once a minute. */
  private void countWrite(Target t, String result, int code, Socket client) {
    if (result == null) {
      result = switch (code) {
        case ServerPdu.ILLEGAL_FUNCTION -> "disabled";
        case ServerPdu.ILLEGAL_ADDRESS -> "not_writable";
        default -> "invalid";
      };
      String why = switch (result) {
        case "disabled" -> "writes to " + t.device() + " are off (no modbus.server.devices[].writable for it)";
        case "not_writable" -> "the range is not in modbus.server.devices[" + t.device() + "].writable";
        default -> "the write request is malformed";
      };
      warn.warn("write-" + result, "Modbus server: refused a write from " + address(client) + ": " + why);
    }
    Counter.builder("gridwire.modbus.server.writes").description("Writes through the Modbus server façade, by result")
        .tag("result", result).register(meters).increment();
  }

  private static String address(Socket s) {
    return s.getInetAddress().getHostAddress() + ":" + s.getPort();
  }

  /** Waits for the device's answer to a pass-through read (its poller bounds the wait); null when refused. */
  private Outcome readThrough(String device, ModbusRequest request) {
    CompletableFuture<Outcome> f = reads.read(device, request);
    if (f == null) {
      passBusy.increment();
      warn.warn("pass-busy", "Modbus server: pass-through reads for " + device + " queue up faster than its poll loop runs them;"
          + " answering 'server busy' (add the range to the device's profile to serve it from the poll)");
      return null;
    }
    passed.increment();
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.TransportDown("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      return new Outcome.TransportDown(String.valueOf(e.getCause()));
    }
  }

  private int throttle(Socket s, byte[] req, byte[] ans) {
    throttled.increment();
    warn.warn("flood", "Modbus server: " + s.getRemoteSocketAddress() + " sends more than " + config.maxRequestsPerSecond()
        + " requests/s; answering 'server busy' (modbus.server.max_requests_per_second)");
    return ServerPdu.exception(req[7] & 0xFF, ServerPdu.BUSY, ans, 7);
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    running = false;
    for (Listener l : listeners) closeQuietly(l.socket());
    for (Socket s : open) closeQuietly(s);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing at shutdown or after a refusal: nothing left to do
    }
  }

  /** Per-connection request budget: a fixed one-second window. */
  private static final class Connection {
    private final int perSecond;
    private long windowStart = Long.MIN_VALUE;
    private int used;

    Connection(int perSecond) {
      this.perSecond = perSecond;
    }

    boolean allow(long now) {
      if (windowStart == Long.MIN_VALUE || now - windowStart >= 1_000_000_000L) {
        windowStart = now;
        used = 0;
      }
      return ++used <= perSecond;
    }
  }
}
