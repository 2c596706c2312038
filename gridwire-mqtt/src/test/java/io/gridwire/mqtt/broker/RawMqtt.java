package io.gridwire.mqtt.broker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built MQTT 3.1.1 packets, for tests that control exactly how bytes hit the wire. */
final class RawMqtt {
  private RawMqtt() {}

  /** CONNECT, clean session, keep-alive 60 s. */
  static byte[] connect(String clientId) {
    return connect(clientId, true);
  }

  /** CONNECT, MQTT 3.1.1, no credentials; {@code clean} false asks for a persistent session. */
  static byte[] connect(String clientId, boolean clean) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4); // protocol level 3.1.1
    body.write(clean ? 0x02 : 0x00); // clean session flag
    body.write(0);
    body.write(60);
    writeString(body, clientId);
    return packet(0x10, body.toByteArray());
  }

  /** PUBLISH, QoS 1, retained. */
  static byte[] publishQos1Retained(String topic, int packetId, byte[] payload) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.writeBytes(payload);
    return packet(0x33, body.toByteArray());
  }

  /** Bytes of the fixed header (type byte plus remaining length) at the start of {@code packet}. */
  static int fixedHeaderLength(byte[] packet) {
    int i = 1;
    while ((packet[i] & 0x80) != 0) i++;
    return i + 1;
  }

  static byte[] packet(int firstByte, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(firstByte);
    int remaining = body.length;
    do {
      int digit = remaining % 128;
      remaining /= 128;
      out.write(remaining > 0 ? digit | 0x80 : digit);
    } while (remaining > 0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xFF);
    out.writeBytes(b);
  }
}
