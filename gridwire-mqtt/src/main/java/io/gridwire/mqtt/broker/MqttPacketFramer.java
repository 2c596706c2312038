package io.gridwire.mqtt.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts an MQTT byte stream into chunks that hold only whole control packets, so the decoder
 * behind it never sees a packet split inside its variable header (see {@link FramingBridge} for
 * why that matters with Netty 4.2.13). Consecutive packets are batched into one chunk of at most
 * {@code maxChunkBytes}. Works for MQTT 3.1, 3.1.1 and 5 (same fixed header). Not sharable: one
 * instance per channel, used on its event loop.
 */
final class MqttPacketFramer extends ByteToMessageDecoder {
  /** A fixed header is one type byte and 1 to 4 bytes of remaining length. */
  static final int MAX_FIXED_HEADER_BYTES = 5;

  static final int INCOMPLETE = -1;
  static final int MALFORMED = -2;

  private final int maxPacketBytes;
  private final int maxChunkBytes;

  /**
   * @param maxPacketBytes largest whole packet (fixed header included) let through; a larger one
   *     fails the channel with a {@link TooLongFrameException} without being buffered
   * @param maxChunkBytes largest chunk emitted; at least {@code maxPacketBytes}
   */
  MqttPacketFramer(int maxPacketBytes, int maxChunkBytes) {
    if (maxPacketBytes < 2) throw new IllegalArgumentException("maxPacketBytes < 2: " + maxPacketBytes);
    if (maxChunkBytes < maxPacketBytes) {
      throw new IllegalArgumentException("maxChunkBytes " + maxChunkBytes + " < maxPacketBytes " + maxPacketBytes);
    }
    this.maxPacketBytes = maxPacketBytes;
    this.maxChunkBytes = maxChunkBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws TooLongFrameException {
    int start = in.readerIndex();
    int end = start;
    int limit = in.writerIndex();
    while (end < limit) {
      int length = packetLength(in, end, limit);
      if (length == MALFORMED) {
        in.skipBytes(in.readableBytes());
        throw new TooLongFrameException("MQTT remaining length longer than 4 bytes");
      }
      if (length > maxPacketBytes) {
        in.skipBytes(in.readableBytes());
        throw new TooLongFrameException("MQTT packet of " + length + " bytes exceeds " + maxPacketBytes);
      }
      if (length == INCOMPLETE || length > limit - end || end + length - start > maxChunkBytes) break;
      end += length;
    }
    if (end > start) out.add(in.readRetainedSlice(end - start));
  }

  /**
   * The length in bytes of the whole packet starting at {@code from} (fixed header included),
   * {@link #INCOMPLETE} when its fixed header is not all in {@code [from, limit)}, or
   * {@link #MALFORMED} when its remaining length has more than 4 bytes. Does not move indexes.
   */
  static int packetLength(ByteBuf buf, int from, int limit) {
    int remaining = 0;
    int multiplier = 1;
    for (int i = 1; i < MAX_FIXED_HEADER_BYTES; i++) {
      if (from + i >= limit) return INCOMPLETE;
      int b = buf.getUnsignedByte(from + i);
      remaining += (b & 0x7F) * multiplier;
      if ((b & 0x80) == 0) return 1 + i + remaining;
      multiplier *= 128;
    }
    return MALFORMED;
  }
}
