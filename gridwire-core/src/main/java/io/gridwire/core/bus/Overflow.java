package io.gridwire.core.bus;

/** What a subscriber's queue does when it is full. Publishing never blocks either way. */
public enum Overflow {
  /**
   * Keep only the latest item per key (per device for readings) in a bounded side table; when
   * that table is full too, drop and count. For live views: the newest value matters most.
   */
  COALESCE,
  /** Drop the new item and count it. For sinks where every item matters and order counts. */
  DROP
}
