package io.gridwire.uplink.link;

/** An outbound link with a status (the uplink, an exporter). Thread-safe. */
public interface Link {
  String name();

  /** A consistent-enough snapshot; may read the outbox (milliseconds). */
  LinkStatus status();
}
