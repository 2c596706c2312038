package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerAccessTest {
  private final BrokerAccess access = new BrokerAccess(List.of(
      new BrokerUser("logger", "pw", List.of("s1/datalogger/#"), List.of("s1/datalogger/+/+/cmd"))), false);

  @Test
  void covers_subscriptionWithinAllowedFilter_only() {
    assertTrue(BrokerAccess.covers("#", "#"));
    assertTrue(BrokerAccess.covers("s1/#", "s1/datalogger/+/x"));
    assertTrue(BrokerAccess.covers("s1/+/cmd", "s1/a/cmd"));
    assertFalse(BrokerAccess.covers("s1/datalogger/#", "#"));
    assertFalse(BrokerAccess.covers("s1/+/cmd", "s1/#"));
    assertFalse(BrokerAccess.covers("s1/+/cmd", "s1/+/+"));
    assertFalse(BrokerAccess.covers("#", "$SYS/#"));
  }

  @Test
  void checkValid_anonymousOrWrongPassword_refused() {
    assertFalse(access.checkValid("c", null, null));
    assertFalse(access.checkValid("c", "logger", "nope".getBytes(StandardCharsets.UTF_8)));
    assertTrue(access.checkValid("c", "logger", "pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void checkValid_gatewayClientIdByAnotherAccount_refused() {
    BrokerAccess withGateway = new BrokerAccess(List.of(BrokerUser.gateway("gridwire", "gpw", List.of("gridwire-node-1")),
        new BrokerUser("logger", "pw", List.of("#"), List.of("#"))), true);
    byte[] pw = "pw".getBytes(StandardCharsets.UTF_8);
    assertFalse(withGateway.checkValid("gridwire-node-1", "logger", pw), "another user taking the gateway's session");
    assertFalse(withGateway.checkValid("gridwire-node-1", null, null), "anonymous taking the gateway's session");
    assertTrue(withGateway.checkValid("gridwire-node-1", "gridwire", "gpw".getBytes(StandardCharsets.UTF_8)));
    assertTrue(withGateway.checkValid("logger-1", "logger", pw));
  }

  @Test
  void canWriteAndRead_perUserFilters() {
    assertTrue(access.canWrite(new Topic("s1/datalogger/adaq/1/heartbeat"), "logger", "c"));
    assertFalse(access.canWrite(new Topic("s2/datalogger/adaq/1/heartbeat"), "logger", "c"));
    assertFalse(access.canRead(new Topic("#"), "logger", "c"));
    assertFalse(access.canRead(new Topic("s1/#"), null, "c"));
  }
}
