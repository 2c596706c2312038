package io.gridwire.store.write;

/**
 * Told when a writer dropped data at a bound, at most once per report interval.
 *
 * @see BatchWriter
 */
@FunctionalInterface
public interface DropReport {
  /**
   * @param writer writer name ({@code history}, {@code events})
   * @param busItems items the bus dropped since the last report (queue full)
   * @param bufferUnits units dropped from the buffer since the last report (store failing)
   */
  void dropped(String writer, long busItems, long bufferUnits);
}
