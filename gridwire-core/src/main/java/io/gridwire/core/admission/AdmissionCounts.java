package io.gridwire.core.admission;

import java.util.Map;

/**
 * One source's admission state and totals since start, for the API, {@code /health} and meters.
 *
 * @param devices devices of this source in the registry now
 * @param pending ids held pending now
 * @param admitted new devices admitted since start
 * @param heldPending new ids held pending since start
 * @param refused refusals since start, by {@link RefusalReason} wire name
 */
public record AdmissionCounts(String source, String policy, int devices, int maxDevices, int maxNewPerMinute,
    int pending, long admitted, long heldPending, Map<String, Long> refused) {

  public long refusedTotal() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }
}
