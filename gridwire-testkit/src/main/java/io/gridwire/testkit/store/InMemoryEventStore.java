package io.gridwire.testkit.store;

import io.gridwire.core.event.Event;
import io.gridwire.core.port.EventQuery;
import io.gridwire.core.port.EventStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link EventStore} in memory, for tests: newest first, filters as the real stores. */
public final class InMemoryEventStore implements EventStore {
  private final List<Event> events = new ArrayList<>();

  @Override
  public synchronized void append(List<Event> list) {
    events.addAll(list);
  }

  @Override
  public synchronized List<Event> query(EventQuery q) {
    return events.stream()
        .filter(e -> q.deviceId() == null || q.deviceId().equals(e.deviceId()))
        .filter(e -> q.matches(e.type()))
        .filter(e -> q.from() == null || !e.time().isBefore(q.from()))
        .filter(e -> q.to() == null || e.time().isBefore(q.to()))
        .sorted(Comparator.comparing(Event::time).reversed())
        .limit(q.limit())
        .toList();
  }

  public synchronized List<Event> all() {
    return new ArrayList<>(events);
  }
}
