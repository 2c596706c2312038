package io.gridwire.uplink.ws;

import java.util.List;

/** What the broker sends the uplink (text frames, JSON with a {@code type}). */
public sealed interface BrokerMessage {
  /** {@code {"type":"auth_ok","userId":"u-1","acks":true}}: authenticated; acks announced. */
  record AuthOk(String userId, boolean acks) implements BrokerMessage {}

  /** {@code {"type":"auth_error","reason":"..."}}: credentials refused. */
  record AuthError(String reason) implements BrokerMessage {}

  /** {@code {"type":"ack","id":"..."}} or {@code {"type":"ack","ids":[...]}}: stored by the broker. */
  record Ack(List<String> ids) implements BrokerMessage {}

  /** Anything else (a JSON {@code pong}, notices): ignored. */
  record Other(String type) implements BrokerMessage {}
}
