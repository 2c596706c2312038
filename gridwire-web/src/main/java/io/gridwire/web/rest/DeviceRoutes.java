package io.gridwire.web.rest;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import java.util.Set;

/** {@code GET /api/devices} (filters site, source, online) and {@code GET /api/devices/{id}}. */
public final class DeviceRoutes {
  private final DeviceRegistry devices;

  public DeviceRoutes(DeviceRegistry devices) {
    this.devices = devices;
  }

  public void list(Context ctx, Principal p) {
    Params q = Params.of(ctx.queryParamMap(), Set.of("site", "source", "online"));
    Source source = null;
    String s = q.string("source");
    if (s != null) {
      try {
        source = Source.fromWire(s);
      } catch (IllegalArgumentException e) {
        throw Params.bad("source", "is unknown: " + e.getMessage());
      }
    }
    DeviceFilter filter = new DeviceFilter(q.string("site"), source, q.bool("online"));
    Responses.json(ctx, 200, devices.list(filter).stream().map(DeviceJson::of).toList());
  }

  public void one(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("id");
    Responses.json(ctx, 200, DeviceJson.of(devices.get(id).orElseThrow(() -> unknownDevice(id))));
  }

  public static ApiException unknownDevice(String id) {
    return ApiException.notFound("unknown device '" + id + "'");
  }
}
