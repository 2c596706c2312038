package io.gridwire.mqtt.sim;

import java.time.Duration;

/**
 * A simulated MQTT site ({@code gridwire simulate mqtt-site --broker URL}).
 *
 * @param brokerUrl broker to publish to, e.g. {@code mqtt://127.0.0.1:1883}
 * @param site first topic level. Default {@code sito_001}
 * @param heartbeatInterval heartbeat period of each device. Default 5 s
 * @param dataInterval input payload period of each device. Default 2 s
 * @param silenceEvery every this long, datalogger {@code adaq/2} falls silent. Default 3 min
 * @param silenceFor how long it stays silent (longer than the 30 s offline rule). Default 45 s
 * @param username broker user, or null to connect without credentials
 * @param password its password, or null
 */
public record SimSiteConfig(String brokerUrl, String site, Duration heartbeatInterval, Duration dataInterval,
    Duration silenceEvery, Duration silenceFor, String username, String password) {
  public SimSiteConfig {
    if (brokerUrl == null || brokerUrl.isBlank()) throw new IllegalArgumentException("simulate.broker is required");
    site = site == null || site.isBlank() ? "sito_001" : site;
    heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
    dataInterval = dataInterval == null ? Duration.ofSeconds(2) : dataInterval;
    silenceEvery = silenceEvery == null ? Duration.ofMinutes(3) : silenceEvery;
    silenceFor = silenceFor == null ? Duration.ofSeconds(45) : silenceFor;
    if (silenceFor.compareTo(silenceEvery) >= 0) {
      throw new IllegalArgumentException("simulate.silenceFor must be shorter than simulate.silenceEvery");
    }
  }

  public static SimSiteConfig of(String brokerUrl) {
    return new SimSiteConfig(brokerUrl, null, null, null, null, null, null, null);
  }

  /** The same site connecting as {@code username}. */
  public SimSiteConfig withCredentials(String username, String password) {
    return new SimSiteConfig(brokerUrl, site, heartbeatInterval, dataInterval, silenceEvery, silenceFor, username, password);
  }

  @Override
  public String toString() {
    return "SimSiteConfig[" + brokerUrl + ", site=" + site + ", user=" + username + "]";
  }
}
