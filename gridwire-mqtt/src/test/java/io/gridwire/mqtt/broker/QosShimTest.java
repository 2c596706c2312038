package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QosShimTest {
  private final QosShim shim = new QosShim(new QosShim.Sessions());
  private final List<ByteBuf> toMoquette = new ArrayList<>();

  @Test
  void subscribe_qos0_raisedToQos1AndSubackShowsQos0() {
    shim.fromClient(Unpooled.wrappedBuffer(RawMqtt.connect("ha")));
    ByteBuf subscribe = Unpooled.wrappedBuffer(new byte[] {
        (byte) 0x82, 8, // SUBSCRIBE, remaining length 8
        0, 7, // packet id 7
        0, 3, 'a', '/', '#', // filter "a/#"
        0}); // requested QoS 0
    shim.fromClient(subscribe);
    assertEquals(1, subscribe.getByte(9), "QoS Moquette is asked for");

    ByteBuf suback = fromMoquette(new byte[] {(byte) 0x90, 3, 0, 7, 1}); // SUBACK id 7, granted QoS 1
    assertArrayEquals(new byte[] {(byte) 0x90, 3, 0, 7, 0}, ByteBufUtil.getBytes(suback), "SUBACK the client sees");
  }

  @Test
  void publishQos1_onlyQos0SubscriptionMatches_ackedByBridgeAndDeliveredAtQos0() {
    subscribe("a/#", 0);
    ByteBuf out = fromMoquette(new byte[] {
        0x33, 8, // PUBLISH, QoS 1, RETAIN, remaining length 8
        0, 3, 'a', '/', 'b', // topic "a/b"
        0x12, 0x34, // packet id
        'x'}); // payload
    assertArrayEquals(new byte[] {0x31, 6, 0, 3, 'a', '/', 'b', 'x'}, ByteBufUtil.getBytes(out), "QoS 0, RETAIN kept");
    assertEquals(1, toMoquette.size());
    assertArrayEquals(new byte[] {0x40, 2, 0x12, 0x34}, ByteBufUtil.getBytes(toMoquette.get(0)), "PUBACK to Moquette");
  }

  @Test
  void publishQos1_afterClientDisconnect_neitherAckedNorDeliveredAndReleased() {
    subscribe("a/#", 0);
    shim.fromClient(Unpooled.wrappedBuffer(new byte[] {(byte) 0xE0, 0})); // DISCONNECT
    ByteBuf publish = Unpooled.wrappedBuffer(new byte[] {0x32, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'});
    assertNull(shim.fromMoquette(publish, UnpooledByteBufAllocator.DEFAULT, toMoquette::add), "delivered to the client");
    assertEquals(0, toMoquette.size(), "PUBACKs to Moquette after DISCONNECT");
    assertEquals(0, publish.refCnt(), "references left on the dropped PUBLISH");
  }

  @Test
  void publishQos1_resendOfAckedPacketId_onePubackAndDeliveredOnce() {
    subscribe("a/#", 0);
    assertNotNull(fromMoquette(new byte[] {0x32, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'}));
    ByteBuf resend = Unpooled.wrappedBuffer(new byte[] {0x3A, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'}); // DUP
    assertNull(shim.fromMoquette(resend, UnpooledByteBufAllocator.DEFAULT, toMoquette::add), "resend delivered again");
    assertEquals(1, toMoquette.size(), "PUBACKs for packet id 0x1234");
    assertEquals(0, resend.refCnt(), "references left on the dropped resend");
  }

  @Test
  void publishQos1_resendOfPacketIdNotAckedOnThisConnection_ackedAndDelivered() {
    subscribe("a/#", 0);
    ByteBuf out = fromMoquette(new byte[] {0x3A, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'}); // DUP, e.g. after a reconnect
    assertArrayEquals(new byte[] {0x30, 6, 0, 3, 'a', '/', 'b', 'x'}, ByteBufUtil.getBytes(out));
    assertEquals(1, toMoquette.size());
  }

  @Test
  void publishQos1_packetIdReusedForANewMessage_ackedAgain() {
    subscribe("a/#", 0);
    fromMoquette(new byte[] {0x32, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'});
    assertNotNull(fromMoquette(new byte[] {0x32, 8, 0, 3, 'a', '/', 'c', 0x12, 0x34, 'y'}));
    assertEquals(2, toMoquette.size());
  }

  @Test
  void publishQos1_alsoMatchesQos1Subscription_passesUnchanged() {
    subscribe("a/#", 0);
    subscribe("a/+", 1);
    byte[] publish = {0x32, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'};
    assertArrayEquals(publish, ByteBufUtil.getBytes(fromMoquette(publish)));
    assertEquals(0, toMoquette.size());
  }

  @Test
  void persistentSession_keptOnlyAfterAcceptedConnack_andSurvivesReconnect() {
    QosShim.Sessions sessions = new QosShim.Sessions();
    QosShim refused = new QosShim(sessions);
    refused.fromClient(Unpooled.wrappedBuffer(RawMqtt.connect("ha", false)));
    refused.fromMoquette(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 0, 5}), UnpooledByteBufAllocator.DEFAULT,
        toMoquette::add); // CONNACK: not authorised
    assertEquals(0, sessions.size(), "tables kept for a refused CONNECT");

    QosShim first = new QosShim(sessions);
    first.fromClient(Unpooled.wrappedBuffer(RawMqtt.connect("ha", false)));
    first.fromMoquette(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 0, 0}), UnpooledByteBufAllocator.DEFAULT, toMoquette::add);
    first.fromClient(Unpooled.wrappedBuffer(RawMqtt.packet(0x82, new byte[] {0, 9, 0, 3, 'a', '/', '#', 0})));
    assertEquals(1, sessions.size());

    // someone refused while using the same client id with a clean session wipes nothing
    QosShim intruder = new QosShim(sessions);
    intruder.fromClient(Unpooled.wrappedBuffer(RawMqtt.connect("ha", true)));
    intruder.fromMoquette(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 0, 5}), UnpooledByteBufAllocator.DEFAULT, toMoquette::add);

    // the client reconnects without subscribing again: its QoS 0 subscription still downgrades
    QosShim again = new QosShim(sessions);
    again.fromClient(Unpooled.wrappedBuffer(RawMqtt.connect("ha", false)));
    again.fromMoquette(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 1, 0}), UnpooledByteBufAllocator.DEFAULT, toMoquette::add);
    ByteBuf out = again.fromMoquette(Unpooled.wrappedBuffer(new byte[] {0x32, 8, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'x'}),
        UnpooledByteBufAllocator.DEFAULT, toMoquette::add);
    assertArrayEquals(new byte[] {0x30, 6, 0, 3, 'a', '/', 'b', 'x'}, ByteBufUtil.getBytes(out));
  }

  @Test
  void persistentSessions_beyondTheBound_notKept() {
    QosShim.Sessions sessions = new QosShim.Sessions();
    for (int i = 0; i < QosShim.Sessions.MAX_SESSIONS + 100; i++) {
      QosShim s = new QosShim(sessions);
      s.fromClient(Unpooled.wrappedBuffer(RawMqtt.connect("c" + i, false)));
      s.fromMoquette(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 0, 0}), UnpooledByteBufAllocator.DEFAULT, toMoquette::add);
    }
    assertEquals(QosShim.Sessions.MAX_SESSIONS, sessions.size());
  }

  @Test
  void matches_wildcardsAndDollarTopics() {
    assertEquals(true, MqttWire.matches("homeassistant/#", "homeassistant/sensor/x/config"));
    assertEquals(true, MqttWire.matches("a/+/c", "a/b/c"));
    assertEquals(false, MqttWire.matches("a/+", "a/b/c"));
    assertEquals(true, MqttWire.matches("a/#", "a"));
    assertEquals(false, MqttWire.matches("#", "$SYS/x"));
  }

  private void subscribe(String filter, int qos) {
    byte[] f = filter.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = new byte[2 + 2 + f.length + 1];
    body[1] = 9;
    body[3] = (byte) f.length;
    System.arraycopy(f, 0, body, 4, f.length);
    body[body.length - 1] = (byte) qos;
    shim.fromClient(Unpooled.wrappedBuffer(RawMqtt.packet(0x82, body)));
  }

  private ByteBuf fromMoquette(byte[] packet) {
    return shim.fromMoquette(Unpooled.wrappedBuffer(packet), UnpooledByteBufAllocator.DEFAULT, toMoquette::add);
  }
}
