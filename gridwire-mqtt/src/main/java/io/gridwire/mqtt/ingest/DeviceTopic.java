package io.gridwire.mqtt.ingest;

import java.util.Locale;

/**
 * A parsed ingest topic.
 *
 * <pre>
 *   {site}/datalogger/{type}/{id}/{channel}     5 levels
 *   {site}/gateway/{id}/{channel}               4 levels      channel = input | output | heartbeat
 * </pre>
 *
 * @param site site code (first level)
 * @param kind {@code datalogger} or {@code gateway}
 * @param type datalogger type ({@code monstro}, {@code adaq}), or null for a gateway
 * @param topicId the id level of the topic ({@code 1}, {@code 2}); not the device key
 * @param channel what the payload is
 */
public record DeviceTopic(String site, String kind, String type, String topicId, Channel channel) {

  /** The last topic level. */
  public enum Channel {
    INPUT,
    OUTPUT,
    HEARTBEAT;

    static Channel parse(String level) {
      return switch (level) {
        case "input" -> INPUT;
        case "output" -> OUTPUT;
        case "heartbeat" -> HEARTBEAT;
        default -> null;
      };
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
