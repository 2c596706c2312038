package io.gridwire.mqtt.ingest;

import java.util.Locale;

/** Why an ingest message was not used. Each is counted as {@code gridwire.mqtt.ingest.rejected{reason}}. */
public enum RejectReason {
  /** The topic does not follow {@code {site}/datalogger/{type}/{id}/{channel}} or {@code {site}/gateway/{id}/{channel}}. */
  MALFORMED_TOPIC,
  /** The payload is not a JSON object. */
  NOT_JSON,
  /** The payload has no non-blank {@code serial_number}. */
  NO_SERIAL,
  /** The payload is larger than {@code mqtt.maxPayloadBytes}; rejected before parsing. */
  OVERSIZE,
  /** The JSON nests deeper than {@code mqtt.maxJsonDepth}. */
  TOO_DEEP,
  /**
   * The serial number did not pass device admission: refused (invalid id, not on
   * {@code mqtt.admission.allowlist}, rejected by an admin, over the caps) or pending approval.
   */
  NOT_ADMITTED,
  /** Data from a serial number that has not sent a heartbeat yet. */
  UNKNOWN_DEVICE,
  /**
   * Values under metric names past the device's bound ({@link io.gridwire.core.reading.MetricNameLimit}:
   * too many distinct names, or too long); the message's other values are published.
   */
  TOO_MANY_METRICS,
  /** A bug of ours on this message; logged with the stack trace. */
  INTERNAL_ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
