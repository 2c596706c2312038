package io.gridwire.mqtt.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Holds a client's packets after its CONNECT until Moquette can take them. Moquette 0.18.3
 * marks a connection connected in a listener it adds to the CONNACK write
 * ({@code MQTTConnection.executeConnect}) after the write was queued; when its session thread is
 * descheduled in between, the listener runs later as a task, and a SUBSCRIBE the client sent
 * on receipt of the CONNACK is rejected ("SUBSCRIBE received on already closed connection") and
 * the connection dropped. So on a successful CONNACK the bridge sends Moquette an UNSUBSCRIBE of
 * a filter no client uses: Moquette answers it from the same session thread, after that
 * listener task was queued, so its UNSUBACK means the connection is ready; the held packets
 * follow. That UNSUBACK is the bridge's and not relayed. One instance per client connection,
 * used on its event loop.
 */
final class ConnectGate {
  /** The filter the bridge unsubscribes from; {@code $} keeps it away from every wildcard. */
  static final String BARRIER_FILTER = "$gridwire/bridge/ready";
  private static final int BARRIER_PACKET_ID = 1;
  private static final int CONNACK = 2;
  private static final int UNSUBACK = 11;

  private enum State { OPEN, AWAITING_CONNACK, AWAITING_UNSUBACK }

  private State state = State.OPEN;
  private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();

  /** Whether packets from the client must wait ({@link #hold}) instead of going to Moquette. */
  boolean holding() {
    return state != State.OPEN;
  }

  /** The client's CONNECT went to Moquette: hold what follows until Moquette is ready. */
  void connectSent() {
    state = State.AWAITING_CONNACK;
  }

  /** Keeps {@code packet} (the gate owns it) until {@link #release}. */
  void hold(ByteBuf packet) {
    held.add(packet);
  }

  /**
   * One whole packet from Moquette, before the client sees it. Returns the UNSUBSCRIBE to send
   * Moquette after a successful CONNACK, else {@code null}.
   */
  ByteBuf onConnack(ByteBuf packet, int level, ByteBufAllocator alloc) {
    if (state != State.AWAITING_CONNACK || MqttWire.type(packet) != CONNACK) return null;
    int code = packet.getUnsignedByte(MqttWire.bodyStart(packet) + 1);
    if (code != 0) { // refused: Moquette closes; nothing held may reach it
      state = State.OPEN;
      releaseHeld();
      return null;
    }
    state = State.AWAITING_UNSUBACK;
    return barrier(level, alloc);
  }

  /** Whether {@code packet} from Moquette is the answer to the bridge's UNSUBSCRIBE (not relayed). */
  boolean isBarrierAnswer(ByteBuf packet) {
    return state == State.AWAITING_UNSUBACK && MqttWire.type(packet) == UNSUBACK;
  }

  /** Opens the gate: the held packets, in order, as one buffer for Moquette ({@code null} if none). */
  ByteBuf release(ByteBufAllocator alloc) {
    state = State.OPEN;
    if (held.isEmpty()) return null;
    CompositeByteBuf out = alloc.compositeBuffer(held.size());
    while (!held.isEmpty()) out.addComponent(true, held.poll());
    return out;
  }

  /** Drops what is held (the connection closed). */
  void releaseHeld() {
    while (!held.isEmpty()) held.poll().release();
  }

  private static ByteBuf barrier(int level, ByteBufAllocator alloc) {
    byte[] filter = BARRIER_FILTER.getBytes(StandardCharsets.UTF_8);
    boolean v5 = level == MqttWire.LEVEL_5;
    int remaining = 2 + (v5 ? 1 : 0) + 2 + filter.length;
    ByteBuf out = alloc.buffer(remaining + 2);
    MqttWire.writeFixedHeader(out, 0xA2, remaining);
    out.writeShort(BARRIER_PACKET_ID);
    if (v5) out.writeByte(0); // no properties
    out.writeShort(filter.length);
    out.writeBytes(filter);
    return out;
  }
}
