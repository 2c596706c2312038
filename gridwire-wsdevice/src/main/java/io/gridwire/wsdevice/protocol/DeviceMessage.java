package io.gridwire.wsdevice.protocol;

import io.gridwire.core.reading.Reading;

/** What one text message of an authenticated device means. */
public sealed interface DeviceMessage {

  /** {@code {"type":"hello", "kind":..., "name":..., "site":..., "model":...}}: how to list the device. */
  record Hello(String kind, String name, String site, String model) implements DeviceMessage {}

  /** A message carrying {@code "command_id"}: the device's answer to that command. */
  record Reply(String commandId, String text) implements DeviceMessage {}

  /**
   * Values of the device: one reading.
   *
   * @param timestampProblem why the device's timestamp was replaced by the receive time, or null
   */
  record Telemetry(Reading reading, String timestampProblem) implements DeviceMessage {}

  /**
   * Refused input, answered with an error message on the socket.
   *
   * @param code {@code not_json}, {@code too_large}, {@code too_deep}, {@code value_too_long}, {@code not_object}, {@code empty}
   * @param detail one sentence for the device's developer
   */
  record Invalid(String code, String detail) implements DeviceMessage {}
}
