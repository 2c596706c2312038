package io.gridwire.modbus.client.digitalpetri;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty event loop every {@link DigitalpetriTcpTransport} of a poller shares: socket I/O,
 * the digitalpetri client's callbacks and request timeouts all run on its threads, so N devices
 * cost {@code threads} platform threads, not N. Reference-counted like the reactor: each
 * transport retains it, the last {@link #release} shuts it down. Thread-safe.
 */
public final class SharedEventLoop {
  private final EventLoopGroup group;
  private final AtomicInteger users = new AtomicInteger();

  /**
   * @param name thread name prefix
   * @param threads event loop threads (≥ 1); one serves thousands of Modbus TCP connections
   */
  public SharedEventLoop(String name, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1: " + threads);
    group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
  }

  EventLoopGroup group() {
    return group;
  }

  /**
   * One more transport uses this loop.
   *
   * @throws IllegalStateException once the last user released it (the loop is shut down)
   */
  public void retain() {
    if (group.isShuttingDown()) throw new IllegalStateException("the shared Modbus TCP event loop is shut down");
    users.incrementAndGet();
  }

  /** A transport is closed; the last one shuts the loop down (its channels are closed, timers dropped). */
  public void release() {
    if (users.decrementAndGet() <= 0) group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  /** Waits up to {@code d} for the loop's threads to end (tests). */
  public boolean awaitTermination(Duration d) throws InterruptedException {
    return group.awaitTermination(d.toNanos(), TimeUnit.NANOSECONDS);
  }
}
