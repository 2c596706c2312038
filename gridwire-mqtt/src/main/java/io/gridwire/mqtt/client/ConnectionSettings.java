package io.gridwire.mqtt.client;

import io.gridwire.core.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MqttConnection} reaches its broker.
 *
 * @param broker address; TLS when {@code broker.tls()} or {@code tls}
 * @param tls TLS with the JVM's default trust store
 * @param username user name or null
 * @param password password or null
 * @param clientId client id of the persistent session
 * @param keepAlive keep-alive interval
 * @param backoff reconnect delays
 * @param filters topic filters subscribed on every connect
 * @param subscribeQos QoS of those subscriptions
 * @param willTopic last-will topic (retained {@code offline}), or null for none
 */
public record ConnectionSettings(BrokerUrl broker, boolean tls, String username, String password, String clientId,
    Duration keepAlive, Backoff backoff, List<String> filters, int subscribeQos, String willTopic) {
  public ConnectionSettings {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(backoff, "backoff");
    filters = List.copyOf(filters);
  }

  public boolean useTls() {
    return tls || broker.tls();
  }
}
