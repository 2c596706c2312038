package io.gridwire.modbus.client.digitalpetri;

import io.gridwire.modbus.codec.MbapHeader;
import io.gridwire.modbus.codec.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * First inbound handler of a digitalpetri Modbus TCP channel: passes whole, plausible MBAP
 * frames on to digitalpetri's {@code ModbusTcpCodec}, which trusts the length field of whatever
 * arrives (a stray byte would shift every later frame). Checks the header before buffering a
 * body; a bad header or an answer to our request from another unit is reported to the
 * transport, and a bad header closes the connection (resynchronise on a fresh one). Also reports
 * a connection that ends or fails, and whether it ended mid-frame. Event loop only.
 *
 * <pre>
 *  [tid 2][protocol 2 = 0][length 2 = 2..254][unit 1][PDU length−1]  → one frame downstream
 * </pre>
 */
final class MbapGuard extends ByteToMessageDecoder {
  /** What the guard tells its transport. */
  interface Listener {
    /** The unit the request with transaction id {@code tid} went to, or -1 when none is awaited. */
    int awaitedUnit(int tid);

    /** The connection {@code channel} failed its current request with {@code outcome}; no further request on it. */
    void broken(Channel channel, Outcome outcome);

    /** The answer to the current request on {@code channel} was {@code outcome}; the connection stays usable. */
    void rejected(Channel channel, Outcome.Malformed outcome);
  }

  private final Listener listener;
  private final byte[] head = new byte[7];

  MbapGuard(Listener listener) {
    this.listener = listener;
  }

  /** True while part of a frame is buffered (a timeout then leaves the stream out of step). */
  boolean midFrame() {
    return actualReadableBytes() > 0;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.readableBytes() >= head.length) {
      in.getBytes(in.readerIndex(), head);
      Outcome.Malformed bad = MbapHeader.check(head, 0, MbapHeader.MAX_LENGTH);
      if (bad != null) {
        in.skipBytes(in.readableBytes());
        ctx.close(); // before the report, so the caller woken by it already sees the connection closed
        listener.broken(ctx.channel(), bad);
        return;
      }
      int frame = 6 + MbapHeader.length(head, 0);
      if (in.readableBytes() < frame) return;
      int unit = head[6] & 0xFF;
      int awaited = listener.awaitedUnit(MbapHeader.tid(head, 0));
      if (awaited >= 0 && unit != awaited) {
        in.skipBytes(frame);
        listener.rejected(ctx.channel(), new Outcome.Malformed("answer from unit " + unit + ", expected " + awaited));
      } else {
        out.add(in.readRetainedSlice(frame));
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    boolean mid = midFrame();
    listener.broken(ctx.channel(), new Outcome.TransportDown("connection closed by peer" + (mid ? " mid-answer" : "")));
    super.channelInactive(ctx);
  }

  /** I/O errors (reset by peer ...) end the connection quietly: the outcome carries the reason. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
    listener.broken(ctx.channel(), new Outcome.TransportDown(String.valueOf(cause.getMessage())));
  }
}
