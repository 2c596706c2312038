package io.gridwire.web.ws;

import io.gridwire.core.buffer.CoalescingBuffer;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One connected {@code /ws/metrics} client with its own bounded buffer (a {@link CoalescingBuffer},
 * latest reading per device) and at most one message in flight to the socket.
 *
 * <pre>
 *  hub ──offer()──▶ [queue: wsClientQueue msgs] ──▶ one send in flight ──▶ socket
 *                         │ full
 *                         ▼
 *                  [latest per device: wsClientCoalesceKeys] ──full──▶ dropped (counted)
 * </pre>
 *
 * A client that never reads leaves its one send pending; its buffer then coalesces and drops,
 * while {@link #offer} stays O(1) and never blocks the hub. {@link #offer} never sends itself: when
 * the client is idle it hands one drain task to the client's {@code drainer} (virtual threads in
 * production), which sends everything buffered by then; so the hub's cost per client and message is
 * one short lock, and the socket work of many clients runs in parallel. While coalesced entries are waiting,
 * new readings go there too, so a device's readings are never reordered. Thread-safe.
 */
public final class WsClient {
  /** Sends one text frame; calls {@code done} (any thread, possibly inline) when written, or {@code failed}. */
  public interface Sender {
    void send(String text, Runnable done, Consumer<Throwable> failed);
  }

  private final String id;
  private final Set<String> devices;
  private final Sender sender;
  private final CoalescingBuffer<String> buffer;
  private final LongAdder sent = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder batched = new LongAdder();
  private final Consumer<WsClient> onFailure;
  private final Executor drainer;
  private final int batchChars;
  private boolean inFlight = true; // paused until start(): live messages wait behind the snapshot
  private volatile boolean closed;

  /**
   * @param devices device ids this client follows; empty means all devices
   * @param onFailure called once when a send fails (the hub forgets the client)
   */
  public WsClient(String id, Set<String> devices, Sender sender, int queueBound, int coalesceBound,
      Consumer<WsClient> onFailure) {
    this(id, devices, sender, queueBound, coalesceBound, onFailure, Runnable::run, 0);
  }

  /** Like the full constructor, one frame per message (no batching). */
  public WsClient(String id, Set<String> devices, Sender sender, int queueBound, int coalesceBound,
      Consumer<WsClient> onFailure, Executor drainer) {
    this(id, devices, sender, queueBound, coalesceBound, onFailure, drainer, 0);
  }

  /**
   * @param drainer runs the drain task that {@link #offer} schedules when the client was idle (a
   *     virtual-thread executor in production; {@code Runnable::run} sends inline on the offering
   *     thread). A rejected task closes the client.
   * @param batchChars 0: every message is its own frame. Above 0: consecutive buffered reading
   *     messages ({@link MetricsHub#READING_PREFIX}) leave as one {@code {"type":"readings","data":[...]}}
   *     frame of up to about this many characters (a client that opted in with {@code ?batch=true})
   */
  public WsClient(String id, Set<String> devices, Sender sender, int queueBound, int coalesceBound,
      Consumer<WsClient> onFailure, Executor drainer, int batchChars) {
    if (batchChars < 0) throw new IllegalArgumentException("batchChars must be >= 0: " + batchChars);
    this.id = id;
    this.drainer = drainer;
    this.batchChars = batchChars;
    this.devices = Set.copyOf(devices);
    this.sender = sender;
    this.buffer = CoalescingBuffer.latestPerKey(queueBound, coalesceBound);
    this.onFailure = onFailure;
  }

  public String id() {
    return id;
  }

  /** Device ids followed; empty for all. */
  public Set<String> devices() {
    return devices;
  }

  public boolean follows(String deviceId) {
    return devices.isEmpty() || (deviceId != null && devices.contains(deviceId));
  }

  /** Sends {@code first} (the snapshot) ahead of everything buffered so far, then resumes. */
  public void start(String first) {
    synchronized (this) {
      buffer.addFirst(first);
    }
    pump();
  }

  /**
   * Offers a message. {@code key} (the device id of a reading) allows coalescing when the queue is
   * full; a null key (events, pong) is dropped instead. Never blocks.
   */
  public void offer(String key, String text) {
    if (closed) return;
    synchronized (this) {
      switch (buffer.offer(key, text)) {
        case QUEUED -> {}
        case COALESCED -> coalesced.increment();
        case DROPPED -> dropped.increment();
      }
      if (inFlight) return;
      inFlight = true;
    }
    try {
      drainer.execute(this::pump);
    } catch (RejectedExecutionException e) {
      failed(e);
    }
  }

  /** Sends buffered messages one at a time until the buffer is empty or a send is pending. */
  private void pump() {
    while (!closed) {
      String next;
      synchronized (this) {
        next = batchChars > 0 ? pollBatch() : poll();
        if (next == null) {
          inFlight = false;
          return;
        }
      }
      // 0 = pending, 1 = completed before send() returned (loop here), 2 = caller left (callback pumps)
      AtomicInteger state = new AtomicInteger();
      try {
        sender.send(next, () -> {
          sent.increment();
          if (!state.compareAndSet(0, 1)) pump();
        }, this::failed);
      } catch (RuntimeException e) {
        failed(e);
        return;
      }
      if (state.compareAndSet(0, 2)) return;
    }
  }

  /**
   * Like {@link #poll}, but a reading followed by more buffered readings becomes one
   * {@code readings} frame (order kept: the same front-to-back order as one at a time).
   */
  private String pollBatch() {
    String first = poll();
    if (first == null || !isReading(first) || !isReading(peek())) return first;
    StringBuilder b = new StringBuilder(Math.min(batchChars, 4 * first.length()) + 64);
    b.append(MetricsHub.READINGS_PREFIX);
    appendData(b, first);
    int n = 1;
    while (b.length() < batchChars && isReading(peek())) {
      b.append(',');
      appendData(b, poll());
      n++;
    }
    batched.add(n - 1);
    return b.append("]}").toString();
  }

  private static boolean isReading(String text) {
    return text != null && text.startsWith(MetricsHub.READING_PREFIX);
  }

  private static void appendData(StringBuilder b, String reading) {
    b.append(reading, MetricsHub.READING_PREFIX.length(), reading.length() - 1);
  }

  private String peek() {
    return buffer.peek();
  }

  private String poll() {
    return buffer.poll();
  }

  private void failed(Throwable t) {
    if (closed) return;
    close();
    onFailure.accept(this);
  }

  public void close() {
    closed = true;
    synchronized (this) {
      buffer.clear();
    }
  }

  public boolean closed() {
    return closed;
  }

  public synchronized int buffered() {
    return buffer.size();
  }

  public long sent() {
    return sent.sum();
  }

  public long coalesced() {
    return coalesced.sum();
  }

  public long dropped() {
    return dropped.sum();
  }

  /** Readings that left inside a {@code readings} frame instead of a frame of their own. */
  public long batched() {
    return batched.sum();
  }
}
