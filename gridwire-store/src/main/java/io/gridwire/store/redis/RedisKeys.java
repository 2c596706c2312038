package io.gridwire.store.redis;

/** Every key and channel name, with the configured prefix. Pure. */
record RedisKeys(String prefix) {
  String session(String sessionId) {
    return prefix + "ws:session:" + sessionId;
  }

  String sessionPattern() {
    return prefix + "ws:session:*";
  }

  String sessionId(String key) {
    return key.substring((prefix + "ws:session:").length());
  }

  /** Hash: session id → JSON details (owner, connected_at) of the session. */
  String sessionDetails() {
    return prefix + "gridwire:session-details";
  }

  String latest(String deviceId) {
    return prefix + "device:" + deviceId + ":metrics";
  }

  String latestPattern() {
    return prefix + "device:*:metrics";
  }

  /** Hash: device id → JSON listing of the device (node, source, name, site, kind, online, error, last_seen). */
  String fleetDevices() {
    return prefix + "gridwire:devices";
  }

  /** String with a TTL: present while the node is alive. */
  String alive(String node) {
    return prefix + "gridwire:node:" + node + ":alive";
  }

  String updates() {
    return prefix + "metrics:updates";
  }

  String requests(String node) {
    return prefix + "gridwire:node:" + node + ":requests";
  }

  String answers(String node) {
    return prefix + "gridwire:node:" + node + ":answers";
  }
}
