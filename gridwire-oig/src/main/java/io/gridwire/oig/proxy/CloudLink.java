package io.gridwire.oig.proxy;

import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One TCP connection to the cloud, used in lock step: {@link #exchange} sends a frame and waits
 * for the one answer frame. A reader virtual thread owns the receive side; it hands the answer to
 * the exchange's sink while holding the link lock, so an answer that arrives after its timeout is
 * never written to the box (the link is dead by then). Frames nobody waits for go to the
 * {@code unsolicited} consumer. Thread-safe; one exchange at a time.
 *
 * <p>With a {@link DeadlineSweep}, an exchange waits for its answer without a timer of its own
 * and the sweep, which holds the link while the exchange waits, ends it at the deadline; without
 * one, the wait is timed.
 */
final class CloudLink implements AutoCloseable, DeadlineSweep.Watched {
  private final Socket socket;
  private final OutputStream out;
  private final Consumer<byte[]> unsolicited;
  private final DeadlineSweep sweep;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition answered = lock.newCondition();
  /** Volatile so the sweep can pass an idle link without its lock. */
  private volatile boolean waiting;
  private Consumer<byte[]> sink;
  private Consumer<byte[]> lastSink;
  private byte[] answer;
  /** The waiting exchange's deadline ({@link System#nanoTime}) and timeout, when swept. */
  private volatile long deadline;
  private Duration timeout;
  private boolean timedOut;
  private volatile String downReason;

  private CloudLink(Socket socket, Consumer<byte[]> unsolicited, DeadlineSweep sweep) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.unsolicited = unsolicited;
    this.sweep = sweep;
  }

  /** Wraps a connected socket and starts its reader thread; exchanges wait with timers of their own. */
  static CloudLink open(Socket socket, int maxFrame, String name, Consumer<byte[]> unsolicited) throws IOException {
    return open(socket, maxFrame, name, unsolicited, null);
  }

  /** As {@link #open(Socket, int, String, Consumer)}; {@code sweep} (null: none) ends overdue exchanges. */
  static CloudLink open(Socket socket, int maxFrame, String name, Consumer<byte[]> unsolicited, DeadlineSweep sweep)
      throws IOException {
    CloudLink link = new CloudLink(socket, unsolicited, sweep);
    Thread.ofVirtual().name(name).start(() -> link.readLoop(maxFrame));
    return link;
  }

  /**
   * Sends {@code frame} and waits up to {@code timeout} for the answer. The answer (and a late CR
   * LF) is passed to {@code sink} first (may be null) on the reader thread. A timeout kills the
   * link. Blocking.
   */
  CloudOutcome exchange(byte[] frame, Duration timeout, Consumer<byte[]> sink) {
    lock.lock();
    try {
      if (downReason != null) return new CloudOutcome.Down(downReason);
      waiting = true;
      answer = null;
      this.sink = sink;
      this.timeout = timeout;
      this.deadline = System.nanoTime() + timeout.toNanos();
    } finally {
      lock.unlock();
    }
    if (sweep != null) sweep.add(this);
    try {
      out.write(frame);
      out.flush();
    } catch (IOException e) {
      markDown("write failed: " + e.getMessage());
      return new CloudOutcome.Down(downReason);
    }
    return await(timeout);
  }

  /** Sends bytes without waiting (a late CR LF of a box frame). */
  void send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      markDown("write failed: " + e.getMessage());
    }
  }

  boolean isDown() {
    return downReason != null;
  }

  String downReason() {
    return downReason;
  }

  @Override
  public void close() {
    markDown("closed");
  }

  private CloudOutcome await(Duration timeout) {
    long left = timeout.toNanos();
    lock.lock();
    try {
      if (sweep != null) {
        try {
          while (answer == null && downReason == null) answered.await(); // the sweep ends it at the deadline
        } finally {
          sweep.remove(this);
        }
      } else {
        while (answer == null && downReason == null && left > 0) left = answered.awaitNanos(left);
      }
      waiting = false;
      sink = null;
      if (answer != null) return new CloudOutcome.Answered(answer);
      if (timedOut) {
        timedOut = false; // the sweep gave the reason
      } else if (downReason != null) {
        return new CloudOutcome.Down(downReason);
      } else {
        downReason = "no answer within " + timeout.toMillis() + " ms";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      downReason = "interrupted";
    } finally {
      lock.unlock();
    }
    closeSocket();
    return new CloudOutcome.TimedOut();
  }

  private void readLoop(int maxFrame) {
    FrameDecoder decoder = new FrameDecoder(maxFrame);
    byte[] buf = new byte[1024];
    try (InputStream in = socket.getInputStream()) {
      for (int n; (n = in.read(buf)) >= 0; ) decoder.feed(buf, 0, n, this::onPiece);
      markDown("cloud closed the connection");
    } catch (IOException e) {
      markDown(downReason != null ? downReason : "read failed: " + e.getMessage());
    }
  }

  private void onPiece(Piece piece) {
    Consumer<byte[]> forUnsolicited = null;
    byte[] bytes = null;
    lock.lock();
    try {
      if (downReason != null) return;
      if (piece instanceof Piece.Frame f) {
        if (waiting && answer == null) {
          if (sink != null) sink.accept(f.raw());
          lastSink = sink;
          answer = f.raw();
          answered.signalAll();
        } else {
          lastSink = null;
          forUnsolicited = unsolicited;
          bytes = f.raw();
        }
      } else if (piece instanceof Piece.Terminator t && lastSink != null) {
        lastSink.accept(t.bytes());
      }
    } finally {
      lock.unlock();
    }
    if (forUnsolicited != null) forUnsolicited.accept(bytes);
  }

  /** The sweep: an exchange still unanswered at its deadline ends as timed out and kills the link. */
  @Override
  public void sweep(long nowNanos, java.time.Instant now) {
    if (!waiting || nowNanos - deadline < 0) return;
    // The answer is in the socket and the reader has not taken it yet (its virtual thread waits for
    // a carrier, e.g. while 1,000 new boxes are admitted at once): the cloud did answer in time.
    if (answerWaitsInSocket()) return;
    lock.lock();
    try {
      if (!waiting || answer != null || downReason != null || nowNanos - deadline < 0) return;
      timedOut = true;
      downReason = "no answer within " + timeout.toMillis() + " ms";
      answered.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean answerWaitsInSocket() {
    try {
      return socket.getInputStream().available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private void markDown(String reason) {
    lock.lock();
    try {
      if (downReason == null) downReason = reason;
      answered.signalAll();
    } finally {
      lock.unlock();
    }
    closeSocket();
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

}
