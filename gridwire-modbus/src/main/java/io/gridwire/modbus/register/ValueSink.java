package io.gridwire.modbus.register;

import io.gridwire.core.reading.Value;

/** Receives decoded metrics in field order (e.g. a {@code Reading.Builder}). */
@FunctionalInterface
public interface ValueSink {
  void put(String metric, Value value);
}
