package io.gridwire.modbus.write;

import io.gridwire.modbus.profile.Profile;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** A polled device that accepts writes; its poll loop runs them ahead of pending reads. Thread-safe. */
public interface WriteTarget {
  Profile profile();

  /** As {@link #submit(WriteCommand, BooleanSupplier)}, always sent. */
  default CompletableFuture<WriteResult> submit(WriteCommand command) {
    return submit(command, () -> true);
  }

  /**
   * Queues the write and its read-back; the future completes once both ran (with the device's
   * answers, whatever they were), or exceptionally when the poller stopped first, or with
   * {@link WriteNotSent} when {@code send} said no.
   *
   * @param send asked on the poll loop just before the write goes on the wire (the ledger marks
   *     the command sent, unless it was cancelled or expired meanwhile: then false, nothing is sent)
   */
  CompletableFuture<WriteResult> submit(WriteCommand command, BooleanSupplier send);

  /** True when the device's latest poll read something (false before the first poll and while it is offline). */
  boolean online();
}
