package io.gridwire.mqtt.broker;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 3.1.1/5 wire primitives the {@link QosShim} reads: packet types, the variable
 * byte integer, UTF-8 strings, and topic-filter matching. Pure functions over a buffer; indexes
 * are absolute and never moved.
 */
final class MqttWire {
  static final int CONNECT = 1;
  static final int CONNACK = 2;
  static final int PUBLISH = 3;
  static final int PUBACK = 4;
  static final int SUBSCRIBE = 8;
  static final int SUBACK = 9;
  static final int UNSUBSCRIBE = 10;
  static final int DISCONNECT = 14;

  /** MQTT 5's protocol level; 3.1 is 3, 3.1.1 is 4. */
  static final int LEVEL_5 = 5;

  private MqttWire() {}

  static int type(ByteBuf packet) {
    return packet.getUnsignedByte(packet.readerIndex()) >> 4;
  }

  /** Index of the variable header: after the type byte and the remaining length. */
  static int bodyStart(ByteBuf packet) {
    int i = packet.readerIndex() + 1;
    while ((packet.getUnsignedByte(i) & 0x80) != 0) i++;
    return i + 1;
  }

  /** Value of the variable byte integer at {@code at}. */
  static int varInt(ByteBuf buf, int at) {
    int value = 0;
    int shift = 0;
    int b;
    do {
      b = buf.getUnsignedByte(at++);
      value |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0 && shift < 28);
    return value;
  }

  /** Bytes the variable byte integer at {@code at} takes. */
  static int varIntLength(ByteBuf buf, int at) {
    int n = 1;
    while ((buf.getUnsignedByte(at + n - 1) & 0x80) != 0 && n < 4) n++;
    return n;
  }

  /** Index just past an MQTT 5 property block starting at {@code at}. */
  static int skipProperties(ByteBuf buf, int at) {
    return at + varIntLength(buf, at) + varInt(buf, at);
  }

  /** The length-prefixed UTF-8 string at {@code at}. */
  static String string(ByteBuf buf, int at) {
    return buf.toString(at + 2, buf.getUnsignedShort(at), StandardCharsets.UTF_8);
  }

  /** Index just past the length-prefixed string at {@code at}. */
  static int skipString(ByteBuf buf, int at) {
    return at + 2 + buf.getUnsignedShort(at);
  }

  /** The fixed header bytes for a packet whose first byte is {@code first} and body {@code remaining} long. */
  static void writeFixedHeader(ByteBuf out, int first, int remaining) {
    out.writeByte(first);
    do {
      int digit = remaining % 128;
      remaining /= 128;
      out.writeByte(remaining > 0 ? digit | 0x80 : digit);
    } while (remaining > 0);
  }

  /**
   * Whether {@code topic} matches the subscription {@code filter} ({@code +} one level,
   * {@code #} the rest; topics starting with {@code $} match no leading wildcard).
   */
  static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) return true;
      if (i >= t.length) return false;
      if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
    }
    return f.length == t.length;
  }
}
