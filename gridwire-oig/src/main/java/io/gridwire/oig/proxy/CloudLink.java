package io.gridwire.oig.proxy;

import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to the cloud, on an {@link IoLoop}, used in lock step: {@link #exchange}
 * sends a frame and the one answer frame is handed to the exchange's {@link Waiter}. The answer
 * (and a late CR LF after it) goes to the exchange's sink first; an answer that comes after its
 * deadline is never passed on: the {@link #sweep} ends the exchange and closes the link at the
 * deadline, on the same thread that reads. Frames nobody waits for go to the {@code unsolicited}
 * consumer. Loop only, but {@link #isDown}; a probe uses {@link #exchangeBlocking} on its own
 * thread before the link is registered.
 */
final class CloudLink implements IoLoop.Handler {
  /** Told, on the loop, how one exchange ended. */
  interface Waiter {
    void answered(byte[] raw);

    /** {@link CloudOutcome.TimedOut} or {@link CloudOutcome.Down}; the link is down by then. */
    void failed(CloudOutcome outcome);
  }

  private final IoLoop loop;
  private final SocketChannel channel;
  private final FrameDecoder decoder;
  private final Outbox out;
  private final java.util.function.Predicate<byte[]> unsolicited;
  private final Consumer<byte[]> unsolicitedTail;
  private final Consumer<Piece> onPiece = this::onPiece;
  private SelectionKey key;
  private Waiter waiter;
  private Consumer<byte[]> sink;
  private Consumer<byte[]> lastSink;
  private long deadline;
  private Duration timeout;
  private volatile String downReason;

  private CloudLink(IoLoop loop, SocketChannel channel, FrameDecoder decoder, int outLimit,
      java.util.function.Predicate<byte[]> unsolicited, Consumer<byte[]> unsolicitedTail) {
    this.loop = loop;
    this.channel = channel;
    this.decoder = decoder;
    this.out = new Outbox(outLimit);
    this.unsolicited = unsolicited;
    this.unsolicitedTail = unsolicitedTail;
  }

  /**
   * Registers a connected channel with {@code loop} (loop only); {@code decoder} holds what a probe
   * already read of it. A channel that cannot be registered gives a link that is down. A frame the
   * cloud sends unasked goes to {@code unsolicited}, which says whether it passed the frame on; the
   * CR LF of a passed one, when it comes in a later read, to {@code unsolicitedTail} (dropped
   * before: the box missed two bytes of the push).
   */
  static CloudLink register(IoLoop loop, SocketChannel channel, FrameDecoder decoder, int outLimit,
      java.util.function.Predicate<byte[]> unsolicited, Consumer<byte[]> unsolicitedTail) {
    CloudLink link = new CloudLink(loop, channel, decoder, outLimit, unsolicited, unsolicitedTail);
    try {
      channel.configureBlocking(false);
      link.key = loop.register(channel, SelectionKey.OP_READ, link);
    } catch (IOException e) {
      link.markDown("cannot register: " + e.getMessage());
    }
    return link;
  }

  /**
   * Sends {@code frame}; the answer goes to {@code sink} (may be null), then to {@code waiter}, or
   * the waiter learns that none came within {@code timeout} or the link failed. Returns the
   * outcome at once (and tells the waiter nothing) when the link is down or the write fails.
   */
  CloudOutcome.Down exchange(byte[] frame, Duration timeout, Consumer<byte[]> sink, Waiter waiter) {
    if (downReason != null) return new CloudOutcome.Down(downReason);
    if (!write(frame)) return new CloudOutcome.Down(downReason);
    this.waiter = waiter;
    this.sink = sink;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
    return null;
  }

  /** Sends bytes without waiting (a late CR LF of a box frame). */
  void send(byte[] bytes) {
    if (downReason == null) write(bytes);
  }

  boolean isDown() {
    return downReason != null;
  }

  String downReason() {
    return downReason;
  }

  /** Closes the link; an exchange still waiting is dropped without a word (its owner is closing). */
  void close() {
    waiter = null;
    markDown("closed");
  }

  /** The sweep: an exchange unanswered at its deadline ends as timed out and kills the link. */
  void sweep(long nowNanos) {
    if (waiter == null || nowNanos - deadline < 0) return;
    Waiter w = waiter;
    waiter = null;
    if (downReason == null) downReason = "no answer within " + timeout.toMillis() + " ms";
    IoLoop.closeQuietly(channel);
    w.failed(new CloudOutcome.TimedOut());
  }

  @Override
  public void ready(SelectionKey k) {
    try {
      if (k.isWritable()) out.flush(channel, k);
      if (!k.isValid() || !k.isReadable()) return;
      ByteBuffer buf = loop.readBuffer();
      int n = channel.read(buf);
      if (n < 0) {
        markDown("cloud closed the connection");
        return;
      }
      decoder.feed(buf.array(), 0, n, onPiece);
    } catch (IOException e) {
      markDown(downReason != null ? downReason : "read failed: " + e.getMessage());
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(CloudLink.class).warn("OIG cloud link: {} (link closed)", e.toString(), e);
      markDown("failed: " + e);
    }
  }

  private void onPiece(Piece piece) {
    if (downReason != null) return;
    if (piece instanceof Piece.Frame f) {
      if (waiter != null) {
        Waiter w = waiter;
        waiter = null;
        lastSink = sink;
        if (sink != null) sink.accept(f.raw());
        w.answered(f.raw());
      } else {
        // its CR LF, should it come in a later read, goes where the frame went: nowhere if dropped
        lastSink = unsolicited.test(f.raw()) ? unsolicitedTail : null;
      }
    } else if (piece instanceof Piece.Terminator t) {
      if (lastSink != null) lastSink.accept(t.bytes());
    } else {
      lastSink = null; // garbage or an oversize frame: the line end after it belongs to nothing passed on
    }
  }

  private boolean write(byte[] bytes) {
    try {
      if (out.write(channel, key, bytes)) return true;
      markDown("the cloud does not read: " + out.queued() + " bytes wait to be sent (at most " + out.limit() + ")");
    } catch (IOException e) {
      markDown("write failed: " + e.getMessage());
    }
    return false;
  }

  private void markDown(String reason) {
    if (downReason == null) downReason = reason;
    IoLoop.closeQuietly(channel);
    Waiter w = waiter;
    waiter = null;
    if (w != null) w.failed(new CloudOutcome.Down(downReason));
  }

  /**
   * On a connected channel in blocking mode, before it is registered (a probe's own thread): sends
   * {@code frame} and reads into {@code decoder} until one frame came, at most {@code timeout}.
   * What follows that frame in the same read is dropped, as the cloud's frames are while offline.
   */
  static CloudOutcome exchangeBlocking(SocketChannel channel, FrameDecoder decoder, byte[] frame, Duration timeout) {
    try {
      channel.write(ByteBuffer.wrap(frame));
      channel.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
      InputStream in = channel.socket().getInputStream();
      byte[] buf = new byte[2048];
      byte[][] answer = new byte[1][];
      long end = System.nanoTime() + timeout.toNanos();
      while (answer[0] == null) {
        if (System.nanoTime() - end >= 0) return new CloudOutcome.TimedOut();
        int n = in.read(buf);
        if (n < 0) return new CloudOutcome.Down("cloud closed the connection");
        decoder.feed(buf, 0, n, p -> {
          if (answer[0] == null && p instanceof Piece.Frame f) answer[0] = f.raw();
        });
      }
      return new CloudOutcome.Answered(answer[0]);
    } catch (SocketTimeoutException e) {
      return new CloudOutcome.TimedOut();
    } catch (IOException e) {
      return new CloudOutcome.Down("write failed: " + e.getMessage());
    }
  }
}
