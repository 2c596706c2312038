package io.gridwire.mqtt;

import java.time.Duration;
import java.util.List;

/** Builder of {@link MqttSettings}; unset keys take the documented defaults. Not thread-safe. */
public final class MqttSettingsBuilder {
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

  MqttSettingsBuilder() {}

  MqttSettingsBuilder(MqttSettings c) {
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

  public MqttSettingsBuilder brokerUrl(String v) { brokerUrl = v; return this; }
  public MqttSettingsBuilder credentials(String user, String pass) { username = user; password = pass; return this; }
  public MqttSettingsBuilder tls(boolean v) { tls = v; return this; }
  public MqttSettingsBuilder clientId(String v) { clientId = v; return this; }
  public MqttSettingsBuilder sites(List<String> v) { sites = v; return this; }
  public MqttSettingsBuilder ingest(boolean v) { ingest = v; return this; }
  public MqttSettingsBuilder publish(boolean v) { publish = v; return this; }
  public MqttSettingsBuilder statePrefix(String v) { statePrefix = v; return this; }
  public MqttSettingsBuilder discoveryPrefix(String v) { discoveryPrefix = v; return this; }
  public MqttSettingsBuilder heartbeatTimeout(Duration v) { heartbeatTimeout = v; return this; }
  public MqttSettingsBuilder sweepInterval(Duration v) { sweepInterval = v; return this; }
  public MqttSettingsBuilder maxPayloadBytes(int v) { maxPayloadBytes = v; return this; }
  public MqttSettingsBuilder maxJsonDepth(int v) { maxJsonDepth = v; return this; }
  public MqttSettingsBuilder subscribeQos(int v) { subscribeQos = v; return this; }
  public MqttSettingsBuilder keepAlive(Duration v) { keepAlive = v; return this; }
  public MqttSettingsBuilder reconnect(Duration initial, Duration max) { reconnectInitialDelay = initial; reconnectMaxDelay = max; return this; }
  public MqttSettingsBuilder expireAfter(Duration v) { expireAfter = v; return this; }
  public MqttSettingsBuilder retainState(boolean v) { retainState = v; return this; }
  public MqttSettingsBuilder maxInFlight(int v) { maxInFlight = v; return this; }
  public MqttSettingsBuilder haControls(boolean v) { haControls = v; return this; }

  public MqttSettings build() {
    return new MqttSettings(brokerUrl, username, password, tls, clientId, sites, ingest, publish, statePrefix,
        discoveryPrefix, heartbeatTimeout, sweepInterval, maxPayloadBytes, maxJsonDepth, subscribeQos, keepAlive,
        reconnectInitialDelay, reconnectMaxDelay, expireAfter, retainState, maxInFlight, haControls);
  }
}
