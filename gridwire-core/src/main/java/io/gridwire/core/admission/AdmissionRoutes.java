package io.gridwire.core.admission;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.device.Device;
import io.gridwire.core.user.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin routes of {@link DeviceAdmission}:
 *
 * <pre>
 *  GET  /api/devices/pending        pending and rejected ids with what they reported
 *  POST /api/devices/{id}/approve   pending or rejected → a device (offline until heard from)
 *  POST /api/devices/{id}/reject    pending → rejected (refused from now on, not listed again as pending)
 *  GET  /api/devices/admission      per source: policy, caps, devices, pending, totals admitted/refused
 * </pre>
 */
public final class AdmissionRoutes {
  private final DeviceAdmission admission;

  public AdmissionRoutes(DeviceAdmission admission) {
    this.admission = admission;
  }

  public List<ApiRoute> routes() {
    return List.of(
        new ApiRoute("GET", "/api/devices/pending", Role.ADMIN, r -> ApiResponse.ok(admission.pending().stream().map(AdmissionRoutes::json).toList())),
        new ApiRoute("GET", "/api/devices/admission", Role.ADMIN, r -> ApiResponse.ok(admission.counts())),
        ApiRoute.post("/api/devices/{id}/approve", Role.ADMIN, this::approve),
        ApiRoute.post("/api/devices/{id}/reject", Role.ADMIN, this::reject));
  }

  /**
   * Degraded while a source is at its {@code max_devices} (new devices of it are refused), with
   * each source's devices, pending ids and refusals in the detail.
   */
  public HealthCheck health() {
    return () -> {
      boolean ok = true;
      StringBuilder detail = new StringBuilder();
      for (AdmissionCounts c : admission.counts()) {
        if (c.devices() == 0 && c.pending() == 0 && c.refusedTotal() == 0) continue;
        boolean full = c.devices() + c.pending() >= c.maxDevices();
        ok &= !full;
        if (!detail.isEmpty()) detail.append("; ");
        detail.append(c.source()).append(' ').append(c.policy()).append(": ").append(c.devices()).append('/')
            .append(c.maxDevices()).append(" devices, ").append(c.pending()).append(" pending, ")
            .append(c.refusedTotal()).append(" refused");
        if (full) detail.append(" (at the cap: raise ").append(c.source().equals("ws") ? "ws_devices" : c.source())
            .append(".admission.max_devices or remove devices)");
      }
      return new HealthCheck.Status("admission", ok, detail.isEmpty() ? "no devices from the network yet" : detail.toString());
    };
  }

  private ApiResponse approve(ApiRequest r) {
    String id = r.path("id");
    Device d = admission.approve(id).orElseThrow(() -> ApiException.notFound("'" + id + "' is not pending or rejected"));
    return ApiResponse.ok(Map.of("approved", id, "source", d.source().wireName()));
  }

  private ApiResponse reject(ApiRequest r) {
    String id = r.path("id");
    PendingDevice p = admission.reject(id).orElseThrow(() -> ApiException.notFound("'" + id + "' is not pending"));
    return ApiResponse.ok(Map.of("rejected", id, "source", p.device().source().wireName()));
  }

  static Map<String, Object> json(PendingDevice p) {
    Device d = p.device();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("source", d.source().wireName());
    m.put("state", p.state().wireName());
    m.put("kind", d.kind());
    m.put("site", d.site());
    m.put("model", d.model());
    m.put("name", d.name());
    m.put("attributes", d.attributes());
    m.put("first_seen", p.firstSeen().toString());
    m.put("last_seen", p.lastSeen().toString());
    return m;
  }
}
