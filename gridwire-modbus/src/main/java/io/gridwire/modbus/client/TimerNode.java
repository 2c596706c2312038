package io.gridwire.modbus.client;

/**
 * Something with at most one deadline armed on a {@link TcpReactor}; the links are intrusive so
 * arming and disarming allocate nothing. Touched only by the reactor thread.
 */
abstract class TimerNode {
  long deadline;
  TimerNode prev;
  TimerNode next;
  DeadlineList list;

  /** The armed deadline passed ({@code now} in {@link System#nanoTime()} units). */
  abstract void onTimer(long now);
}
