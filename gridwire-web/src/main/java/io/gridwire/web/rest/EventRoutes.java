package io.gridwire.web.rest;

import io.gridwire.core.event.EventType;
import io.gridwire.core.port.EventQuery;
import io.gridwire.core.port.EventStore;
import io.gridwire.web.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import io.gridwire.web.json.Responses;
import io.gridwire.web.json.EventJson;

/** {@code GET /api/events?device_id=&type=&from=&to=&limit=}: newest first, limit 1..10000 (default 100). */
public final class EventRoutes {
  private final EventStore events;
  private final Clock clock;

  public EventRoutes(EventStore events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void list(Context ctx, Principal p) {
    Params q = Params.of(ctx.queryParamMap(), Set.of("device_id", "type", "from", "to", "limit"));
    Set<EventType> types = new java.util.LinkedHashSet<>();
    String t = q.string("type");
    if (t != null) {
      for (String one : t.split(",", -1)) {
        try {
          types.add(EventType.fromWire(one.trim()));
        } catch (IllegalArgumentException e) {
          throw Params.bad("type", "is not an event type: '" + one.trim() + "' (comma-separated event types)");
        }
      }
    }
    Instant now = clock.instant();
    Instant from = q.instant("from", now, null);
    Instant to = q.instant("to", now, null);
    if (from != null && to != null && !to.isAfter(from)) throw Params.bad("to", "must be after 'from'");
    int limit = q.integer("limit", 100, 1, 10_000);
    var list = events.query(new EventQuery(q.string("device_id"), types, from, to, limit));
    Responses.json(ctx, 200, list.stream().map(EventJson::of).toList());
  }
}
