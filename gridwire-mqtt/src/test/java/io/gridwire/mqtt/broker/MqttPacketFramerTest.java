package io.gridwire.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MqttPacketFramerTest {
  private static final int MAX = EmbeddedBroker.MAX_PACKET_BYTES;
  private static final byte[] PUBLISH =
      RawMqtt.publishQos1Retained("homeassistant/sensor/dev1/p_ac/config", 7, new byte[800]);
  private static final int CUT = RawMqtt.fixedHeaderLength(PUBLISH) + 10; // inside the topic name

  /**
   * Documents the Netty 4.2.13 bug the framer works around (netty/netty#16776). When this fails,
   * Netty is fixed: drop {@link FramingBridge} and let Moquette listen on TCP again.
   */
  @Test
  void nettyMqttDecoderAlone_publishSplitInsideTopic_rejectsValidPacket() {
    EmbeddedChannel ch = new EmbeddedChannel(new MqttDecoder(EmbeddedBroker.MAX_MESSAGE_BYTES));
    ch.writeInbound(Unpooled.wrappedBuffer(PUBLISH, 0, CUT));
    ch.writeInbound(Unpooled.wrappedBuffer(PUBLISH, CUT, PUBLISH.length - CUT));
    MqttMessage m = ch.readInbound();
    assertTrue(m.decoderResult().isFailure(), "Netty's MqttDecoder accepts split packets now: remove FramingBridge");
    assertInstanceOf(TooLongFrameException.class, m.decoderResult().cause());
    ch.finishAndReleaseAll();
  }

  @Test
  void framerThenDecoder_publishSplitInsideTopic_decodesIt() {
    EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketFramer(MAX, MAX), new MqttDecoder(EmbeddedBroker.MAX_MESSAGE_BYTES));
    for (int i = 0; i < PUBLISH.length; i += 5) { // worst case: 5-byte reads
      ch.writeInbound(Unpooled.wrappedBuffer(PUBLISH, i, Math.min(5, PUBLISH.length - i)));
    }
    MqttPublishMessage m = ch.readInbound();
    assertTrue(m.decoderResult().isSuccess(), () -> m.decoderResult().cause().toString());
    assertEquals("homeassistant/sensor/dev1/p_ac/config", m.variableHeader().topicName());
    assertEquals(800, m.payload().readableBytes());
    m.release();
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void framer_packetsAcrossWrites_emitsOnlyWholePacketsBatched() {
    EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketFramer(MAX, MAX));
    byte[] three = concat(PUBLISH, PUBLISH, PUBLISH);
    int firstCut = PUBLISH.length + CUT; // one whole packet, then part of the second
    ch.writeInbound(Unpooled.wrappedBuffer(three, 0, firstCut));
    ch.writeInbound(Unpooled.wrappedBuffer(three, firstCut, three.length - firstCut));
    assertArrayEquals(PUBLISH, drain(ch.readInbound()));
    assertArrayEquals(concat(PUBLISH, PUBLISH), drain(ch.readInbound()));
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void framer_chunkLimit_splitsBatchAtPacketBoundary() {
    EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketFramer(PUBLISH.length, PUBLISH.length + 10));
    ch.writeInbound(Unpooled.wrappedBuffer(concat(PUBLISH, PUBLISH)));
    assertArrayEquals(PUBLISH, drain(ch.readInbound()));
    assertArrayEquals(PUBLISH, drain(ch.readInbound()));
    ch.finishAndReleaseAll();
  }

  @Test
  void framer_packetOverLimit_failsFromItsHeaderAlone() {
    EmbeddedChannel ch = new EmbeddedChannel(new MqttPacketFramer(PUBLISH.length - 1, MAX));
    DecoderException e = assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.wrappedBuffer(PUBLISH, 0, 4)));
    assertInstanceOf(TooLongFrameException.class, e);
    ch.finishAndReleaseAll();
  }

  @Test
  void packetLength_fiveByteRemainingLength_malformed() {
    ByteBuf b = Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1});
    assertEquals(MqttPacketFramer.MALFORMED, MqttPacketFramer.packetLength(b, 0, b.writerIndex()));
    assertEquals(MqttPacketFramer.INCOMPLETE, MqttPacketFramer.packetLength(b, 0, 3));
    assertEquals(2, MqttPacketFramer.packetLength(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC0, 0}), 0, 2));
  }

  private static byte[] drain(ByteBuf b) {
    byte[] bytes = ByteBufUtil.getBytes(b);
    ReferenceCountUtil.release(b);
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
