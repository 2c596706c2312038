package io.gridwire.notify.mail;

import io.gridwire.notify.AlarmNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects alarm notices into digests: the first notice opens a window, every notice until it
 * closes joins the same digest.
 *
 * <pre>
 *  notice ──▶ [window opens at the first] ── +window ──▶ due: one mail with all of them
 * </pre>
 *
 * Holds at most {@code capacity} notices (a mail server down for long): beyond, the oldest are
 * dropped and counted. Thread-safe; time comes from the caller.
 */
public final class Digest {
  private final Duration window;
  private final int capacity;
  private final Deque<AlarmNotice> pending = new ArrayDeque<>();
  private Instant opened;
  private long dropped;

  public Digest(Duration window, int capacity) {
    this.window = window;
    this.capacity = capacity;
  }

  /** Adds a notice; returns true when it opened a new window (the caller schedules the flush). */
  public synchronized boolean add(AlarmNotice n, Instant now) {
    pending.addLast(n);
    while (pending.size() > capacity) {
      pending.removeFirst();
      dropped++;
    }
    if (opened != null) return false;
    opened = now;
    return true;
  }

  /** When the open window closes, or null when none is open. */
  public synchronized Instant dueAt() {
    return opened == null ? null : opened.plus(window);
  }

  /** The digest when its window has closed by {@code now} (and a new window may open), else an empty list. */
  public synchronized List<AlarmNotice> takeDue(Instant now) {
    if (opened == null || now.isBefore(opened.plus(window))) return List.of();
    List<AlarmNotice> out = new ArrayList<>(pending);
    pending.clear();
    opened = null;
    return out;
  }

  /** Everything pending, window closed or not (the gateway is stopping). */
  public synchronized List<AlarmNotice> takeAll() {
    List<AlarmNotice> out = new ArrayList<>(pending);
    pending.clear();
    opened = null;
    return out;
  }

  /** Puts back a digest that could not be sent, before anything newer; reopens the window at {@code now}. */
  public synchronized void putBack(List<AlarmNotice> notices, Instant now) {
    for (int i = notices.size() - 1; i >= 0; i--) pending.addFirst(notices.get(i));
    while (pending.size() > capacity) {
      pending.removeFirst();
      dropped++;
    }
    if (opened == null) opened = now;
  }

  /** Notices dropped at the capacity so far. */
  public synchronized long dropped() {
    return dropped;
  }
}
