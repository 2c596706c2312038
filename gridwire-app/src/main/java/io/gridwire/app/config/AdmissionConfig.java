package io.gridwire.app.config;

import io.gridwire.core.admission.AdmissionPolicy;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.util.LinkedHashSet;
import java.util.List;

/** Which device ids arriving from the network become devices (docs/security.md, "How devices are admitted"). */
public record AdmissionConfig(
    @Doc("accept (any valid id, within the caps), allowlist (only the ids listed below) or pending (unknown ids wait for an admin: POST /api/devices/{id}/approve).") String policy,
    @Doc("Devices of this source the gateway keeps, known and pending together; beyond it new ids are refused and counted.") int maxDevices,
    @Doc("New devices (admitted or pending) per minute; beyond it new ids are refused until the next minute.") int maxNewPerMinute,
    @Doc("Ids (box ids, serial numbers) admitted under the allowlist policy: 1-64 letters, digits or . _ : -") List<String> allowlist) {
  public AdmissionConfig {
    AdmissionPolicy.fromWire(Check.nonBlank("admission.policy", policy));
    allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
    toCore(policy, maxDevices, maxNewPerMinute, allowlist); // the core record checks ranges and ids
  }

  public static AdmissionConfig defaults() {
    var d = io.gridwire.core.admission.AdmissionConfig.DEFAULT;
    return new AdmissionConfig(d.policy().wireName(), d.maxDevices(), d.maxNewPerMinute(), List.of());
  }

  public io.gridwire.core.admission.AdmissionConfig toCore() {
    return toCore(policy, maxDevices, maxNewPerMinute, allowlist);
  }

  private static io.gridwire.core.admission.AdmissionConfig toCore(String policy, int max, int perMinute, List<String> ids) {
    return new io.gridwire.core.admission.AdmissionConfig(AdmissionPolicy.fromWire(policy), max, perMinute,
        new LinkedHashSet<>(ids));
  }
}
