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

  /** One wake-up of the loop (a method of its own so that it is compiled, not run interpreted). */
  private static void turn(Selector selector, ServerSocketChannel server, InetSocketAddress cloud) {
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      try {
        if (key.isAcceptable()) {
          accept(selector, server, cloud);
          continue;
        }
        Side side = (Side) key.attachment();
        if (key.isWritable()) flush(side);
        if (key.isValid() && key.isReadable()) forward(side);
      } catch (IOException | RuntimeException e) {
        close((Side) key.attachment());
      }
    }
  }

  private static void accept(Selector selector, ServerSocketChannel server, InetSocketAddress cloud)
      throws IOException {
    for (SocketChannel box; (box = server.accept()) != null; ) {
      SocketChannel up;
      try {
        up = SocketChannel.open(cloud); // a blocking connect: the benchmark's cloud is local
      } catch (IOException e) {
        box.close();
        continue;
      }
      Side a = new Side(box);
      Side b = new Side(up);
      a.peer = b;
      b.peer = a;
      for (Side s : new Side[] {a, b}) {
        s.channel.configureBlocking(false);
        s.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        s.key = s.channel.register(selector, SelectionKey.OP_READ, s);
      }
    }
  }

  /**
   * Reads what {@code side} holds and writes it to its peer; a short write pauses {@code side}
   * until the peer took the rest.
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
      side.key.interestOps(0);
      side.peer.owed = side;
      side.peer.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  private static void flush(Side side) throws IOException {
    Side from = side.owed;
    if (from == null) return;
    side.channel.write(from.read);
    if (from.read.hasRemaining()) return;
    side.owed = null;
    side.key.interestOps(SelectionKey.OP_READ);
    from.key.interestOps(SelectionKey.OP_READ);
  }

  private static void close(Side side) {
    for (Side s : new Side[] {side, side.peer}) {
      try {
        s.channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
