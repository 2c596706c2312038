package io.gridwire.web.rest;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.gridwire.web.json.Responses;

/**
 * {@code GET /api/metrics/history?device_id=&metric=&from=&to=&step=&limit=}: raw points when
 * {@code step} is absent, else avg/min/max buckets (served from roll-ups by the store for long
 * ranges). {@code from} defaults to 24 h ago, {@code to} to now.
 */
public final class HistoryRoutes {
  /** Most buckets one answer may hold. */
  public static final long MAX_BUCKETS = 100_000;
  private final HistoryStore history;
  private final MetricCatalog catalog;
  private final MetricRoutes known;
  private final Clock clock;

  public HistoryRoutes(HistoryStore history, MetricCatalog catalog, MetricRoutes known, Clock clock) {
    this.history = history;
    this.catalog = catalog;
    this.known = known;
    this.clock = clock;
  }

  public void history(Context ctx, Principal p) {
    Params q = Params.of(ctx.queryParamMap(), Set.of("device_id", "metric", "from", "to", "step", "limit"));
    String device = q.required("device_id");
    String metric = q.required("metric");
    Instant now = clock.instant();
    Instant to = q.instant("to", now, now);
    Instant from = q.instant("from", now, to.minus(Duration.ofHours(24)));
    if (!to.isAfter(from)) throw Params.bad("to", "must be after 'from' (" + from + ")");
    Duration step = q.duration("step");
    if (step != null && tooManyBuckets(Duration.between(from, to), step)) {
      throw Params.bad("step", "is too small for the range: more than " + MAX_BUCKETS + " buckets");
    }
    int limit = q.integer("limit", 10_000, 1, 100_000);
    known.requireKnown(device);
    HistoryResult r = history.query(new HistoryQuery(device, metric, from, to, step, limit));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("device_id", device);
    body.put("metric", metric);
    body.put("unit", catalog.find(device, metric).map(MetricInfo::unit).orElse(null));
    body.put("from", from);
    body.put("to", to);
    body.put("step", step == null ? null : step.toMillis() % 1000 == 0 ? step.toSeconds() + "s" : step.toMillis() + "ms");
    body.put("resolution", r.resolution());
    body.put("points", points(r.points(), step == null));
    Responses.json(ctx, 200, body);
  }

  /** Whether {@code range / step} exceeds {@link #MAX_BUCKETS}, without overflowing on a billion-year range. */
  static boolean tooManyBuckets(Duration range, Duration step) {
    try {
      return range.compareTo(step.multipliedBy(MAX_BUCKETS)) > 0;
    } catch (ArithmeticException e) {
      return false; // step x MAX_BUCKETS is past any Duration, so no range holds more buckets
    }
  }

  private static List<Map<String, Object>> points(List<HistoryPoint> points, boolean raw) {
    List<Map<String, Object>> out = new ArrayList<>(points.size());
    for (HistoryPoint pt : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", pt.time());
      if (raw) {
        m.put("value", pt.avg());
        if (pt.reason() != null) m.put("reason", pt.reason());
      } else {
        m.put("avg", pt.avg());
        m.put("min", pt.min());
        m.put("max", pt.max());
        m.put("count", pt.count());
      }
      out.add(m);
    }
    return out;
  }
}
