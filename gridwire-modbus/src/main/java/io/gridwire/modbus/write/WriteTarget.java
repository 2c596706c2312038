package io.gridwire.modbus.write;

import io.gridwire.modbus.profile.Profile;
import java.util.concurrent.CompletableFuture;

/** A polled device that accepts writes; its poll loop runs them ahead of pending reads. Thread-safe. */
public interface WriteTarget {
  Profile profile();

  /**
   * Queues the write and its read-back; the future completes once both ran (with the device's
   * answers, whatever they were), or exceptionally when the poller stopped first.
   */
  CompletableFuture<WriteResult> submit(WriteCommand command);

  /** True when the device's latest poll read something (false before the first poll and while it is offline). */
  boolean online();
}
