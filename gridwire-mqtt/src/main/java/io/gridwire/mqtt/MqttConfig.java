package io.gridwire.mqtt;

import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.mqtt.broker.BrokerUser;
import io.gridwire.mqtt.broker.EmbeddedBrokerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code mqtt} section: MQTT ingest (datalogger discovery and presence) and publishing with
 * Home Assistant discovery, on an external broker or the embedded one. Each component is one key;
 * {@link #settings} and {@link #embeddedBroker} add what the wiring knows (the broker actually
 * used, the gateway's own broker account, the environment).
 */
public record MqttConfig(
    @Doc("Connect to MQTT: ingest dataloggers and publish states and Home Assistant discovery.") boolean enabled,
    @Doc("Broker URL (mqtt://, mqtts://); empty = start the embedded broker.") String brokerUrl,
    @Doc("Broker user.") String username,
    @Doc("Broker password (env GRIDWIRE_MQTT_PASSWORD).") String password,
    @Doc("Client id (persistent session: keep it stable per node).") String clientId,
    @Doc("Sites to ingest ({site}/datalogger/..., {site}/gateway/...); empty = all.") List<String> sites,
    @Doc("Ingest datalogger and gateway topics.") boolean ingest,
    @Doc("Publish states, availability and Home Assistant discovery.") boolean publish,
    @Doc("State topics: {state_prefix}/{device_id}/state.") String statePrefix,
    @Doc("Home Assistant discovery prefix.") String discoveryPrefix,
    @Doc("A device without heartbeat for this long goes offline (record kept).") Duration heartbeatTimeout,
    @Doc("How often presence is checked.") Duration sweepInterval,
    @Doc("Largest accepted payload, bytes; larger is counted and ignored.") int maxPayloadBytes,
    @Doc("Embedded broker: address it listens on. Default loopback; set the site-network address or 0.0.0.0 when dataloggers publish here (and give them embedded_users).") String embeddedHost,
    @Doc("Embedded broker: port.") int embeddedPort,
    @Doc("Embedded broker: take a free port when embedded_port is in use (the port is logged).") boolean embeddedPickFreePort,
    @Doc("Embedded broker: accept clients without user name (they may use every topic). The gateway's own "
        + "account (generated into {data_dir}/mqtt-broker.credentials) always works.") boolean embeddedAllowAnonymous,
    @Doc("Embedded broker: more accounts, each with its topic permissions (a list; see the per-user keys below).") List<MqttUserConfig> embeddedUsers,
    @Doc("Which serial numbers (serial_number of a heartbeat) become devices.") AdmissionConfig admission,
    @Doc("Also publish OIG box values under the topics and entity ids of the community OIG proxy "
        + "(oig_local/{box}/{table}/state, sensor.oig_local_{box}_{table}_{field}), so Home Assistant's OIG "
        + "integration in local mode works unchanged. Needs publish and the OIG proxy.") boolean oigLocalCompat,
    @Doc("Home Assistant controls: announce for each OIG box a mode select, a number per numeric whitelist "
        + "item (bounds from the whitelist) and boiler switches, and a button per named genset command; turn "
        + "messages on {state_prefix}/{device}/command/{item} into ledger commands (requester home-assistant; "
        + "values out of bounds are refused before the ledger). Off by default: anyone who may publish there "
        + "commands the devices, so restrict it with the broker's ACLs (embedded broker: embedded_users). "
        + "Needs publish.") boolean haControls) {
  public MqttConfig {
    sites = sites == null ? List.of() : List.copyOf(sites);
    Check.nonBlank("mqtt.client_id", clientId);
    Check.positive("mqtt.heartbeat_timeout", heartbeatTimeout);
    Check.positive("mqtt.sweep_interval", sweepInterval);
    Check.range("mqtt.max_payload_bytes", maxPayloadBytes, 256, 16 << 20);
    Check.range("mqtt.embedded_port", embeddedPort, 0, 65535);
    admission = Check.orDefault(admission, AdmissionConfig.DEFAULT);
    Check.nonBlank("mqtt.embedded_host", embeddedHost);
    embeddedUsers = embeddedUsers == null ? List.of() : List.copyOf(embeddedUsers);
    for (int i = 0; i < embeddedUsers.size(); i++) {
      MqttUserConfig u = embeddedUsers.get(i);
      Check.nonBlank("mqtt.embedded_users[" + i + "].name", u.name());
      Check.nonBlank("mqtt.embedded_users[" + i + "].password_env", u.passwordEnv());
    }
  }

  public static MqttConfig defaults() {
    return new MqttConfig(false, null, null, null, "gridwire", List.of(), true, true, "gridwire", "homeassistant",
        Duration.ofSeconds(30), Duration.ofSeconds(15), 64 << 10, "127.0.0.1", 1883, false, false, List.of(),
        AdmissionConfig.DEFAULT, false, false);
  }

  /** The client's settings for {@code brokerUrl} (the external broker, or the embedded one's URL) and account. */
  public MqttSettings settings(String brokerUrl, String username, String password) {
    return MqttSettings.builder()
        .brokerUrl(brokerUrl)
        .credentials(username, password)
        .tls(brokerUrl.startsWith("mqtts:") || brokerUrl.startsWith("ssl:"))
        .clientId(clientId)
        .sites(sites)
        .ingest(ingest)
        .publish(publish)
        .statePrefix(statePrefix)
        .discoveryPrefix(discoveryPrefix)
        .heartbeatTimeout(heartbeatTimeout)
        .sweepInterval(sweepInterval)
        .maxPayloadBytes(maxPayloadBytes)
        .haControls(haControls)
        .build();
  }

  /**
   * The embedded broker: the gateway's own account {@code own} (all topics) plus
   * {@code mqtt.embedded_users}, each password read from the environment variable it names.
   */
  public EmbeddedBrokerConfig embeddedBroker(BrokerCredentials own, Map<String, String> env) {
    List<BrokerUser> users = new ArrayList<>();
    // The gateway's client id is its own: another account connecting with it would take its session over.
    users.add(BrokerUser.gateway(own.username(), own.password(), List.of(clientId)));
    for (int i = 0; i < embeddedUsers.size(); i++) {
      MqttUserConfig u = embeddedUsers.get(i);
      String pw = env.get(u.passwordEnv());
      if (pw == null || pw.isEmpty()) {
        throw new IllegalArgumentException("mqtt.embedded_users[" + i + "].password_env: environment variable "
            + u.passwordEnv() + " (password of MQTT user " + u.name() + ") is not set");
      }
      users.add(new BrokerUser(u.name(), pw, u.publish(), u.subscribe()));
    }
    return new EmbeddedBrokerConfig(embeddedHost, embeddedPort, embeddedPickFreePort, embeddedAllowAnonymous, users, false, null);
  }

  public boolean embedded() {
    return brokerUrl == null || brokerUrl.isBlank();
  }

  @Override
  public String toString() {
    return "MqttConfig[enabled=" + enabled + ", brokerUrl=" + (embedded() ? "embedded :" + embeddedPort : brokerUrl)
        + ", username=" + username + ", password=" + (password == null ? "unset" : "***") + ", sites=" + sites + "]";
  }
}
