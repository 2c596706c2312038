package io.gridwire.modbus.client;

/**
 * The armed timers of one delay (e.g. every 2 s request timeout). Deadlines are "now + delay"
 * with a monotonic now, so appending keeps the list sorted: the head is always the earliest, and
 * arm, disarm and expiry are O(1) without a heap. Not thread-safe: the reactor thread only.
 */
final class DeadlineList {
  private TimerNode head;
  private TimerNode tail;

  void append(TimerNode n, long deadline) {
    n.deadline = deadline;
    n.list = this;
    n.prev = tail;
    n.next = null;
    if (tail == null) head = n;
    else tail.next = n;
    tail = n;
  }

  void remove(TimerNode n) {
    if (n.prev == null) head = n.next;
    else n.prev.next = n.next;
    if (n.next == null) tail = n.prev;
    else n.next.prev = n.prev;
    n.prev = null;
    n.next = null;
    n.list = null;
  }

  /** The earliest deadline, or {@link Long#MAX_VALUE} when empty. */
  long earliest() {
    return head == null ? Long.MAX_VALUE : head.deadline;
  }

  /** Fires (and removes) every timer due at {@code now}. */
  void expire(long now) {
    while (head != null && head.deadline - now <= 0) {
      TimerNode n = head;
      remove(n);
      n.onTimer(now);
    }
  }
}
