package io.gridwire.oig.sim;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated OIG Box: one long-lived TCP connection, frames from {@link BoxFrames} at the real
 * cadence (speedable), lock step — it waits for each answer before the next frame. It counts
 * reconnects (a dropped connection) and unanswered frames, and follows a cloud Setting the way
 * a Box does (ACK, then a {@code tbl_events} "Remotely" report). One caller thread at a time.
 */
public final class OigBoxSimulator implements AutoCloseable {

  /**
   * How often the box sends.
   *
   * @param actual {@code tbl_actual} interval (real ~9 s)
   * @param batch the 5-minute table batch interval (real 5 min)
   * @param poll interval of the polls, which come in turn IsNewSet → IsNewWeather → IsNewFW (real ~1 min)
   */
  public record Cadence(Duration actual, Duration batch, Duration poll) {
    public static Cadence realistic() {
      return new Cadence(Duration.ofSeconds(9), Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    /** The same cadence {@code speed} times faster. */
    public Cadence faster(double speed) {
      return new Cadence(div(actual, speed), div(batch, speed), div(poll, speed));
    }

    private static Duration div(Duration d, double s) {
      return Duration.ofNanos(Math.max(1_000_000, (long) (d.toNanos() / s)));
    }
  }

  /** Counters so far. */
  public record Stats(long sent, long answered, long unanswered, long reconnects, Map<String, Long> answerKinds) {}

  private final String host;
  private final int port;
  private final Clock clock;
  private final Duration answerTimeout;
  private final BoxFrames frames;
  private final AtomicLong sent = new AtomicLong();
  private int polls; // the poll turn; the run loop and poll() callers are one thread
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final Map<String, Long> kinds = new ConcurrentHashMap<>();
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private Socket socket;
  private FrameDecoder decoder;
  private volatile boolean stopped;
  private volatile SettingBehaviour settingBehaviour = SettingBehaviour.ACCEPT;
  private final java.util.List<OigFrame> settingsReceived = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, String> parameters = new ConcurrentHashMap<>();

  public OigBoxSimulator(String host, int port, String deviceId, ZoneId zone, Clock clock, Duration answerTimeout) {
    this.host = host;
    this.port = port;
    this.clock = clock;
    this.answerTimeout = answerTimeout;
    this.frames = new BoxFrames(deviceId, zone, deviceId.hashCode());
  }

  public BoxFrames frames() {
    return frames;
  }

  /** Opens the connection (also after a drop, counted as a reconnect). */
  public void connect() throws IOException {
    if (socket != null) reconnects.incrementAndGet();
    closeSocket();
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), (int) answerTimeout.toMillis());
    s.setSoTimeout((int) answerTimeout.toMillis());
    socket = s;
    decoder = new FrameDecoder();
    pending.clear();
  }

  /**
   * Sends one frame and waits for the answer. Returns the answer's bytes, or null when none came
   * in time or the connection dropped (then it reconnects). Blocking.
   */
  public byte[] exchange(byte[] frame) {
    sent.incrementAndGet();
    try {
      if (socket == null || socket.isClosed()) connect();
      OutputStream out = socket.getOutputStream();
      out.write(frame);
      out.flush();
      byte[] answer = readAnswer(socket.getInputStream());
      if (answer == null) {
        unanswered.incrementAndGet();
        return null;
      }
      answered.incrementAndGet();
      kinds.merge(kindOf(answer), 1L, Long::sum);
      return answer;
    } catch (IOException e) {
      unanswered.incrementAndGet();
      closeSocket();
      return null;
    }
  }

  /** Sends raw bytes without waiting (tests: partial frames, garbage). */
  public void sendRaw(byte[] bytes) throws IOException {
    if (socket == null || socket.isClosed()) connect();
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Waits for the next answer frame (after {@link #sendRaw}); null on timeout. */
  public byte[] awaitAnswer() throws IOException {
    return readAnswer(socket.getInputStream());
  }

  /** Runs the cadence for {@code total} (or until {@link #stop()}), reconnecting after drops. Blocking. */
  public Stats run(Cadence cadence, Duration total) {
    Instant end = clock.instant().plus(total);
    Instant nextBatch = clock.instant();
    Instant nextPoll = clock.instant().plus(cadence.poll());
    while (!stopped && clock.instant().isBefore(end)) {
      Instant now = clock.instant();
      if (!now.isBefore(nextBatch)) {
        for (String t : BoxFrames.BATCH) exchange(frames.batchTable(t, now));
        exchange(frames.endOfBatch(now));
        nextBatch = now.plus(cadence.batch());
      }
      if (!now.isBefore(nextPoll)) {
        poll();
        nextPoll = now.plus(cadence.poll());
      }
      exchange(frames.actual(clock.instant()));
      sleep(cadence.actual());
    }
    return stats();
  }

  /** The next poll in the Box's turn: {@code IsNewSet → IsNewWeather → IsNewFW}; follows a Setting answer like a Box. */
  public void poll() {
    int turn = polls++ % 3;
    byte[] a = exchange(turn == 0 ? frames.isNewSet() : turn == 1 ? frames.isNewWeather() : frames.isNewFW());
    if (a != null) onSetting(OigFrameParser.parse(a));
  }

  /**
   * Follows a Setting answer as a box does: a bad CRC is answered {@code NACK WC}; otherwise
   * according to {@link #settingBehaviour}: ACK and later a {@code tbl_events} "Remotely" line with
   * the old and new value, NACK, or a dropped connection without an answer.
   */
  private void onSetting(Decoded d) {
    if (d instanceof Decoded.BadCrc bad && bad.frame().kind() == FrameKind.SETTING) {
      exchange(frames.settingNack("WC"));
      return;
    }
    if (!(d instanceof Decoded.Ok ok) || ok.frame().kind() != FrameKind.SETTING) return;
    OigFrame s = ok.frame();
    settingsReceived.add(s);
    switch (settingBehaviour) {
      case REFUSE -> exchange(frames.settingNack("WC"));
      case DROP -> closeSocket();
      case ACCEPT -> {
        exchange(frames.settingAck(clock.instant()));
        String key = s.get("TblName") + "/" + s.get("TblItem");
        String old = parameters.getOrDefault(key, "0");
        parameters.put(key, s.get("NewValue"));
        exchange(frames.settingApplied(clock.instant(), s.get("TblName"), s.get("TblItem"), old, s.get("NewValue")));
      }
    }
  }

  /** How the simulated box answers a Setting frame with a good CRC. */
  public enum SettingBehaviour {
    ACCEPT,
    /** {@code NACK} with reason {@code WC}. */
    REFUSE,
    /** The connection drops before the box answers (it then reconnects at its next frame). */
    DROP
  }

  public void settingBehaviour(SettingBehaviour behaviour) {
    this.settingBehaviour = behaviour;
  }

  /** Every Setting frame with a good CRC the box received, in order. */
  public java.util.List<OigFrame> settingsReceived() {
    return java.util.List.copyOf(settingsReceived);
  }

  /** The box's parameter values as settings changed them ({@code table/ITEM} → value). */
  public Map<String, String> parameters() {
    return Map.copyOf(parameters);
  }

  public void stop() {
    stopped = true;
  }

  public Stats stats() {
    return new Stats(sent.get(), answered.get(), unanswered.get(), reconnects.get(), new TreeMap<>(kinds));
  }

  private byte[] readAnswer(InputStream in) throws IOException {
    byte[] buf = new byte[2048];
    long deadline = System.nanoTime() + answerTimeout.toNanos();
    while (pending.isEmpty()) {
      if (System.nanoTime() > deadline) return null;
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        return null;
      }
      if (n < 0) throw new IOException("gateway closed the connection");
      decoder.feed(buf, 0, n, p -> {
        if (p instanceof Piece.Frame f) pending.add(f.raw());
      });
    }
    return pending.poll();
  }

  private static String kindOf(byte[] raw) {
    return switch (OigFrameParser.parse(raw)) {
      case Decoded.Ok ok -> ok.frame().kind().wireName();
      case Decoded.BadCrc ignored -> "bad_crc";
      case Decoded.Malformed ignored -> "malformed";
    };
  }

  private void closeSocket() {
    if (socket == null) return;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopped = true;
    closeSocket();
  }
}
