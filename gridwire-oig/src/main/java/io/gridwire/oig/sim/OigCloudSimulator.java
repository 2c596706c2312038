package io.gridwire.oig.sim;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameBuilder;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the OIG cloud on port 5710 that answers like the real one (protocols/oig.md
 * §4.4): data tables → ACK + GetActual, polls → END with Time/UTCTime (or a queued Setting frame
 * on IsNewSet), the Box's setting ACK → END + GetActual, END "All data sent" → ACK, bad CRC →
 * NACK WC. Fault controls: {@link #refuse()}, {@link #blackHole()}, {@link #dropConnections()},
 * {@link #slow(Duration)}, {@link #normal()}; {@link #injectSetting}. It records every box frame
 * it receives, in order. Thread-safe.
 */
public final class OigCloudSimulator implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String host;
  private final ZoneId boxZone;
  private final Clock clock;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  /**
   * The most recent {@link #MAX_RECEIVED} box frames. A copy-on-write list before: each frame
   * copied every frame before it, so a benchmark's simulator slowed down as it ran (100,000
   * frames in, each answer copied 0.8 MB) and added its own delay to the proxies measured after
   * the direct round.
   */
  private final java.util.ArrayDeque<String> received = new java.util.ArrayDeque<>();
  /** Box frames {@link #received} keeps: tests look at a few thousand; a benchmark sends millions. */
  public static final int MAX_RECEIVED = 20_000;
  private final Queue<String[]> settings = new ConcurrentLinkedQueue<>();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong answers = new AtomicLong();
  private volatile ServerSocket server;
  /** During {@link #refuse}: the port bound but not listening, so nobody else takes it meanwhile. */
  private Socket portHolder;
  private volatile int port;
  private volatile boolean blackHole;
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean closed;
  private long settingId = 13_600_000;

  public OigCloudSimulator(String host, int port, ZoneId boxZone, Clock clock) {
    this.host = host;
    this.port = port;
    this.boxZone = boxZone;
    this.clock = clock;
  }

  /** Binds (port 0 picks a free one) and starts accepting. */
  public synchronized OigCloudSimulator start() throws IOException {
    closeQuietly(portHolder);
    portHolder = null;
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
    port = s.getLocalPort();
    server = s;
    Thread.ofVirtual().name("oig-cloud-accept").start(() -> acceptLoop(s));
    return this;
  }

  public int port() {
    return port;
  }

  /**
   * Outage: stop listening (connects are refused) and drop open connections. The port stays
   * bound without listening, so another process cannot take it and accept the proxy's connects.
   */
  public synchronized void refuse() {
    closeQuietly(server);
    server = null;
    dropConnections();
    if (portHolder == null) {
      try {
        Socket holder = new Socket();
        holder.setReuseAddress(true);
        holder.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        portHolder = holder;
      } catch (IOException e) {
        // the port could not be held: connects are still refused unless someone else binds it
      }
    }
  }

  /** Accept and read, never answer. */
  public synchronized void blackHole() throws IOException {
    blackHole = true;
    ensureListening();
  }

  /** Answer after {@code delay}. */
  public synchronized void slow(Duration d) throws IOException {
    delay = d;
    blackHole = false;
    ensureListening();
  }

  /** Back to normal: listening, prompt answers. */
  public synchronized void normal() throws IOException {
    blackHole = false;
    delay = Duration.ZERO;
    ensureListening();
  }

  /** Closes every open connection mid-session (keeps listening). */
  public void dropConnections() {
    for (Socket s : List.copyOf(open)) closeQuietly(s);
  }

  /** Queues a setting the next {@code IsNewSet} receives. */
  public void injectSetting(String table, String item, String value) {
    settings.add(new String[] {table, item, value});
  }

  /** The box frames received (the most recent {@link #MAX_RECEIVED}), as text without CR LF, in arrival order. */
  public List<String> received() {
    synchronized (received) {
      return new ArrayList<>(received);
    }
  }

  public long connections() {
    return connections.get();
  }

  public long answers() {
    return answers.get();
  }

  public int openConnections() {
    return open.size();
  }

  private void ensureListening() throws IOException {
    if (server == null) start();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        connections.incrementAndGet();
        open.add(c);
        Thread.ofVirtual().name("oig-cloud-conn").start(() -> serve(c));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket c) {
    FrameDecoder decoder = new FrameDecoder();
    byte[] buf = new byte[2048];
    try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
      c.setTcpNoDelay(true);
      for (int n; (n = in.read(buf)) >= 0; ) {
        decoder.feed(buf, 0, n, p -> {
          if (p instanceof Piece.Frame f) respond(f.raw(), out);
        });
      }
    } catch (IOException | RuntimeException e) {
      // connection ended
    } finally {
      open.remove(c);
    }
  }

  private void respond(byte[] raw, OutputStream out) {
    String text = new String(raw, StandardCharsets.UTF_8).strip();
    synchronized (received) {
      if (received.size() == MAX_RECEIVED) received.removeFirst();
      received.addLast(text);
    }
    if (blackHole) return;
    Duration d = delay;
    if (!d.isZero()) sleep(d);
    try {
      out.write(answerTo(OigFrameParser.parse(raw)));
      out.flush();
      answers.incrementAndGet();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The real cloud's answer to one box frame. */
  byte[] answerTo(Decoded d) {
    if (!(d instanceof Decoded.Ok ok)) return OigFrameBuilder.create().add("Result", "NACK").add("Reason", "WC").toBytes();
    OigFrame f = ok.frame();
    FrameKind kind = f.kind();
    if (kind == FrameKind.TABLE) return OigFrameBuilder.create().add("Result", "ACK").add("ToDo", "GetActual").toBytes();
    if (kind == FrameKind.POLL) {
      String[] s = "IsNewSet".equals(f.result()) ? settings.poll() : null;
      return s != null ? setting(f.deviceId(), s) : end(false);
    }
    if (kind == FrameKind.SETTING_ACK) return end(true);
    return OigFrameBuilder.create().add("Result", "ACK").toBytes();
  }

  private byte[] end(boolean getActual) {
    var now = clock.instant();
    OigFrameBuilder b = OigFrameBuilder.create().add("Result", "END")
        .add("Time", TIME.format(now.atZone(boxZone))).add("UTCTime", TIME.format(now.atZone(ZoneOffset.UTC)));
    if (getActual) b.add("ToDo", "GetActual");
    return b.toBytes();
  }

  private synchronized byte[] setting(String device, String[] s) {
    var now = clock.instant();
    return OigFrameBuilder.create().add("ID", Long.toString(++settingId)).add("ID_Device", device == null ? "0" : device)
        .add("ID_Set", Long.toString(now.getEpochSecond())).add("ID_SubD", "0")
        .add("DT", DateTimeFormatter.ofPattern("dd.MM.yyyy H:mm:ss").format(now.atZone(boxZone)))
        .add("NewValue", s[2]).add("Confirm", "New").add("TblName", s[0]).add("TblItem", s[1]).add("ID_Server", "5")
        .add("mytimediff", "0").add("Reason", "Setting").add("TSec", TIME.format(now.atZone(ZoneOffset.UTC)))
        .add("ver", String.format("%05d", (int) (settingId % 65536))).toBytes();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeQuietly(portHolder);
    closeQuietly(server);
    dropConnections();
  }
}
