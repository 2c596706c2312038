package io.gridwire.mqtt.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's public MQTT/TCP listener: it cuts each client's byte stream into whole
 * MQTT packets ({@link MqttPacketFramer}) and hands them to Moquette over its WebSocket
 * transport on loopback, one WebSocket frame per batch of whole packets, relaying Moquette's
 * frames back as plain bytes.
 *
 * <p>Why: Netty 4.2.13's {@code MqttDecoder} (the CVE-2026-44248 fix) rejects a packet whose
 * variable header is split across two TCP reads: it compares {@code maxBytesInMessage} with
 * {@code ReplayingDecoderByteBuf.readableBytes()}, which is {@code Integer.MAX_VALUE - readerIndex},
 * so every such split throws {@code TooLongFrameException: message length exceeds 1048576: 813}
 * and Moquette closes the connection. Bursts of publishes make those splits certain (netty/netty
 * #16776, fixed upstream by #16787). Moquette 0.18.3 offers no hook into its TCP pipeline, but
 * its WebSocket transport feeds the decoder one frame at a time, so a frame holding only whole
 * packets never triggers the bug. Remove this bridge (and listen with Moquette directly) once
 * the project's Netty carries that fix. The bridge also adapts QoS 0 subscriptions
 * ({@link QosShim}) and holds a client's packets after CONNECT until Moquette is ready for them
 * ({@link ConnectGate}).
 *
 * <p>Thread-safe: start/close from one thread; relaying runs on the bridge's own event loops
 * (a client and its loopback connection share one loop). Moquette sees every client as
 * 127.0.0.1; the gateway does not use client addresses.
 */
final class FramingBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FramingBridge.class);

  private final String host;
  private final int port;
  private final URI backend;
  private final int maxPacketBytes;
  private final QosShim.Sessions sessions = new QosShim.Sessions();
  private EventLoopGroup group;
  private ChannelGroup channels;

  /**
   * @param host address the public listener binds
   * @param port its TCP port
   * @param backend Moquette's WebSocket endpoint, e.g. {@code ws://127.0.0.1:PORT/mqtt}
   * @param maxPacketBytes largest whole MQTT packet relayed, fixed header included; also the
   *     largest WebSocket frame either way
   */
  FramingBridge(String host, int port, URI backend, int maxPacketBytes) {
    this.host = host;
    this.port = port;
    this.backend = backend;
    this.maxPacketBytes = maxPacketBytes;
  }

  /** Binds the listener; blocks until bound. @throws IllegalStateException when it cannot bind */
  void start() {
    group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("gridwire-mqtt-bridge", true),
        NioIoHandler.newFactory());
    channels = new DefaultChannelGroup("gridwire-mqtt-bridge", GlobalEventExecutor.INSTANCE);
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.AUTO_READ, false) // read only once Moquette accepted the WebSocket
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            ch.pipeline().addLast("framer", new MqttPacketFramer(maxPacketBytes, maxPacketBytes))
                .addLast("relay", new ClientSide());
          }
        });
    try {
      Channel server = b.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
      channels.add(server);
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException("embedded MQTT broker cannot listen on " + host + ":" + port, e);
    }
  }

  /** Closes the listener and every relayed connection. Idempotent. */
  @Override
  public void close() {
    if (channels != null) channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (group != null) group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    channels = null;
    group = null;
  }

  /** A client's connection: opens the loopback WebSocket, then relays whole-packet chunks to it. */
  private final class ClientSide extends ChannelInboundHandlerAdapter {
    private final QosShim shim = new QosShim(sessions);
    private final ConnectGate gate = new ConnectGate();
    private Channel moquette;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      var handshaker = WebSocketClientHandshakerFactory.newHandshaker(backend, WebSocketVersion.V13, "mqtt", false,
          EmptyHttpHeaders.INSTANCE, maxPacketBytes);
      Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                  new WebSocketClientProtocolHandler(handshaker), new FrameContent(),
                  new MqttPacketFramer(maxPacketBytes, maxPacketBytes), new MoquetteSide(client, shim, gate));
            }
          });
      b.connect(backend.getHost(), backend.getPort()).addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          log.warn("embedded MQTT broker: loopback connection failed: {}", f.cause().toString());
          client.close();
        } else if (!client.isActive()) {
          f.channel().close();
        } else {
          moquette = f.channel();
        }
      });
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (moquette == null || !(msg instanceof ByteBuf chunk)) {
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      int end = chunk.writerIndex();
      int run = chunk.readerIndex(); // start of the packets not yet sent or held
      try {
        for (int at = run; at < end; ) {
          int length = MqttPacketFramer.packetLength(chunk, at, end);
          ByteBuf packet = chunk.slice(at, length);
          shim.fromClient(packet);
          if (gate.holding()) {
            gate.hold(chunk.retainedSlice(at, length));
            run = at + length;
          } else if (MqttWire.type(packet) == MqttWire.CONNECT) {
            toMoquette(chunk.retainedSlice(run, at + length - run));
            gate.connectSent();
            run = at + length;
          }
          at += length;
        }
        if (run < end) toMoquette(chunk.retainedSlice(run, end - run));
      } finally {
        chunk.release();
      }
    }

    private void toMoquette(ByteBuf packets) {
      moquette.write(new BinaryWebSocketFrame(packets), moquette.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (moquette != null) moquette.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (moquette != null) moquette.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      gate.releaseHeld();
      if (moquette != null) moquette.close();
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause.getCause() instanceof TooLongFrameException || cause instanceof TooLongFrameException) {
        log.warn("embedded MQTT broker: closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
      } else {
        log.debug("embedded MQTT broker: client {} failed", ctx.channel().remoteAddress(), cause);
      }
      ctx.close();
    }
  }

  /** Calls {@code action} with a slice of each whole packet in {@code chunk} (indexes not moved). */
  private static void forEachPacket(ByteBuf chunk, java.util.function.Consumer<ByteBuf> action) {
    int at = chunk.readerIndex();
    while (at < chunk.writerIndex()) {
      int length = MqttPacketFramer.packetLength(chunk, at, chunk.writerIndex());
      action.accept(chunk.slice(at, length));
      at += length;
    }
  }

  /** Moquette's WebSocket frames as the bytes they carry, for the framer behind. */
  private static final class FrameContent extends io.netty.handler.codec.MessageToMessageDecoder<WebSocketFrame> {
    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, java.util.List<Object> out) {
      if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
        out.add(frame.content().retain());
      }
    }
  }

  /** The loopback WebSocket to Moquette: starts the client reading, relays packets back as bytes. */
  private static final class MoquetteSide extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final QosShim shim;
    private final ConnectGate gate;
    private boolean open;

    MoquetteSide(Channel client, QosShim shim, ConnectGate gate) {
      this.client = client;
      this.shim = shim;
      this.gate = gate;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        open = true;
        client.config().setAutoRead(true);
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        log.warn("embedded MQTT broker: loopback WebSocket handshake timed out");
        ctx.close();
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof ByteBuf chunk)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      Channel moquette = ctx.channel();
      try {
        forEachPacket(chunk, packet -> {
          ByteBuf barrier = gate.onConnack(packet, shim.level(), ctx.alloc());
          if (barrier != null) moquette.write(new BinaryWebSocketFrame(barrier), moquette.voidPromise());
          if (gate.isBarrierAnswer(packet)) {
            ByteBuf held = gate.release(ctx.alloc());
            if (held != null) moquette.write(new BinaryWebSocketFrame(held), moquette.voidPromise());
            return;
          }
          ByteBuf out = shim.fromMoquette(packet.retain(), ctx.alloc(),
              ack -> moquette.write(new BinaryWebSocketFrame(ack), moquette.voidPromise()));
          if (out != null) client.write(out, client.voidPromise());
        });
      } finally {
        chunk.release();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
      ctx.channel().flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (open) client.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      gate.releaseHeld();
      client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("embedded MQTT broker: loopback connection failed", cause);
      ctx.close();
    }
  }
}
