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
 * @param clientIds client ids only this account may connect with (the gateway's own session:
 *     another user connecting with it would take the gateway's session over); empty for none
 */
public record BrokerUser(String name, String password, List<String> publish, List<String> subscribe,
    List<String> clientIds) {
  public BrokerUser {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("mqtt.embedded_users[].name is required");
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("mqtt.embedded_users[" + name + "] has no password (set its password_env variable)");
    }
    publish = publish == null ? List.of() : List.copyOf(publish);
    subscribe = subscribe == null ? List.of() : List.copyOf(subscribe);
    clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
  }

  /** An account without reserved client ids. */
  public BrokerUser(String name, String password, List<String> publish, List<String> subscribe) {
    this(name, password, publish, subscribe, List.of());
  }

  /** An account that may publish and subscribe anywhere (the gateway's own client). */
  public static BrokerUser everything(String name, String password) {
    return new BrokerUser(name, password, List.of("#"), List.of("#"));
  }

  /** The gateway's own account: everywhere, and the only one that may use {@code clientIds}. */
  public static BrokerUser gateway(String name, String password, List<String> clientIds) {
    return new BrokerUser(name, password, List.of("#"), List.of("#"), clientIds);
  }

  @Override
  public String toString() {
    return "BrokerUser[" + name + ", publish=" + publish + ", subscribe=" + subscribe + ", clientIds=" + clientIds + "]";
  }
}
