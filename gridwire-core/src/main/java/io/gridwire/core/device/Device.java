package io.gridwire.core.device;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A device known to the gateway (SPEC §2). Immutable; the {@link DeviceRegistry} replaces it on
 * every change.
 *
 * @param id stable key ({@code gen-1}, or a serial number)
 * @param site site code, never null (may be empty)
 * @param kind {@code generator}, {@code switchgear}, {@code inverter}, {@code datalogger},
 *     {@code gateway}, {@code battery-box}, ...
 * @param source connector
 * @param model profile or model name, or null
 * @param serialNumber serial number, or null
 * @param name display name, never null (defaults to id)
 * @param online whether the device currently answers
 * @param lastSeen last time the device was heard from, or null if never
 * @param error the last connection error while offline, or null
 * @param attributes free-form attributes (firmware, signal, topic id, ...), unmodifiable
 */
public record Device(
    String id,
    String site,
    String kind,
    Source source,
    String model,
    String serialNumber,
    String name,
    boolean online,
    Instant lastSeen,
    String error,
    Map<String, String> attributes) {

  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    if (id.isBlank()) throw new IllegalArgumentException("device id is blank");
    site = site == null ? "" : site;
    kind = kind == null ? "device" : kind;
    name = name == null || name.isBlank() ? id : name;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** A new, not yet seen device. */
  public static Device of(String id, String site, String kind, Source source) {
    return new Device(id, site, kind, source, null, null, id, false, null, null, Map.of());
  }

  public Device withModel(String model) {
    return new Device(id, site, kind, source, model, serialNumber, name, online, lastSeen, error, attributes);
  }

  public Device withName(String name) {
    return new Device(id, site, kind, source, model, serialNumber, name, online, lastSeen, error, attributes);
  }

  public Device withSerialNumber(String serialNumber) {
    return new Device(id, site, kind, source, model, serialNumber, name, online, lastSeen, error, attributes);
  }

  public Device withAttributes(Map<String, String> attributes) {
    return new Device(id, site, kind, source, model, serialNumber, name, online, lastSeen, error, attributes);
  }

  public Device withPresence(boolean online, Instant lastSeen, String error) {
    return new Device(id, site, kind, source, model, serialNumber, name, online, lastSeen, error, attributes);
  }
}
