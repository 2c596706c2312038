package io.gridwire.core.admission;

import java.util.Objects;
import java.util.Set;

/**
 * Admission of new devices for one source.
 *
 * @param policy what happens to an unknown id
 * @param maxDevices devices of this source the gateway keeps, known and pending together; 1..1,000,000
 * @param maxNewPerMinute new devices (admitted or held pending) per minute; 1..1,000,000
 * @param allowlist the ids admitted under {@link AdmissionPolicy#ALLOWLIST}; each must follow
 *     {@link DeviceIdRule}; ignored by the other policies
 */
public record AdmissionConfig(AdmissionPolicy policy, int maxDevices, int maxNewPerMinute, Set<String> allowlist) {
  /** The default: accept, at most 1,000 devices, 60 new per minute. */
  public static final AdmissionConfig DEFAULT = new AdmissionConfig(AdmissionPolicy.ACCEPT, 1000, 60, Set.of());

  public AdmissionConfig {
    Objects.requireNonNull(policy, "admission.policy is required");
    if (maxDevices < 1 || maxDevices > 1_000_000) {
      throw new IllegalArgumentException("admission.max_devices out of range 1..1000000: " + maxDevices);
    }
    if (maxNewPerMinute < 1 || maxNewPerMinute > 1_000_000) {
      throw new IllegalArgumentException("admission.max_new_per_minute out of range 1..1000000: " + maxNewPerMinute);
    }
    allowlist = allowlist == null ? Set.of() : Set.copyOf(allowlist);
    for (String id : allowlist) {
      String problem = DeviceIdRule.problem(id);
      if (problem != null) throw new IllegalArgumentException("admission.allowlist entry '" + id + "': " + problem);
    }
  }
}
