package io.gridwire.core.reading;

import java.util.Collection;
import java.util.Optional;

/**
 * The latest value of every metric of every device. Readings merge: a device that sends its
 * tables separately (OIG) keeps the latest value of each metric. Implementations are
 * thread-safe; {@link #update} never blocks on I/O.
 */
public interface LatestValues {

  void update(Reading reading);

  /** The merged latest reading of one device, if it ever sent one. */
  Optional<Reading> latest(String deviceId);

  /** The merged latest reading of every device. */
  Collection<Reading> all();

  void remove(String deviceId);

  /**
   * The values a device had before they turned {@code comm_lost} (the device went offline), with
   * the timestamp of the reading that last carried them; empty when nothing was lost or not kept.
   */
  default Optional<Reading> lastKnown(String deviceId) {
    return Optional.empty();
  }
}
