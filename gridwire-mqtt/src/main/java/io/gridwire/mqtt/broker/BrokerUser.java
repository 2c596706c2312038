package io.gridwire.mqtt.broker;

import java.util.List;

/**
 * A client account of the embedded broker and the topics it may use.
 *
 * @param name MQTT user name
 * @param password its password (from the environment or the generated credentials file; never
 *     a built-in default)
 * @param publish topic filters it may publish to ({@code +} and {@code #} allowed), e.g.
 *     {@code sito_001/datalogger/#}
 * @param subscribe topic filters it may subscribe to; a subscription must lie within one of
 *     them ({@code #} is within {@code #} only)
 */
public record BrokerUser(String name, String password, List<String> publish, List<String> subscribe) {
  public BrokerUser {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("mqtt.embedded_users[].name is required");
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("mqtt.embedded_users[" + name + "] has no password (set its password_env variable)");
    }
    publish = publish == null ? List.of() : List.copyOf(publish);
    subscribe = subscribe == null ? List.of() : List.copyOf(subscribe);
  }

  /** An account that may publish and subscribe anywhere (the gateway's own client). */
  public static BrokerUser everything(String name, String password) {
    return new BrokerUser(name, password, List.of("#"), List.of("#"));
  }

  @Override
  public String toString() {
    return "BrokerUser[" + name + ", publish=" + publish + ", subscribe=" + subscribe + "]";
  }
}
