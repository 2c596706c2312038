package io.gridwire.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.gridwire.mqtt.client.ClientDrops;
import org.slf4j.Marker;

/**
 * Turns the MQTT client library's one-WARN-per-dropped-message lines ("QoS 0 publish message
 * dropped.", "No publish flow registered for ...") into {@link ClientDrops} counts with a
 * rate-limited summary. Installed in {@code logback.xml}; every other line passes untouched.
 */
public final class MqttClientDropFilter extends TurboFilter {
  static final String LOGGER = "com.hivemq.client.internal.mqtt.handler.publish.incoming.MqttIncomingPublishService";

  private final ClientDrops drops;

  public MqttClientDropFilter() {
    this(ClientDrops.shared());
  }

  MqttClientDropFilter(ClientDrops drops) {
    this.drops = drops;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || level != Level.WARN || !LOGGER.equals(logger.getName())) return FilterReply.NEUTRAL;
    if (format.startsWith("QoS 0 publish message dropped")) {
      drops.count(ClientDrops.Kind.QUEUE_FULL);
      return FilterReply.DENY;
    }
    if (format.startsWith("No publish flow registered")) {
      drops.count(ClientDrops.Kind.NO_HANDLER);
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
