package io.gridwire.mqtt;

import java.time.Duration;
import java.util.List;

/** Builder of {@link MqttConfig}; unset keys take the documented defaults. Not thread-safe. */
public final class MqttConfigBuilder {
  private String brokerUrl;
  private String username;
  private String password;
  private boolean tls;
  private String clientId = "gridwire";
  private List<String> sites = List.of();
  private boolean ingest = true;
  private boolean publish = true;
  private String statePrefix = "gridwire";
  private String discoveryPrefix = "homeassistant";
  private Duration heartbeatTimeout = Duration.ofSeconds(30);
  private Duration sweepInterval = Duration.ofSeconds(15);
  private int maxPayloadBytes = 64 * 1024;
  private int maxJsonDepth = 16;
  private int subscribeQos = 1;
  private Duration keepAlive = Duration.ofSeconds(30);
  private Duration reconnectInitialDelay = Duration.ofSeconds(1);
  private Duration reconnectMaxDelay = io.gridwire.core.retry.Backoff.PEER_CAP;
  private Duration expireAfter = Duration.ofMinutes(5);
  private boolean retainState = true;
  private int maxInFlight = 1024;
  private boolean haControls;

  MqttConfigBuilder() {}

  MqttConfigBuilder(MqttConfig c) {
    brokerUrl = c.brokerUrl();
    username = c.username();
    password = c.password();
    tls = c.tls();
    clientId = c.clientId();
    sites = c.sites();
    ingest = c.ingest();
    publish = c.publish();
    statePrefix = c.statePrefix();
    discoveryPrefix = c.discoveryPrefix();
    heartbeatTimeout = c.heartbeatTimeout();
    sweepInterval = c.sweepInterval();
    maxPayloadBytes = c.maxPayloadBytes();
    maxJsonDepth = c.maxJsonDepth();
    subscribeQos = c.subscribeQos();
    keepAlive = c.keepAlive();
    reconnectInitialDelay = c.reconnectInitialDelay();
    reconnectMaxDelay = c.reconnectMaxDelay();
    expireAfter = c.expireAfter();
    retainState = c.retainState();
    maxInFlight = c.maxInFlight();
    haControls = c.haControls();
  }

  public MqttConfigBuilder brokerUrl(String v) { brokerUrl = v; return this; }
  public MqttConfigBuilder credentials(String user, String pass) { username = user; password = pass; return this; }
  public MqttConfigBuilder tls(boolean v) { tls = v; return this; }
  public MqttConfigBuilder clientId(String v) { clientId = v; return this; }
  public MqttConfigBuilder sites(List<String> v) { sites = v; return this; }
  public MqttConfigBuilder ingest(boolean v) { ingest = v; return this; }
  public MqttConfigBuilder publish(boolean v) { publish = v; return this; }
  public MqttConfigBuilder statePrefix(String v) { statePrefix = v; return this; }
  public MqttConfigBuilder discoveryPrefix(String v) { discoveryPrefix = v; return this; }
  public MqttConfigBuilder heartbeatTimeout(Duration v) { heartbeatTimeout = v; return this; }
  public MqttConfigBuilder sweepInterval(Duration v) { sweepInterval = v; return this; }
  public MqttConfigBuilder maxPayloadBytes(int v) { maxPayloadBytes = v; return this; }
  public MqttConfigBuilder maxJsonDepth(int v) { maxJsonDepth = v; return this; }
  public MqttConfigBuilder subscribeQos(int v) { subscribeQos = v; return this; }
  public MqttConfigBuilder keepAlive(Duration v) { keepAlive = v; return this; }
  public MqttConfigBuilder reconnect(Duration initial, Duration max) { reconnectInitialDelay = initial; reconnectMaxDelay = max; return this; }
  public MqttConfigBuilder expireAfter(Duration v) { expireAfter = v; return this; }
  public MqttConfigBuilder retainState(boolean v) { retainState = v; return this; }
  public MqttConfigBuilder maxInFlight(int v) { maxInFlight = v; return this; }
  public MqttConfigBuilder haControls(boolean v) { haControls = v; return this; }

  public MqttConfig build() {
    return new MqttConfig(brokerUrl, username, password, tls, clientId, sites, ingest, publish, statePrefix,
        discoveryPrefix, heartbeatTimeout, sweepInterval, maxPayloadBytes, maxJsonDepth, subscribeQos, keepAlive,
        reconnectInitialDelay, reconnectMaxDelay, expireAfter, retainState, maxInFlight, haControls);
  }
}
