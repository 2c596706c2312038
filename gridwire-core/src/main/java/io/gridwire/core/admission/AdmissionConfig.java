package io.gridwire.core.admission;

import io.gridwire.core.config.Doc;
import java.util.Set;

/**
 * Admission of new devices for one source: the {@code admission} section of {@code oig},
 * {@code mqtt} and {@code ws_devices} (docs/security.md, "How devices are admitted").
 *
 * @param policy what happens to an unknown id
 * @param maxDevices devices of this source the gateway keeps, known and pending together; 1..1,000,000
 * @param maxNewPerMinute new devices (admitted or held pending) per minute; 1..1,000,000
 * @param allowlist the ids admitted under {@link AdmissionPolicy#ALLOWLIST}; each must follow
 *     {@link DeviceIdRule}; ignored by the other policies
 */
public record AdmissionConfig(
    @Doc("accept (any valid id, within the caps), allowlist (only the ids listed below) or pending (unknown ids wait for an admin: POST /api/devices/{id}/approve).") AdmissionPolicy policy,
    @Doc("Devices of this source the gateway keeps, known and pending together; beyond it new ids are refused and counted.") int maxDevices,
    @Doc("New devices (admitted or pending) per minute; beyond it new ids are refused until the next minute.") int maxNewPerMinute,
    @Doc("Ids (box ids, serial numbers) admitted under the allowlist policy: 1-64 letters, digits or . _ : -") Set<String> allowlist) {
  /** The default: accept, at most 1,000 devices, 60 new per minute. */
  public static final AdmissionConfig DEFAULT = new AdmissionConfig(AdmissionPolicy.ACCEPT, 1000, 60, Set.of());

  public AdmissionConfig {
    if (policy == null) throw new IllegalArgumentException("admission.policy must not be empty");
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
