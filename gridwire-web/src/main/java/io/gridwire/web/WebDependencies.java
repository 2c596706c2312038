package io.gridwire.web;

import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.EventStore;
import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.reading.LatestValues;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.user.UserStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What the web module reads from and serves. All components are shared with the rest of the
 * gateway; the web server never closes them.
 *
 * @param readingBus the connectors' readings
 * @param websocketFeed what {@code /ws/metrics} sends: the changed values (report by
 *     exception), or null for {@code readingBus}
 * @param fleetFeed what is shared with the other nodes of a fleet, or null for {@code readingBus}
 * @param otherBuses more buses whose subscribers {@code /metrics} reports
 * @param routes extra routes contributed by connectors, mounted behind auth with their role
 * @param healthChecks parts reported by {@code GET /health}
 * @param provisioning Modbus devices added, changed and removed through {@code /api/devices}; null
 *     when there is no Modbus connector
 */
public record WebDependencies(
    DeviceRegistry devices,
    LatestValues latest,
    MetricCatalog catalog,
    HistoryStore history,
    EventStore events,
    UserStore users,
    Bus<Reading> readingBus,
    Bus<Event> eventBus,
    Bus<Reading> websocketFeed,
    Bus<Reading> fleetFeed,
    List<Bus<?>> otherBuses,
    PrometheusMeterRegistry meterRegistry,
    Clock clock,
    List<ApiRoute> routes,
    List<HealthCheck> healthChecks,
    io.gridwire.core.device.DeviceProvisioning provisioning) {

  public WebDependencies {
    Objects.requireNonNull(devices, "devices");
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(readingBus, "readingBus");
    Objects.requireNonNull(eventBus, "eventBus");
    websocketFeed = websocketFeed == null ? readingBus : websocketFeed;
    fleetFeed = fleetFeed == null ? readingBus : fleetFeed;
    otherBuses = otherBuses == null ? List.of() : List.copyOf(otherBuses);
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(clock, "clock");
    routes = routes == null ? List.of() : List.copyOf(routes);
    healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
  }

  /** Dependencies without runtime device provisioning. */
  public WebDependencies(DeviceRegistry devices, LatestValues latest, MetricCatalog catalog, HistoryStore history,
      EventStore events, UserStore users, Bus<Reading> readingBus, Bus<Event> eventBus, Bus<Reading> websocketFeed,
      Bus<Reading> fleetFeed, List<Bus<?>> otherBuses, PrometheusMeterRegistry meterRegistry, Clock clock,
      List<ApiRoute> routes, List<HealthCheck> healthChecks) {
    this(devices, latest, catalog, history, events, users, readingBus, eventBus, websocketFeed, fleetFeed, otherBuses,
        meterRegistry, clock, routes, healthChecks, null);
  }
}
