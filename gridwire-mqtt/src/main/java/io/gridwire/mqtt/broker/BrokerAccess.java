package io.gridwire.mqtt.broker;

import io.gridwire.core.log.RateLimitedLog;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker and which topics each user may publish and subscribe
 * to. Anonymous clients (no user name) are let in only when {@code allowAnonymous}, and may then
 * use every topic, as before credentials existed. A refused login is logged at WARN, at most
 * once a minute. Thread-safe (immutable apart from the log limiter).
 */
final class BrokerAccess implements IAuthenticator, IAuthorizatorPolicy {
  private static final Logger log = LoggerFactory.getLogger(BrokerAccess.class);

  private final Map<String, BrokerUser> users;
  /** Reserved client id → the only user that may connect with it. */
  private final Map<String, String> clientIdOwners;
  private final boolean allowAnonymous;
  private final RateLimitedLog refusals = new RateLimitedLog(log, Clock.systemUTC(), Duration.ofMinutes(1));

  BrokerAccess(List<BrokerUser> users, boolean allowAnonymous) {
    this.users = users.stream().collect(Collectors.toUnmodifiableMap(BrokerUser::name, Function.identity()));
    this.clientIdOwners = users.stream().flatMap(u -> u.clientIds().stream().map(id -> Map.entry(id, u.name())))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    this.allowAnonymous = allowAnonymous;
  }

  @Override
  public boolean checkValid(String clientId, String username, byte[] password) {
    String owner = clientId == null ? null : clientIdOwners.get(clientId);
    if (owner != null && !owner.equals(username)) {
      return refuse(false, clientId, (username == null ? "anonymous" : "user " + username)
          + "; this client id is the gateway's own session and only its account may use it: pick another client id");
    }
    if (username == null) return refuse(allowAnonymous, clientId, "anonymous");
    BrokerUser u = users.get(username);
    boolean ok = u != null && password != null
        && MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8), password);
    return refuse(ok, clientId, "user " + username);
  }

  private boolean refuse(boolean ok, String clientId, String who) {
    if (ok) return true;
    refusals.warn("refused", refused -> "embedded MQTT broker refused client " + clientId + " (" + who + "; "
        + refused + " refused in the last minute): give it a user from mqtt.embedded_users with the right password");
    return false;
  }

  @Override
  public boolean canWrite(Topic topic, String user, String client) {
    if (user == null) return allowAnonymous;
    BrokerUser u = users.get(user);
    return u != null && u.publish().stream().anyMatch(f -> MqttWire.matches(f, topic.toString()));
  }

  @Override
  public boolean canRead(Topic topic, String user, String client) {
    if (user == null) return allowAnonymous;
    BrokerUser u = users.get(user);
    return u != null && u.subscribe().stream().anyMatch(f -> covers(f, topic.toString()));
  }

  /** Whether every topic the subscription {@code requested} matches is also matched by {@code allowed}. */
  static boolean covers(String allowed, String requested) {
    String[] a = allowed.split("/", -1);
    String[] r = requested.split("/", -1);
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals("#")) return !(i == 0 && r[0].startsWith("$") && !a[0].startsWith("$"));
      if (i >= r.length || r[i].equals("#")) return false;
      if (a[i].equals("+")) continue;
      if (!a[i].equals(r[i])) return false;
    }
    return a.length == r.length;
  }
}
