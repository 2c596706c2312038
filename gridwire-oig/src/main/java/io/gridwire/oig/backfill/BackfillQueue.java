package io.gridwire.oig.backfill;

import java.util.Optional;

/**
 * Frames answered locally during a cloud outage, per box, in arrival order, kept until the cloud
 * has acknowledged them. Bounded: when full the oldest frame (of any box) is dropped and counted.
 * Thread-safe.
 */
public interface BackfillQueue extends AutoCloseable {

  /** Stores an entry (its id is assigned); drops the oldest when at the bound. */
  void add(BackfillEntry entry);

  /** The oldest entry of {@code deviceId}, if any. */
  Optional<BackfillEntry> peek(String deviceId);

  /** Removes a delivered entry. */
  void remove(long id);

  /** Entries of one box. */
  long size(String deviceId);

  long size();

  /** Entries dropped at the bound since start. */
  long dropped();

  @Override
  void close();
}
