package io.gridwire.app.wiring;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceProvisioning;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.port.RuntimeConfigStore;
import io.gridwire.core.port.RuntimeConfigStore.StoredDevice;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.modbus.config.ModbusDeviceEntry;
import io.gridwire.modbus.poll.ModbusPoller;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus devices added, changed and removed through {@code /api/devices} while the gateway runs:
 * checked by {@link ModbusDeviceEntry#problems} like {@code modbus.devices[]}, kept in the
 * {@link RuntimeConfigStore} (owned by this node), and started or stopped on the
 * {@link ModbusPoller} alone. Devices from the configuration file are read-only here. Thread-safe
 * (one change at a time).
 */
final class ModbusProvisioning implements DeviceProvisioning {
  static final String CONNECTOR = "modbus";
  private static final Logger log = LoggerFactory.getLogger(ModbusProvisioning.class);
  private final ObjectMapper mapper = new ConfigLoader().mapper();
  private final ModbusPoller poller;
  private final RuntimeConfigStore store;
  private final DeviceRegistry registry;
  private final LatestValues latest;
  private final MetricCatalog catalog;
  private final RuntimeProfiles profiles;
  private final String node;
  private final Clock clock;

  ModbusProvisioning(ModbusPoller poller, RuntimeConfigStore store, DeviceRegistry registry, LatestValues latest,
      MetricCatalog catalog, RuntimeProfiles profiles, String node, Clock clock) {
    this.poller = poller;
    this.store = store;
    this.registry = registry;
    this.latest = latest;
    this.catalog = catalog;
    this.profiles = profiles;
    this.node = node;
    this.clock = clock;
  }

  @Override
  public Source source() {
    return Source.MODBUS;
  }

  /** Starts this node's stored runtime devices; one that is no longer valid is skipped with a WARN saying what to do. */
  synchronized int restore() {
    int started = 0;
    for (StoredDevice s : store.devices(node)) {
      if (!CONNECTOR.equals(s.connector())) continue;
      try {
        ModbusDeviceEntry d = bind(s.config());
        List<String> problems = d.problems(poller.profiles());
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        if (poller.device(d.id()).isPresent()) {
          log.warn("runtime Modbus device {} is also in the configuration file, which wins; remove one of them", d.id());
          continue;
        }
        poller.add(d.toDevice(), ModbusPoller.ORIGIN_API);
        started++;
      } catch (RuntimeException e) {
        log.warn("runtime Modbus device {} not started: {}; fix it with PUT /api/devices/{} or remove it with DELETE",
            s.id(), e.getMessage(), s.id());
      }
    }
    return started;
  }

  @Override
  public synchronized Device create(String body, String user) {
    ModbusDeviceEntry d = checked(body, null);
    if (registry.get(d.id()).isPresent() || poller.device(d.id()).isPresent()) {
      throw new ApiException(409, "conflict", "id: device '" + d.id() + "' exists already");
    }
    io.gridwire.modbus.poll.ModbusDeviceConfig cfg = d.toDevice();
    sameUnit(cfg);
    store.saveDevice(new StoredDevice(d.id(), CONNECTOR, node, json(d), clock.instant(), user));
    try {
      poller.add(cfg, ModbusPoller.ORIGIN_API);
    } catch (RuntimeException e) {
      store.deleteDevice(d.id()); // not started: not kept either
      throw e instanceof io.gridwire.modbus.poll.DeviceConfigException k ? invalid(List.of(k.key() + " " + k.problem())) : e;
    }
    log.info("Modbus device {} added by {} ({} unit {}, profile {})", d.id(), user, cfg.endpoint(), cfg.unitId(), cfg.profile());
    return registry.get(d.id()).orElseThrow();
  }

  @Override
  public synchronized Device update(String id, String body, String user) {
    writable(id);
    ModbusDeviceEntry d = checked(body, id);
    io.gridwire.modbus.poll.ModbusDeviceConfig cfg = d.toDevice();
    sameUnit(cfg);
    io.gridwire.modbus.poll.ModbusDeviceConfig old = poller.device(id).orElseThrow();
    poller.remove(id);
    if (!old.profile().equals(cfg.profile())) latest.remove(id); // the old profile's metrics are not read any more
    try {
      poller.add(cfg, ModbusPoller.ORIGIN_API); // declares the new profile's metrics
    } catch (RuntimeException e) {
      poller.add(old, ModbusPoller.ORIGIN_API); // the change did not start: the device goes on as it was
      throw e instanceof io.gridwire.modbus.poll.DeviceConfigException k ? invalid(List.of(k.key() + " " + k.problem())) : e;
    }
    store.saveDevice(new StoredDevice(id, CONNECTOR, node, json(d), clock.instant(), user));
    log.info("Modbus device {} changed by {} ({} unit {}, profile {})", id, user, cfg.endpoint(), cfg.unitId(), cfg.profile());
    return registry.get(id).orElseThrow();
  }

  @Override
  public synchronized void remove(String id, String user) {
    if (poller.origin(id) == null && registry.get(id).map(d -> !d.online()).orElse(false)) {
      forget(id); // registered by an earlier configuration, polled no more
      log.info("Modbus device {} (no longer configured) removed by {}", id, user);
      return;
    }
    writable(id);
    poller.remove(id);
    store.deleteDevice(id);
    forget(id);
    log.info("Modbus device {} removed by {}", id, user);
  }

  private void forget(String id) {
    registry.remove(id);
    latest.remove(id);
    catalog.remove(id);
  }

  private void writable(String id) {
    String origin = poller.origin(id);
    if (origin == null) throw ApiException.notFound("unknown Modbus device '" + id + "'");
    if (!ModbusPoller.ORIGIN_API.equals(origin)) {
      throw new ApiException(409, "conflict", "'" + id + "' comes from the configuration file (modbus.devices in gridwire.yaml) and is"
          + " read-only through the API: change or remove it there and restart");
    }
  }

  /** The body bound and checked like a modbus.devices[] entry; {@code id} defaults to (and must equal) {@code pathId}. */
  private ModbusDeviceEntry checked(String body, String pathId) {
    ModbusDeviceEntry d;
    try {
      var tree = mapper.readTree(body);
      if (pathId != null && tree.isObject() && !tree.hasNonNull("id")) ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("id", pathId);
      d = mapper.treeToValue(tree, ModbusDeviceEntry.class);
    } catch (JsonMappingException e) {
      throw invalid(List.of(ConfigLoader.describeRelative(e)));
    } catch (IOException e) {
      throw ApiException.badRequest("not a JSON object: " + e.getMessage());
    }
    if (pathId != null && !pathId.equals(d.id())) throw invalid(List.of("id must be the path's '" + pathId + "': " + d.id()));
    profiles.refresh(); // a profile another node added since
    List<String> problems = d.problems(poller.profiles());
    if (!problems.isEmpty()) throw invalid(problems);
    return d;
  }

  /** Parses a stored or submitted device (keys as in the configuration file). */
  ModbusDeviceEntry bind(String json) {
    try {
      return mapper.readValue(json, ModbusDeviceEntry.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(e instanceof JsonMappingException m ? ConfigLoader.describeRelative(m) : e.getMessage());
    }
  }

  private String json(ModbusDeviceEntry d) {
    return mapper.valueToTree(d).toString(); // JSON text, keys and durations as in the configuration file
  }

  /** A second device on the same endpoint and unit id would read the same registers: refused. */
  private void sameUnit(io.gridwire.modbus.poll.ModbusDeviceConfig cfg) {
    for (io.gridwire.modbus.poll.ModbusDeviceConfig o : poller.devices()) {
      if (!o.id().equals(cfg.id()) && o.endpoint().equals(cfg.endpoint()) && o.unitId() == cfg.unitId()
          && Objects.equals(o.transport(), cfg.transport())) {
        throw new ApiException(409, "conflict", "host/port/unit_id: " + cfg.endpoint() + " unit " + cfg.unitId()
            + " is polled already as device '" + o.id() + "'");
      }
    }
  }

  private static ApiException invalid(List<String> problems) {
    return new ApiException(400, "invalid_device", problems);
  }
}
