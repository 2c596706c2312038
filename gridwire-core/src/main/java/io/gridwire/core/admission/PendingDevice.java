package io.gridwire.core.admission;

import io.gridwire.core.device.Device;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A device id waiting for an admin's decision, or one an admin rejected.
 *
 * @param device what the connector would register (id, source, kind, model, ...); it is registered
 *     as it is when approved
 * @param state pending or rejected
 * @param firstSeen when it first asked
 * @param lastSeen when it last asked
 */
public record PendingDevice(Device device, State state, Instant firstSeen, Instant lastSeen) {

  public enum State {
    PENDING,
    REJECTED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromWire(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public PendingDevice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  public String id() {
    return device.id();
  }

  PendingDevice seen(Device latest, Instant at) {
    return new PendingDevice(latest, state, firstSeen, at.isAfter(lastSeen) ? at : lastSeen);
  }

  PendingDevice withState(State s) {
    return new PendingDevice(device, s, firstSeen, lastSeen);
  }
}
