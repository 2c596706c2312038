package io.gridwire.web.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.admission.DeviceIdRule;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceFilter;
import io.gridwire.core.device.DeviceProvisioning;
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
import io.gridwire.web.json.Responses;
import io.gridwire.web.json.Bodies;
import io.gridwire.web.json.DeviceJson;

/**
 * {@code GET /api/devices} (filters site, source, online; every node's devices in a fleet),
 * {@code GET /api/devices/{id}}, and for admins {@code POST} (a new Modbus device), {@code PUT}
 * and {@code DELETE}.
 *
 * <pre>
 *  POST   {"source":"modbus", id, profile, host, ...} → validated like modbus.devices[], stored, started
 *  PUT    modbus device           → its whole configuration replaced (file devices: 409)
 *         ws device or unknown id → name/kind/site/model set (unknown id: pre-registered as ws)
 *         other sources           → 409: their name comes from the box or the heartbeat
 *  DELETE modbus device           → stopped and removed (file devices: 409)
 *         offline, other source   → removed from the list, latest values, catalog, MQTT discovery;
 *                                   history and events stay
 *         online                  → 409 (it would come back at once)
 *  another node's device          → 409 naming the node that owns it
 * </pre>
 */
public final class DeviceRoutes {
  private static final Set<String> EDITABLE = Set.of("name", "kind", "site", "model");
  private static final int MAX_FIELD = 200;
  private final DeviceRegistry devices;
  private final LatestValues latest;
  private final MetricCatalog catalog;
  private final long maxRequestBytes;
  private final FleetListing fleet;
  private final DeviceProvisioning provisioning;

  public DeviceRoutes(DeviceRegistry devices, LatestValues latest, MetricCatalog catalog, long maxRequestBytes) {
    this(devices, latest, catalog, maxRequestBytes, new FleetListing(null, devices, java.time.Clock.systemUTC()), null);
  }

  /**
   * @param fleet the listing of every node's devices
   * @param provisioning Modbus devices at runtime, or null when the gateway has no Modbus connector
   */
  public DeviceRoutes(DeviceRegistry devices, LatestValues latest, MetricCatalog catalog, long maxRequestBytes,
      FleetListing fleet, DeviceProvisioning provisioning) {
    this.devices = devices;
    this.latest = latest;
    this.catalog = catalog;
    this.maxRequestBytes = maxRequestBytes;
    this.fleet = fleet;
    this.provisioning = provisioning;
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
    FleetListing.Listing listing = fleet.list(filter);
    ctx.header("X-Fleet-Complete", Boolean.toString(listing.complete()));
    Responses.json(ctx, 200, listing.devices());
  }

  public void one(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("id");
    Device local = devices.get(id).orElse(null);
    if (local != null) {
      Responses.json(ctx, 200, fleet.local(local));
      return;
    }
    DeviceJson remote = fleet.remoteOne(id);
    if (remote == null) throw unknownDevice(id);
    Responses.json(ctx, 200, remote);
  }

  /** {@code POST /api/devices}: a new Modbus device, started at once and kept across restarts. */
  public void create(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    JsonNode body = Bodies.json(ctx, maxRequestBytes, JsonNode.class);
    if (!body.isObject()) throw new ApiException(400, "bad_request", "expected a JSON object: the keys of a modbus.devices[] entry");
    JsonNode src = ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("source");
    if (src != null && !"modbus".equals(src.asText())) {
      throw new ApiException(400, "bad_request", "source: only modbus devices are added through the API (others connect by themselves)");
    }
    if (provisioning == null) throw new ApiException(409, "conflict", "the Modbus connector is not running on this gateway");
    Device d = provisioning.create(body.toString(), p.user().email());
    Responses.json(ctx, 201, fleet.local(d));
  }

  private void notRemote(String id) {
    if (devices.get(id).isPresent()) return;
    DeviceJson remote = fleet.remoteOne(id);
    if (remote != null) {
      throw new ApiException(409, "conflict", "'" + id + "' belongs to node " + remote.node() + ": change it there");
    }
  }

  /** {@code PUT /api/devices/{id}} with any of name, kind, site, model; absent fields keep their value. */
  public void update(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("id");
    notRemote(id);
    JsonNode body = Bodies.json(ctx, maxRequestBytes, JsonNode.class);
    if (devices.get(id).map(d -> d.source() == Source.MODBUS).orElse(false)) {
      if (provisioning == null) throw notProvisioned(id);
      if (body.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("source");
      Responses.json(ctx, 200, fleet.local(provisioning.update(id, body.toString(), p.user().email())));
      return;
    }
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
    Responses.json(ctx, 200, fleet.local(saved));
  }

  /** {@code DELETE /api/devices/{id}}: forgets an offline device; its history and events stay. */
  public void remove(Context ctx, Principal p) {
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("id");
    notRemote(id);
    Device d = devices.get(id).orElseThrow(() -> unknownDevice(id));
    if (d.source() == Source.MODBUS) {
      if (provisioning == null) throw notProvisioned(id);
      provisioning.remove(id, p.user().email());
      Responses.json(ctx, 200, Map.of("removed", id));
      return;
    }
    if (devices.removeIf(id, x -> !x.online()).isEmpty()) {
      if (devices.get(id).isEmpty()) throw unknownDevice(id);
      throw new ApiException(409, "conflict", "'" + id + "' is online and would be discovered again at once; remove it once it is offline");
    }
    latest.remove(id);
    catalog.remove(id);
    Responses.json(ctx, 200, Map.of("removed", id));
  }

  private static ApiException notProvisioned(String id) {
    return new ApiException(409, "conflict", "'" + id + "' is configured in gridwire.yaml (modbus.devices) and this gateway"
        + " changes no Modbus devices at runtime: change it there");
  }

  private static String origin(Source s) {
    return switch (s) {
      case MODBUS -> "its Modbus configuration";
      case OIG -> "the box's own data";
      case MQTT -> "the datalogger's heartbeat";
      case WS, SYNTHETIC -> "the gateway";
    };
  }

  public static ApiException unknownDevice(String id) {
    return ApiException.notFound("unknown device '" + id + "'");
  }
}
