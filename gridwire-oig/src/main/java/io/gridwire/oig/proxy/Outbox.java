package io.gridwire.oig.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * The bytes one non-blocking channel has not taken yet: a write goes to the socket at once, what
 * the socket does not take waits here (with {@code OP_WRITE} interest) and goes, in order, when
 * the channel is writable. Bounded: a peer that stops reading fills it, and the caller closes the
 * connection. Loop only.
 */
final class Outbox {
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private final int limit;
  private int queued;

  /** @param limit most bytes waiting at once */
  Outbox(int limit) {
    this.limit = limit;
  }

  /** The most bytes that may wait. */
  int limit() {
    return limit;
  }

  /** Bytes waiting for the peer. */
  int queued() {
    return queued;
  }

  /**
   * Writes {@code bytes} (or queues what the socket does not take now); false when they would not
   * fit in the queue (nothing written: the caller closes the connection).
   */
  boolean write(SocketChannel channel, SelectionKey key, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (queue.isEmpty()) {
      channel.write(b);
      if (!b.hasRemaining()) return true;
    } else if (queued + b.remaining() > limit) {
      return false;
    }
    queue.addLast(b);
    queued += b.remaining();
    key.interestOpsOr(SelectionKey.OP_WRITE);
    return true;
  }

  /** The channel is writable: writes what waits; true when nothing waits any more (write interest dropped). */
  boolean flush(SocketChannel channel, SelectionKey key) throws IOException {
    for (ByteBuffer b; (b = queue.peekFirst()) != null; ) {
      int before = b.remaining();
      channel.write(b);
      queued -= before - b.remaining();
      if (b.hasRemaining()) return false;
      queue.pollFirst();
    }
    key.interestOpsAnd(~SelectionKey.OP_WRITE);
    return true;
  }
}
