package io.gridwire.wsdevice.session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated device connection. Sends are chained so at most one frame is in flight and
 * frames leave in call order; a frame being written completes or fails within the send timeout,
 * and a frame given a time to start by is dropped unwritten once that passed. At most
 * {@link #MAX_WAITING_SENDS} frames wait: a device that does not read its connection while it
 * keeps sending (and is answered with notices) would otherwise make the chain grow without
 * bound; beyond, a send fails at once and is counted. Thread-safe.
 */
public final class DeviceSession {
  private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);
  private final String sessionId;
  private final String owner;
  private final String auth;
  private final String remoteAddress;
  private final Instant connectedAt;
  private final Session socket;
  private final long sendTimeoutMillis;
  final TokenBucket bucket;
  private final LongAdder received = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final AtomicLong badTimestamps = new AtomicLong();
  private final AtomicLong metricsRefused = new AtomicLong();
  private final LongAdder commands = new LongAdder();
  private final AtomicLong lastMessageMillis = new AtomicLong();
  private volatile String lastCommandId;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  /** Frames sent or waiting to be, not yet completed. */
  private int waiting;
  private final LongAdder sendsRefused = new LongAdder();
  /** Counts a refused send where the operator sees it (the node's meter). */
  private final Runnable onSendRefused;
  static final int MAX_WAITING_SENDS = 64;

  DeviceSession(String sessionId, String owner, String auth, String remoteAddress, Instant connectedAt, Session socket,
      long sendTimeoutMillis, TokenBucket bucket, Runnable onSendRefused) {
    this.onSendRefused = onSendRefused;
    this.sessionId = sessionId;
    this.owner = owner;
    this.auth = auth;
    this.remoteAddress = remoteAddress;
    this.connectedAt = connectedAt;
    this.socket = socket;
    this.sendTimeoutMillis = sendTimeoutMillis;
    this.bucket = bucket;
  }

  /** Sends a text frame after any earlier one; completes when written, or exceptionally. */
  public CompletableFuture<Void> sendText(String text) {
    return chain(cb -> socket.sendText(text, cb), Long.MAX_VALUE);
  }

  /**
   * Sends a text frame after any earlier one, unless its turn comes later than {@code within}
   * from now: then it is never written and fails with a {@link TimeoutException}. For commands,
   * whose sender reports a failure after that long: a command reported failed must not reach the
   * device afterwards from behind frames it does not read.
   */
  public CompletableFuture<Void> sendText(String text, Duration within) {
    return chain(cb -> socket.sendText(text, cb), System.nanoTime() + within.toNanos());
  }

  /** Sends a binary frame after any earlier one, unless its turn comes later than {@code within} from now. */
  public CompletableFuture<Void> sendBinary(byte[] bytes, Duration within) {
    return chain(cb -> socket.sendBinary(ByteBuffer.wrap(bytes), cb), System.nanoTime() + within.toNanos());
  }

  private synchronized CompletableFuture<Void> chain(java.util.function.Consumer<Callback> send, long startBy) {
    if (waiting >= MAX_WAITING_SENDS) {
      if (sendsRefused.sum() == 0) {
        log.warn("device {} from {} does not read its connection: {} frames wait for it, further notices and commands"
            + " to it fail until it reads (check the device's WebSocket client)", sessionId, remoteAddress, waiting);
      }
      sendsRefused.increment();
      onSendRefused.run();
      return CompletableFuture.failedFuture(new java.io.IOException(MAX_WAITING_SENDS
          + " frames already wait for this device: it does not read its connection"));
    }
    waiting++;
    CompletableFuture<Void> next = tail.handle((v, e) -> null).thenCompose(v -> {
      CompletableFuture<Void> f = new CompletableFuture<>();
      if (!socket.isOpen()) {
        f.completeExceptionally(new java.io.IOException("connection closed"));
        return f;
      }
      if (startBy != Long.MAX_VALUE && System.nanoTime() - startBy > 0) {
        f.completeExceptionally(new TimeoutException("not sent: the frames before it did not leave in time"));
        return f;
      }
      try {
        send.accept(Callback.from(() -> f.complete(null), f::completeExceptionally));
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
      return f.orTimeout(sendTimeoutMillis, TimeUnit.MILLISECONDS);
    });
    next.whenComplete((v, e) -> sent());
    tail = next;
    return next;
  }

  private synchronized void sent() {
    waiting--;
  }

  /** Sends refused because {@link #MAX_WAITING_SENDS} frames were already waiting. */
  public long sendsRefused() {
    return sendsRefused.sum();
  }

  /** Closes the connection with a code and reason; the close handler cleans up. */
  public void close(int code, String reason) {
    socket.close(code, reason, Callback.NOOP);
  }

  public boolean isOpen() {
    return socket.isOpen();
  }

  void receivedOne(long nowMillis) {
    received.increment();
    lastMessageMillis.set(nowMillis);
  }

  void rejectedOne() {
    rejected.increment();
  }

  /** @return bad timestamps of this session so far, this one included */
  long badTimestampOne() {
    return badTimestamps.incrementAndGet();
  }

  /** Counts a message with metric names past the device's bound; returns the count so far. */
  long metricsRefusedOne() {
    return metricsRefused.incrementAndGet();
  }

  void throttledOne() {
    throttled.increment();
  }

  public void commandSent(String commandId) {
    commands.increment();
    lastCommandId = commandId;
  }

  public String sessionId() {
    return sessionId;
  }

  public String owner() {
    return owner;
  }

  /** {@code password} or {@code token}. */
  public String auth() {
    return auth;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public Instant connectedAt() {
    return connectedAt;
  }

  public long messagesReceived() {
    return received.sum();
  }

  public long messagesRejected() {
    return rejected.sum();
  }

  public long messagesThrottled() {
    return throttled.sum();
  }

  public long commandsSent() {
    return commands.sum();
  }

  /** The id of the last command sent, for linking a binary (Modbus) answer; may be null. */
  public String lastCommandId() {
    return lastCommandId;
  }

  /** Last telemetry time, or null before the first. */
  public Instant lastMessageAt() {
    long m = lastMessageMillis.get();
    return m == 0 ? null : Instant.ofEpochMilli(m);
  }
}
