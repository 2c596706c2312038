package io.gridwire.web.metrics;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberStats;
import io.gridwire.web.ws.MetricsHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's own metrics at {@code /metrics}: bus queue depth, delivered, coalesced, dropped and
 * failures per subscriber ({@code gridwire_bus_*{bus,subscriber}}), HTTP requests
 * ({@code gridwire_http_requests_seconds{method,route,status}}), WebSocket connections and drops
 * ({@code gridwire_ws_*}), login failures ({@code gridwire_auth_login_failures_total}). Bus meters
 * follow subscribers as they come and go ({@link #refresh}, called before each scrape).
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry;
  private final List<Bus<?>> buses;
  private final Map<String, List<Meter>> busMeters = new ConcurrentHashMap<>();
  private final Counter loginFailures;
  private final Counter loginRateLimited;
  private final Counter prefixRejected;

  public GatewayMetrics(PrometheusMeterRegistry registry, List<Bus<?>> buses, MetricsHub hub) {
    this.registry = registry;
    this.buses = List.copyOf(buses);
    Gauge.builder("gridwire.ws.connections", hub, MetricsHub::connections)
        .description("connected /ws/metrics clients").register(registry);
    Gauge.builder("gridwire.ws.clients.lagging", hub, MetricsHub::laggingClients)
        .description("connected clients that dropped messages at their bound").register(registry);
    FunctionCounter.builder("gridwire.ws.dropped", hub, MetricsHub::dropped)
        .description("messages dropped at WebSocket clients' bounds").register(registry);
    FunctionCounter.builder("gridwire.ws.coalesced", hub, MetricsHub::coalesced)
        .description("readings replaced by a newer one of the same device in a client's buffer").register(registry);
    loginFailures = Counter.builder("gridwire.auth.login.failures").description("failed logins").register(registry);
    loginRateLimited = Counter.builder("gridwire.auth.login.rate_limited")
        .description("login attempts refused with 429").register(registry);
    prefixRejected = Counter.builder("gridwire.http.prefix.rejected")
        .description("X-Ingress-Path / X-Forwarded-Prefix headers refused as not a plain path").register(registry);
    refresh();
  }

  public Counter prefixRejected() {
    return prefixRejected;
  }

  public Counter loginFailures() {
    return loginFailures;
  }

  public Counter loginRateLimited() {
    return loginRateLimited;
  }

  /**
   * The methods a request is counted under by name; any other token a client sends is counted as
   * {@code other}. The web server accepts any token as a method, so a label taken from the request
   * line would let anyone who reaches the port register a new timer per request, kept for good.
   */
  static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
      "CONNECT");

  public void recordHttp(String method, String route, int status, Duration elapsed) {
    Timer.builder("gridwire.http.requests").description("HTTP requests served, by route and status")
        .tag("method", HTTP_METHODS.contains(method) ? method : "other").tag("route", route)
        .tag("status", Integer.toString(status)).register(registry).record(elapsed);
  }

  /** Registers meters for new bus subscribers and removes those of closed ones. */
  public synchronized void refresh() {
    Set<String> seen = new HashSet<>();
    for (Bus<?> bus : buses) {
      for (SubscriberStats s : bus.stats()) {
        String key = bus.name() + "\u0000" + s.name();
        seen.add(key);
        busMeters.computeIfAbsent(key, k -> register(bus, s.name()));
      }
    }
    for (String key : List.copyOf(busMeters.keySet())) {
      if (!seen.contains(key)) for (Meter m : busMeters.remove(key)) registry.remove(m);
    }
  }

  public String scrape() {
    refresh();
    return registry.scrape();
  }

  private List<Meter> register(Bus<?> bus, String subscriber) {
    List<Meter> meters = new ArrayList<>();
    meters.add(Gauge.builder("gridwire.bus.queued", () -> stat(bus, subscriber, SubscriberStats::queued))
        .tag("bus", bus.name()).tag("subscriber", subscriber).description("items waiting in the subscriber's queue")
        .register(registry));
    meters.add(Gauge.builder("gridwire.bus.queued.bytes", () -> stat(bus, subscriber, SubscriberStats::queuedBytes))
        .tag("bus", bus.name()).tag("subscriber", subscriber).baseUnit("bytes")
        .description("estimated bytes waiting in the subscriber's queue (bounded per subscriber)").register(registry));
    meters.add(counter("gridwire.bus.delivered", bus, subscriber, SubscriberStats::delivered, "items handed to the subscriber"));
    meters.add(counter("gridwire.bus.coalesced", bus, subscriber, SubscriberStats::coalesced,
        "items replaced by a newer item of the same key"));
    meters.add(counter("gridwire.bus.dropped", bus, subscriber, SubscriberStats::dropped, "items dropped at the bound"));
    meters.add(counter("gridwire.bus.failures", bus, subscriber, SubscriberStats::failures, "handler invocations that threw"));
    return meters;
  }

  private Meter counter(String name, Bus<?> bus, String subscriber, ToDoubleFunction<SubscriberStats> f, String help) {
    return FunctionCounter.builder(name, bus, b -> stat(b, subscriber, f)).tag("bus", bus.name())
        .tag("subscriber", subscriber).description(help).register(registry);
  }

  private static double stat(Bus<?> bus, String subscriber, ToDoubleFunction<SubscriberStats> f) {
    Optional<SubscriberStats> s = bus.stats().stream().filter(x -> x.name().equals(subscriber)).findFirst();
    return s.map(f::applyAsDouble).orElse(Double.NaN);
  }
}
