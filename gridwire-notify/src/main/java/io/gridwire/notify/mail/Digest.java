package io.gridwire.notify.mail;

import io.gridwire.notify.AlarmNotice;
import io.gridwire.notify.DeliveryQueue;
import io.gridwire.notify.NoticeJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects alarm notices into digests: the first notice opens a window, every notice until it
 * closes joins the same digest.
 *
 * <pre>
 *  notice ──▶ durable queue ──[window opens at the first] ── +window ──▶ due: one mail with all of them
 *                                                                        sent: removed from the queue
 * </pre>
 *
 * Notices wait in a {@link DeliveryQueue} (on disk in the gateway) until their digest was sent,
 * so neither a mail server that is down nor a restart loses one: a queue that holds notices at
 * start opens a window at once. At most {@code maxPerDigest} notices go into one mail (the rest
 * into the next); the queue's own bound drops the oldest beyond it, counted. Thread-safe; time
 * comes from the caller.
 */
public final class Digest {
  private final Duration window;
  private final DeliveryQueue queue;
  private final int maxPerDigest;
  private Instant opened;
  private List<Long> taken = List.of();
  private long dropped;

  /**
   * @param now the start: notices left in {@code queue} by an earlier run open a window here
   */
  public Digest(Duration window, DeliveryQueue queue, int maxPerDigest, Instant now) {
    this.window = window;
    this.queue = queue;
    this.maxPerDigest = maxPerDigest;
    if (queue.size() > 0) opened = now;
  }

  /** Notices waiting from an earlier run, or not yet mailed. */
  public long waiting() {
    return queue.size();
  }

  /** Adds a notice; returns true when it opened a new window (the caller schedules the flush). */
  public synchronized boolean add(AlarmNotice n, Instant now) {
    dropped += queue.append(List.of(NoticeJson.of(n)));
    if (opened != null) return false;
    opened = now;
    return true;
  }

  /** When the open window closes, or null when none is open. */
  public synchronized Instant dueAt() {
    return opened == null ? null : opened.plus(window);
  }

  /**
   * The digest when its window has closed by {@code now}, else an empty list. Call {@link #sent}
   * once it was mailed, or {@link #putBack} when it was not.
   */
  public synchronized List<AlarmNotice> takeDue(Instant now) {
    if (opened == null || now.isBefore(opened.plus(window))) return List.of();
    return take();
  }

  /** Everything waiting, window closed or not (the gateway is stopping). */
  public synchronized List<AlarmNotice> takeAll() {
    return take();
  }

  private List<AlarmNotice> take() {
    List<AlarmNotice> out = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    for (DeliveryQueue.Entry e : queue.peek(maxPerDigest)) {
      seqs.add(e.seq());
      Optional<AlarmNotice> n = NoticeJson.read(e.body());
      if (n.isPresent()) out.add(n.get());
      else dropped++; // a damaged entry: removed with the digest, counted
    }
    taken = seqs;
    opened = null;
    return out;
  }

  /** The digest last taken was mailed: its notices leave the queue; more waiting opens a window at {@code now}. */
  public synchronized void sent(Instant now) {
    for (long seq : taken) queue.delete(seq);
    taken = List.of();
    if (opened == null && queue.size() > 0) opened = now;
  }

  /** The digest last taken could not be sent: it stays first in the queue; the window reopens at {@code now}. */
  public synchronized void putBack(Instant now) {
    taken = List.of();
    if (opened == null) opened = now;
  }

  /** Notices dropped so far (the queue's bound, or damaged entries). */
  public synchronized long dropped() {
    return dropped;
  }
}
