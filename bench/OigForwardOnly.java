import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The floor of the OIG benchmark: a proxy that only forwards bytes, box to cloud and back, on one
 * selector thread — the gateway's I/O design without parsing, readings, capture or history. What
 * it costs per frame is what any JVM proxy of this design pays before doing the gateway's work.
 * Run by the benchmark with the gateway's own java and JVM flags (source-file mode, no build):
 * {@code java OigForwardOnly.java LISTEN_PORT CLOUD_HOST CLOUD_PORT}.
 */
public final class OigForwardOnly {
  /** One socket of a box's pair: its key, the other socket, bytes read from it not yet written on. */
  private static final class Side {
    final SocketChannel channel;
    final ByteBuffer read = ByteBuffer.allocateDirect(64 * 1024);
    SelectionKey key;
    Side peer;
    /** The peer whose bytes this socket could not take at once (it waits for OP_WRITE), else null. */
    Side owed;

    Side(SocketChannel channel) {
      this.channel = channel;
    }
  }

  public static void main(String[] args) throws IOException {
    int listenPort = Integer.parseInt(args[0]);
    InetSocketAddress cloud = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
    try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", listenPort), 1024);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      while (true) {
        selector.select();
        turn(selector, server, cloud);
      }
    }
  }

  /** One wake-up of the loop: each ready key once. */
  private static void turn(Selector selector, ServerSocketChannel server, InetSocketAddress cloud) {
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      if (key.isAcceptable()) {
        accept(selector, server, cloud);
        continue;
      }
      Side side = (Side) key.attachment();
      try {
        if (key.isWritable()) flush(side);
        if (key.isValid() && key.isReadable()) forward(side);
      } catch (IOException | RuntimeException e) {
        close(side);
      }
    }
  }

  /** Takes every waiting box and opens its cloud connection; a box whose set-up fails is closed, not the proxy. */
  private static void accept(Selector selector, ServerSocketChannel server, InetSocketAddress cloud) {
    while (true) {
      SocketChannel box;
      try {
        box = server.accept();
      } catch (IOException e) { // e.g. out of file descriptors: retried on the next wake-up
        return;
      }
      if (box == null) return;
      SocketChannel up = null;
      try {
        up = SocketChannel.open(cloud); // a blocking connect: the benchmark's cloud is local
        Side a = new Side(box);
        Side b = new Side(up);
        a.peer = b;
        b.peer = a;
        for (Side s : new Side[] {a, b}) {
          s.channel.configureBlocking(false);
          s.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          s.key = s.channel.register(selector, SelectionKey.OP_READ, s);
        }
      } catch (IOException e) {
        closeQuietly(box);
        if (up != null) closeQuietly(up);
      }
    }
  }

  /**
   * Reads what {@code side} holds and writes it to its peer. A short write leaves the rest in
   * {@code side.read}: the peer waits for OP_WRITE to take it, and {@code side} is not read meanwhile.
   */
  private static void forward(Side side) throws IOException {
    ByteBuffer buf = side.read;
    buf.clear();
    if (side.channel.read(buf) < 0) {
      close(side);
      return;
    }
    buf.flip();
    side.peer.channel.write(buf);
    if (buf.hasRemaining()) {
      side.peer.owed = side;
      interest(side);
      interest(side.peer);
    }
  }

  /** Writes what {@code side} still owes its peer's reads; once all is taken both read again. */
  private static void flush(Side side) throws IOException {
    Side from = side.owed;
    if (from == null) return;
    side.channel.write(from.read);
    if (from.read.hasRemaining()) return;
    side.owed = null;
    interest(side);
    interest(from);
  }

  /**
   * A socket's interest from the state of the pair, never set piecemeal: it is read unless its
   * own bytes still wait in it for the peer, and written while it owes the peer's bytes.
   */
  private static void interest(Side s) {
    s.key.interestOps((s.peer.owed == s ? 0 : SelectionKey.OP_READ) | (s.owed != null ? SelectionKey.OP_WRITE : 0));
  }

  private static void close(Side side) {
    closeQuietly(side.channel);
    closeQuietly(side.peer.channel);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
