package io.gridwire.modbus.write;

import io.gridwire.modbus.profile.Profile;
import java.util.concurrent.CompletableFuture;

/** A polled device that accepts writes; its poll loop runs them ahead of pending reads. */
public interface WriteTarget {
  Profile profile();

  /** Queues the write; the future completes once it is sent and read back. Thread-safe. */
  CompletableFuture<WriteResult> submit(WriteCommand command);
}
