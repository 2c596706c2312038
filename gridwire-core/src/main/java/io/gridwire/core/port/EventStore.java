package io.gridwire.core.port;

import io.gridwire.core.event.Event;
import java.util.List;

/** Durable events. Thread-safe; blocking. */
public interface EventStore {
  void append(List<Event> events);

  /** Newest first. */
  List<Event> query(EventQuery query);
}
