package io.gridwire.mqtt.broker;

import static io.gridwire.mqtt.broker.MqttWire.LEVEL_5;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes Moquette deliver QoS 0 subscriptions reliably. Moquette 0.18.3 sends a QoS 0 PUBLISH
 * only while its channel is under Netty's write-buffer high-water mark (64 KiB) and silently
 * drops it otherwise ({@code MQTTConnection.sendIfWritableElseDrop}); a subscription to a large
 * retained set, or a burst such as the discovery re-published after Home Assistant's birth
 * message, is always over that mark, so most of it was lost. QoS 1 deliveries instead wait in
 * Moquette's session queue until the channel is writable.
 *
 * <p>So the bridge subscribes at QoS 1 where the client asked for QoS 0, answers Moquette's QoS 1
 * PUBLISHes for those subscriptions itself (PUBACK), and hands them to the client as the QoS 0
 * PUBLISH it asked for; the SUBACK shows the QoS the client requested. A PUBLISH that also
 * matches a subscription the client made at QoS 1 or 2 passes unchanged. Shared subscriptions
 * ({@code $share/}) are left alone. The table survives a reconnect of a persistent session
 * ({@link Sessions}). One instance per client connection, used on its event loop.
 *
 * <p>The bridge acknowledges each packet id once, and only while the client is connected: once
 * the client has sent DISCONNECT it would acknowledge nothing more, and neither does the bridge;
 * those deliveries are dropped (Moquette discards a clean session's unacknowledged messages and
 * resends a persistent session's on reconnect). A PUBACK reaching Moquette 0.18.3 after the
 * DISCONNECT runs {@code Session.pubAckReceived} on a session already cleaned up, which releases
 * the message a second time ({@code IllegalReferenceCountException}) and ends that session event
 * loop: every client it serves hangs. A resend (DUP) of a packet id already acknowledged on this
 * connection is dropped too: the client has it, and Moquette has its PUBACK.
 */
final class QosShim {
  private final Sessions sessions;
  private int level = 4;
  private Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
  /** The CONNECT's client id and clean flag, until Moquette's CONNACK says whether it was accepted. */
  private String clientId;
  private boolean clean = true;
  /** Per pending SUBSCRIBE packet id: which of its filters were raised from QoS 0. */
  private final Map<Integer, List<Boolean>> raised = new HashMap<>();
  /** Packet ids the bridge acknowledged on this connection since Moquette last sent them fresh. */
  private final BitSet acked = new BitSet(65_536);
  private boolean disconnected;

  QosShim(Sessions sessions) {
    this.sessions = sessions;
  }

  /** The client's MQTT protocol level (4 for 3.1.1, 5) once its CONNECT was seen. */
  int level() {
    return level;
  }

  /** Inspects (and may rewrite in place) one whole packet from the client before Moquette sees it. */
  void fromClient(ByteBuf packet) {
    switch (MqttWire.type(packet)) {
      case MqttWire.CONNECT -> connect(packet);
      case MqttWire.SUBSCRIBE -> subscribe(packet);
      case MqttWire.UNSUBSCRIBE -> unsubscribe(packet);
      case MqttWire.DISCONNECT -> disconnected = true;
      default -> { }
    }
  }

  /**
   * One whole packet from Moquette: returns what the client gets instead (the same buffer, or a
   * new one after releasing it), or {@code null} after releasing it when the client gets nothing.
   * {@code toMoquette} receives the PUBACK the bridge answers with, at most once per delivery.
   */
  ByteBuf fromMoquette(ByteBuf packet, ByteBufAllocator alloc, java.util.function.Consumer<ByteBuf> toMoquette) {
    int type = MqttWire.type(packet);
    if (type == MqttWire.CONNACK) {
      connack(packet);
      return packet;
    }
    if (type == MqttWire.SUBACK) {
      suback(packet);
      return packet;
    }
    int qos = (packet.getUnsignedByte(packet.readerIndex()) >> 1) & 0x03;
    if (type != MqttWire.PUBLISH || qos != 1) return packet;
    int at = MqttWire.bodyStart(packet);
    String topic = MqttWire.string(packet, at);
    if (!clientWantsQos0(topic)) return packet;
    int idAt = MqttWire.skipString(packet, at);
    int packetId = packet.getUnsignedShort(idAt);
    boolean dup = (packet.getUnsignedByte(packet.readerIndex()) & 0x08) != 0;
    if (disconnected || dup && acked.get(packetId)) {
      packet.release();
      return null;
    }
    acked.set(packetId);
    ByteBuf ack = alloc.buffer(4);
    MqttWire.writeFixedHeader(ack, MqttWire.PUBACK << 4, 2);
    ack.writeShort(packetId);
    toMoquette.accept(ack);
    return downgrade(packet, idAt, alloc);
  }

  private boolean clientWantsQos0(String topic) {
    int best = -1;
    for (Map.Entry<String, Integer> s : subscriptions.entrySet()) {
      if (s.getValue() > best && MqttWire.matches(s.getKey(), topic)) best = s.getValue();
    }
    return best == 0;
  }

  /** The same PUBLISH at QoS 0: flags without QoS and DUP, no packet id. Releases {@code packet}. */
  private static ByteBuf downgrade(ByteBuf packet, int idAt, ByteBufAllocator alloc) {
    int first = packet.getUnsignedByte(packet.readerIndex()) & 0xF1; // keep type and RETAIN
    int bodyStart = MqttWire.bodyStart(packet);
    int end = packet.writerIndex();
    int remaining = end - bodyStart - 2;
    ByteBuf out = alloc.buffer(remaining + 5);
    MqttWire.writeFixedHeader(out, first, remaining);
    out.writeBytes(packet, bodyStart, idAt - bodyStart);
    out.writeBytes(packet, idAt + 2, end - idAt - 2);
    packet.release();
    return out;
  }

  private void connect(ByteBuf packet) {
    int at = MqttWire.skipString(packet, MqttWire.bodyStart(packet));
    level = packet.getUnsignedByte(at);
    clean = (packet.getUnsignedByte(at + 1) & 0x02) != 0;
    at += 4; // level, flags, keep-alive
    if (level == LEVEL_5) at = MqttWire.skipProperties(packet, at);
    clientId = MqttWire.string(packet, at);
  }

  /**
   * Only an accepted CONNECT touches the shared session tables: a refused one (wrong password,
   * a reserved client id) may neither create a table nor wipe another client's.
   */
  private void connack(ByteBuf packet) {
    int code = packet.getUnsignedByte(MqttWire.bodyStart(packet) + 1);
    if (code == 0 && clientId != null) subscriptions = sessions.accepted(clientId, clean, subscriptions);
  }

  private void subscribe(ByteBuf packet) {
    int end = packet.writerIndex();
    int at = MqttWire.bodyStart(packet);
    int packetId = packet.getUnsignedShort(at);
    at += 2;
    if (level == LEVEL_5) at = MqttWire.skipProperties(packet, at);
    List<Boolean> raisedHere = new ArrayList<>();
    while (at < end) {
      String filter = MqttWire.string(packet, at);
      at = MqttWire.skipString(packet, at);
      int options = packet.getUnsignedByte(at);
      boolean raise = (options & 0x03) == 0 && !filter.startsWith("$share/");
      if (!filter.startsWith("$share/")) subscriptions.put(filter, options & 0x03);
      if (raise) packet.setByte(at, options | 0x01);
      raisedHere.add(raise);
      at++;
    }
    raised.put(packetId, raisedHere);
  }

  private void unsubscribe(ByteBuf packet) {
    int end = packet.writerIndex();
    int at = MqttWire.bodyStart(packet) + 2;
    if (level == LEVEL_5) at = MqttWire.skipProperties(packet, at);
    while (at < end) {
      subscriptions.remove(MqttWire.string(packet, at));
      at = MqttWire.skipString(packet, at);
    }
  }

  private void suback(ByteBuf packet) {
    int at = MqttWire.bodyStart(packet);
    List<Boolean> raisedHere = raised.remove(packet.getUnsignedShort(at));
    if (raisedHere == null) return;
    at += 2;
    if (level == LEVEL_5) at = MqttWire.skipProperties(packet, at);
    for (int i = 0; i < raisedHere.size() && at + i < packet.writerIndex(); i++) {
      if (raisedHere.get(i) && packet.getUnsignedByte(at + i) == 1) packet.setByte(at + i, 0);
    }
  }

  /**
   * Subscription tables of persistent sessions, by client id, shared by the bridge's connections;
   * at most {@link #MAX_SESSIONS} (beyond that a new persistent session works, but its QoS 0
   * subscriptions are not remembered across its reconnects).
   */
  static final class Sessions {
    static final int MAX_SESSIONS = 10_000;
    private final Map<String, Map<String, Integer>> persistent = new ConcurrentHashMap<>();

    /**
     * The table for a client whose CONNECT was accepted: a clean session forgets any kept table;
     * a persistent one continues its kept table (with what it subscribed before the CONNACK).
     */
    Map<String, Integer> accepted(String clientId, boolean clean, Map<String, Integer> current) {
      if (clean || clientId.isEmpty()) {
        persistent.remove(clientId);
        return current;
      }
      Map<String, Integer> kept = persistent.get(clientId);
      if (kept == null) {
        if (persistent.size() >= MAX_SESSIONS) return current;
        kept = persistent.computeIfAbsent(clientId, k -> new ConcurrentHashMap<>());
      }
      kept.putAll(current);
      return kept;
    }

    int size() {
      return persistent.size();
    }
  }
}
