package io.gridwire.web.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.admission.DeviceIdRule;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/devices} (filters site, source, online), {@code GET /api/devices/{id}}, and for
 * admins {@code PUT} (how a WebSocket device is listed) and {@code DELETE} (forget a device that
 * is gone).
 *
 * <pre>
 *  PUT    ws device or unknown id → name/kind/site/model set (unknown id: pre-registered as ws)
 *         other sources           → 409: their name comes from gridwire.yaml, the box or the heartbeat
 *  DELETE offline, not modbus     → removed from the list, latest values, catalog, MQTT discovery;
 *                                   history and events stay
 *         online                  → 409 (it would come back at once)
 *         modbus                  → 409 (configured in gridwire.yaml: remove it there)
 * </pre>
 */
public final class DeviceRoutes {
  private static final Set<String> EDITABLE = Set.of("name", "kind", "site", "model");
  private static final int MAX_FIELD = 200;
  private final DeviceRegistry devices;
  private final LatestValues latest;
  private final MetricCatalog catalog;
  private final long maxRequestBytes;

  public DeviceRoutes(DeviceRegistry devices, LatestValues latest, MetricCatalog catalog, long maxRequestBytes) {
    this.devices = devices;
    this.latest = latest;
    this.catalog = catalog;
    this.maxRequestBytes = maxRequestBytes;
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

  /** {@code PUT /api/devices/{id}} with any of name, kind, site, model; absent fields keep their value. */
  public void update(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("id");
    JsonNode body = Bodies.json(ctx, maxRequestBytes, JsonNode.class);
    if (!body.isObject()) throw new ApiException(400, "bad_request", "expected a JSON object with any of " + String.join(", ", EDITABLE));
    Map<String, String> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!EDITABLE.contains(e.getKey())) {
        throw new ApiException(400, "bad_request", "field '" + e.getKey() + "' cannot be set; settable: name, kind, site, model");
      }
      if (!e.getValue().isTextual() || e.getValue().asText().length() > MAX_FIELD) {
        throw new ApiException(400, "bad_request", "field '" + e.getKey() + "' must be a string of at most " + MAX_FIELD + " characters");
      }
      fields.put(e.getKey(), e.getValue().asText().strip());
    }
    String problem = devices.get(id).isEmpty() ? DeviceIdRule.problem(id) : null;
    if (problem != null) throw new ApiException(400, "bad_request", "device id refused: " + problem);
    // checked and merged against the device as it is at that moment: a connector registering the
    // same id meanwhile is never turned into a WebSocket device
    Device saved = devices.update(id, current -> {
      Device base = current == null ? Device.of(id, "", "device", Source.WS) : current;
      if (base.source() != Source.WS) {
        throw new ApiException(409, "conflict", "'" + id + "' is a " + base.source().wireName() + " device: its name and kind come from "
            + origin(base.source()) + ", not from the API");
      }
      return new Device(id, fields.getOrDefault("site", base.site()), fields.getOrDefault("kind", base.kind()), Source.WS,
          fields.getOrDefault("model", base.model()), base.serialNumber(), fields.getOrDefault("name", base.name()),
          base.online(), base.lastSeen(), base.error(), base.attributes());
    });
    Responses.json(ctx, 200, DeviceJson.of(saved));
  }

  /** {@code DELETE /api/devices/{id}}: forgets an offline device; its history and events stay. */
  public void remove(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("id");
    Device d = devices.get(id).orElseThrow(() -> unknownDevice(id));
    if (d.source() == Source.MODBUS) {
      throw new ApiException(409, "conflict", "'" + id + "' is configured in gridwire.yaml (modbus.devices): remove it there and restart");
    }
    if (devices.removeIf(id, x -> !x.online()).isEmpty()) {
      if (devices.get(id).isEmpty()) throw unknownDevice(id);
      throw new ApiException(409, "conflict", "'" + id + "' is online and would be discovered again at once; remove it once it is offline");
    }
    latest.remove(id);
    catalog.remove(id);
    Responses.json(ctx, 200, Map.of("removed", id));
  }

  private static String origin(Source s) {
    return switch (s) {
      case MODBUS -> "gridwire.yaml (modbus.devices)";
      case OIG -> "the box's own data";
      case MQTT -> "the datalogger's heartbeat";
      case WS, SYNTHETIC -> "the gateway";
    };
  }

  public static ApiException unknownDevice(String id) {
    return ApiException.notFound("unknown device '" + id + "'");
  }
}
