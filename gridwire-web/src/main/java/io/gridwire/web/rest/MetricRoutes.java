package io.gridwire.web.rest;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.gridwire.web.json.Responses;
import io.gridwire.web.json.LatestJson;

/** {@code GET /api/metrics} (latest values) and {@code GET /api/metrics/catalog}. */
public final class MetricRoutes {
  private final DeviceRegistry devices;
  private final LatestValues latest;
  private final MetricCatalog catalog;
  private final LatestJson json;

  public MetricRoutes(DeviceRegistry devices, LatestValues latest, MetricCatalog catalog, LatestJson json) {
    this.devices = devices;
    this.latest = latest;
    this.catalog = catalog;
    this.json = json;
  }

  /** {@code ?device_id=} (404 when unknown) or {@code ?site=}; a list of entries sorted by device id. */
  public void latest(Context ctx, Principal p) {
    Params q = Params.of(ctx.queryParamMap(), Set.of("device_id", "site"));
    String id = q.string("device_id");
    String site = q.string("site");
    List<Reading> out = new ArrayList<>();
    if (id != null) {
      requireKnown(id);
      latest.latest(id).filter(r -> site == null || site.equals(siteOf(id))).ifPresent(out::add);
    } else if (site != null) {
      for (Device d : devices.list(new DeviceFilter(site, null, null))) latest.latest(d.id()).ifPresent(out::add);
    } else {
      out.addAll(latest.all());
      json.retain(out);
    }
    out.sort(Comparator.comparing(Reading::deviceId));
    ctx.status(200).contentType(Responses.JSON).result(json.array(out));
  }

  /**
   * {@code GET /api/metrics/last_known?device_id=}: the values the device had before they turned
   * {@code comm_lost}, in the shape of a latest entry (empty {@code values} when nothing is lost).
   */
  public void lastKnown(Context ctx, Principal p) {
    Params q = Params.of(ctx.queryParamMap(), Set.of("device_id"));
    String id = q.required("device_id");
    requireKnown(id);
    List<Reading> out = new ArrayList<>();
    latest.lastKnown(id).ifPresent(out::add);
    ctx.status(200).contentType(Responses.JSON).result(json.array(out));
  }

  /** {@code ?device_id=}: the metrics of one device (404 when unknown); else every device's. */
  public void catalog(Context ctx, Principal p) {
    Params q = Params.of(ctx.queryParamMap(), Set.of("device_id"));
    String id = q.string("device_id");
    if (id != null) {
      requireKnown(id);
      Responses.json(ctx, 200, infos(id));
      return;
    }
    Map<String, List<MetricInfoJson>> all = new LinkedHashMap<>();
    for (Device d : devices.list(DeviceFilter.ALL)) all.put(d.id(), infos(d.id()));
    Responses.json(ctx, 200, all);
  }

  private List<MetricInfoJson> infos(String deviceId) {
    return catalog.metrics(deviceId).values().stream().map(MetricInfoJson::of).toList();
  }

  private String siteOf(String id) {
    return devices.get(id).map(Device::site).orElse("");
  }

  void requireKnown(String id) {
    if (devices.get(id).isEmpty() && latest.latest(id).isEmpty()) throw DeviceRoutes.unknownDevice(id);
  }

  /** A catalog entry on the wire; {@code section} and {@code primary} place it on the dashboard. */
  public record MetricInfoJson(String name, String label, String unit, String deviceClass, String stateClass, String section,
      boolean primary) {
    static MetricInfoJson of(MetricInfo i) {
      return new MetricInfoJson(i.name(), i.label(), i.unit(), i.deviceClass(), i.stateClass(), i.section(), i.primary());
    }
  }
}
