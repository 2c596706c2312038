package io.gridwire.app.cli;

import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.mqtt.sim.SimSiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How {@code gridwire simulate mqtt-site} logs in: {@code --username} with the password from
 * {@code GRIDWIRE_MQTT_PASSWORD}; else the embedded broker's credentials file when it exists
 * (a simulator next to the gateway); else without credentials.
 */
final class SimCredentials {
  static final String PASSWORD_ENV = "GRIDWIRE_MQTT_PASSWORD";

  private SimCredentials() {}

  static SimSiteConfig apply(SimSiteConfig config, String username, String credentialsFile, Map<String, String> env) {
    if (username != null) {
      String password = env.get(PASSWORD_ENV);
      if (password == null) throw new IllegalArgumentException("set " + PASSWORD_ENV + " for --username " + username);
      return config.withCredentials(username, password);
    }
    if (credentialsFile != null && Files.isRegularFile(Path.of(credentialsFile))) {
      BrokerCredentials c = BrokerCredentials.readExisting(Path.of(credentialsFile));
      return config.withCredentials(c.username(), c.password());
    }
    return config;
  }
}
