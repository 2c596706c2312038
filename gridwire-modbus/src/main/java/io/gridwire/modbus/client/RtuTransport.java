package io.gridwire.modbus.client;

import io.gridwire.modbus.codec.RtuFrameHunter;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.PduCodec;
import io.gridwire.modbus.codec.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one Modbus RTU engine, over any {@link ByteLink}: a TCP socket to a serial-to-Ethernet
 * converter (USR-TCP232-410S, SPEC §3.1; {@link SocketLink}) or a local serial port
 * ({@link SerialLink}). One instance per converter or port: every unit id behind it shares the
 * link, and one request is in flight at a time (fair lock, FIFO).
 *
 * <pre>
 *  per request:
 *   1. drain: discard bytes until the line has been quiet for the turnaround gap since the last
 *      exchange (and, after a failed request, until its late answer can no longer arrive)
 *   2. write [unit][pdu][crc]
 *   3. hunt: read into a bounded buffer until {@link RtuFrameHunter} finds the answer, the
 *      timeout passes, or at least the shortest answer's 5 bytes came and the line then stayed
 *      quiet for the answer gap (turnaround, at least 50 ms) without a valid answer among them: a
 *      corrupt answer (bad CRC, wrong unit, byte count or length, garbage) ends the request at
 *      once as malformed, while a stray byte or two (line glitch) still waits for a slow answer
 * </pre>
 *
 * On a serial port the bytes take time on the wire: the answer timeout is extended by the time
 * the request and the longest answer take at the port's character time ({@link SerialSettings}),
 * so a 125-register read at 9600 baud is not cut short; for a TCP pipe the character time is 0.
 *
 * Only a request without any answer leaves a late-answer guard: the next request first waits
 * one timeout; after a corrupt answer the line is already quiet and the next one starts after
 * the turnaround gap.
 *
 * Thread-safe; {@link #execute} blocks.
 */
public final class RtuTransport implements ModbusTransport {
  /** Hunt buffer: two of the longest RTU frames (256 bytes). */
  static final int BUFFER = 512;
  /** Shortest quiet time after received bytes that ends a hunt without a valid answer. */
  static final Duration MIN_ANSWER_GAP = Duration.ofMillis(50);
  /** The shortest answer (an exception: unit, function|0x80, code, CRC×2): fewer bytes never end a hunt early. */
  static final int MIN_ANSWER_BYTES = 5;

  private final ByteLink.Factory links;
  private final Duration connectTimeout;
  private final Duration turnaround;
  private final long answerGapNanos;
  private final long charNanos;
  private final Ticker ticker;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final byte[] out = new byte[256];
  private final byte[] in = new byte[BUFFER];
  private final AtomicLong staleBytes = new AtomicLong();
  private ByteLink link;
  private long lastEnd = Long.MIN_VALUE;
  private long guardUntil = Long.MIN_VALUE;

  /**
   * @param turnaround quiet time on the line between the end of one exchange and the next request
   */
  public RtuTransport(ByteLink.Factory links, Duration connectTimeout, Duration turnaround, Ticker ticker) {
    this(links, connectTimeout, turnaround, Duration.ZERO, ticker);
  }

  /**
   * @param turnaround quiet time on the line between the end of one exchange and the next request
   * @param charTime time one character takes on the wire (serial ports), zero for TCP pipes
   */
  public RtuTransport(ByteLink.Factory links, Duration connectTimeout, Duration turnaround, Duration charTime, Ticker ticker) {
    this.charNanos = charTime.toNanos();
    this.links = links;
    this.connectTimeout = connectTimeout;
    this.turnaround = turnaround;
    this.answerGapNanos = Math.max(turnaround.toNanos(), MIN_ANSWER_GAP.toNanos());
    this.ticker = ticker;
  }

  @Override
  public Outcome execute(int unitId, ModbusRequest request, Duration timeout) {
    lock.lock();
    try {
      if (link == null) link = links.open(connectTimeout);
      drain();
      int n = RtuFrameHunter.encode(unitId, request, out);
      link.write(out, 0, n);
      Outcome o = hunt(unitId, request, timeout, wireNanos(n, request));
      lastEnd = ticker.nanos();
      if (o instanceof Outcome.TimedOut) guardUntil = lastEnd + timeout.toNanos();
      return o;
    } catch (IOException e) {
      reset();
      return new Outcome.TransportDown(String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.TransportDown("interrupted");
    } finally {
      lock.unlock();
    }
  }

  private void drain() throws IOException, InterruptedException {
    long quietUntil = Math.max(lastEnd == Long.MIN_VALUE ? Long.MIN_VALUE : lastEnd + turnaround.toNanos(), guardUntil);
    discardAvailable();
    long left;
    while (quietUntil != Long.MIN_VALUE && (left = quietUntil - ticker.nanos()) > 0) {
      int n = link.read(in, 0, in.length, Duration.ofNanos(left));
      if (n < 0) throw new IOException("connection closed by peer");
      if (n > 0) {
        staleBytes.addAndGet(n);
        quietUntil = Math.max(quietUntil, ticker.nanos() + turnaround.toNanos());
      }
    }
    discardAvailable();
  }

  private void discardAvailable() throws IOException {
    int n;
    while ((n = link.available()) > 0) {
      int r = link.read(in, 0, Math.min(n, in.length), Duration.ofMillis(1));
      if (r < 0) throw new IOException("connection closed by peer");
      staleBytes.addAndGet(r);
    }
  }

  /** Time the request of {@code requestBytes} and its answer take on the wire (0 on TCP). */
  private long wireNanos(int requestBytes, ModbusRequest request) {
    return charNanos * (requestBytes + PduCodec.answerLength(request) + 3);
  }

  private Outcome hunt(int unitId, ModbusRequest request, Duration timeout, long wireNanos) throws IOException {
    long deadline = ticker.nanos() + timeout.toNanos() + wireNanos;
    long quietEnd = Long.MAX_VALUE; // once bytes came: when the line has been quiet for the answer gap
    int have = 0;
    int badCrc = 0;
    long received = 0;
    while (true) {
      long left = Math.min(deadline, quietEnd) - ticker.nanos();
      if (left <= 0) break;
      if (have == in.length) { // keep the newest half: an answer is at most 256 bytes
        System.arraycopy(in, in.length / 2, in, 0, in.length / 2);
        have = in.length / 2;
      }
      int n = link.read(in, have, in.length - have, Duration.ofNanos(left));
      if (n < 0) {
        reset();
        return new Outcome.TransportDown("connection closed by peer" + (have > 0 ? " mid-answer" : ""));
      }
      if (n == 0) continue;
      have += n;
      received += n;
      if (received >= MIN_ANSWER_BYTES) quietEnd = ticker.nanos() + answerGapNanos;
      RtuFrameHunter.Hunt h = RtuFrameHunter.scan(in, have, unitId, request);
      badCrc = Math.max(badCrc, h.badCrc());
      if (h.found() != null) return h.found();
    }
    if (badCrc > 0) return new Outcome.Malformed("bad CRC");
    if (received > 0) return new Outcome.Malformed("no valid answer in " + received + " byte(s)");
    return new Outcome.TimedOut(timeout);
  }

  /** Bytes discarded before requests since start (late answers, bus noise). */
  public long staleBytes() {
    return staleBytes.get();
  }

  @Override
  public void reset() {
    lock.lock();
    try {
      if (link != null) link.close();
      link = null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    reset();
  }
}
