package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectGateTest {
  private static final UnpooledByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
  private static final byte[] CONNACK_OK = {0x20, 2, 0, 0};
  private static final byte[] UNSUBACK = {(byte) 0xB0, 2, 0, 1};
  private final ConnectGate gate = new ConnectGate();

  @Test
  void packetsAfterConnect_heldUntilUnsubackOfTheBarrier_thenReleasedInOrder() {
    gate.connectSent();
    assertTrue(gate.holding());
    gate.hold(Unpooled.wrappedBuffer(new byte[] {(byte) 0x82, 1}));
    gate.hold(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC0, 0}));

    ByteBuf barrier = gate.onConnack(Unpooled.wrappedBuffer(CONNACK_OK), 4, ALLOC);
    assertArrayEquals(unsubscribe(false), ByteBufUtil.getBytes(barrier), "UNSUBSCRIBE sent to Moquette");
    assertTrue(gate.holding(), "held until the UNSUBACK");
    assertFalse(gate.isBarrierAnswer(Unpooled.wrappedBuffer(new byte[] {0x30, 3, 0, 1, 'a'})), "a PUBLISH is relayed");
    assertTrue(gate.isBarrierAnswer(Unpooled.wrappedBuffer(UNSUBACK)));

    ByteBuf held = gate.release(ALLOC);
    assertArrayEquals(new byte[] {(byte) 0x82, 1, (byte) 0xC0, 0}, ByteBufUtil.getBytes(held));
    assertFalse(gate.holding());
    assertFalse(gate.isBarrierAnswer(Unpooled.wrappedBuffer(UNSUBACK)), "the client's own UNSUBACK is relayed");
  }

  @Test
  void connack_mqtt5Client_barrierCarriesEmptyProperties() {
    gate.connectSent();
    ByteBuf barrier = gate.onConnack(Unpooled.wrappedBuffer(new byte[] {0x20, 3, 0, 0, 0}), 5, ALLOC);
    assertArrayEquals(unsubscribe(true), ByteBufUtil.getBytes(barrier));
  }

  @Test
  void connack_refused_noBarrierAndHeldPacketsDropped() {
    gate.connectSent();
    ByteBuf subscribe = Unpooled.wrappedBuffer(new byte[] {(byte) 0x82, 1});
    gate.hold(subscribe);
    assertNull(gate.onConnack(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 0, 5}), 4, ALLOC), "barrier after a refusal");
    assertFalse(gate.holding());
    assertEquals(0, subscribe.refCnt(), "references left on the held packet");
  }

  @Test
  void connack_beforeAnyConnect_passesWithoutBarrier() {
    assertNull(gate.onConnack(Unpooled.wrappedBuffer(CONNACK_OK), 4, ALLOC));
    assertFalse(gate.holding());
  }

  private static byte[] unsubscribe(boolean v5) {
    byte[] filter = ConnectGate.BARRIER_FILTER.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(0);
    body.write(1);
    if (v5) body.write(0);
    body.write(0);
    body.write(filter.length);
    body.writeBytes(filter);
    return RawMqtt.packet(0xA2, body.toByteArray());
  }
}
