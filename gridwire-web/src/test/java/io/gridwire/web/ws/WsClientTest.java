package io.gridwire.web.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WsClientTest {
  /** A socket whose writes complete only when the test says so. */
  static final class HeldSender implements WsClient.Sender {
    final List<String> written = new ArrayList<>();
    Runnable pending;
    boolean inline;

    @Override
    public void send(String text, Runnable done, Consumer<Throwable> failed) {
      written.add(text);
      if (inline) done.run();
      else pending = done;
    }

    void complete() {
      Runnable p = pending;
      pending = null;
      p.run();
    }
  }

  final HeldSender sender = new HeldSender();
  final List<WsClient> failed = new ArrayList<>();
  final WsClient client = new WsClient("c1", Set.of(), sender, 2, 2, failed::add);

  @Test
  void start_snapshotGoesFirst_thenBufferedLive() {
    sender.inline = true;
    client.offer("a", "live-a");
    assertThat(sender.written).isEmpty();
    client.start("snapshot");
    assertThat(sender.written).containsExactly("snapshot", "live-a");
  }

  @Test
  void offer_socketStalled_queueThenCoalescePerDeviceThenDrop() {
    client.start("snapshot"); // in flight, never completes
    client.offer("a", "a1");
    client.offer("b", "b1"); // queue (2) full
    client.offer("a", "a2"); // coalescing: a
    client.offer("a", "a3"); // replaces a2
    client.offer("c", "c1"); // coalescing: a, c (bound 2)
    client.offer("d", "d1"); // dropped
    client.offer(null, "event"); // dropped: events do not coalesce
    assertThat(client.coalesced()).isEqualTo(1);
    assertThat(client.dropped()).isEqualTo(2);
    assertThat(client.buffered()).isEqualTo(4);

    for (int i = 0; i < 4; i++) sender.complete();
    assertThat(sender.written).containsExactly("snapshot", "a1", "b1", "a3", "c1");
  }

  @Test
  void offer_whileCoalescing_sameDeviceNeverOvertakesOlder() {
    client.start("snapshot");
    client.offer("a", "a1");
    client.offer("b", "b1");
    client.offer("c", "c1"); // coalescing
    sender.complete(); // queue has room again, but c1 waits in coalescing
    client.offer("c", "c2"); // must replace c1, not jump ahead in the queue
    while (sender.pending != null) sender.complete();
    assertThat(sender.written).containsExactly("snapshot", "a1", "b1", "c2");
  }

  @Test
  void send_fails_clientClosedAndReported() {
    WsClient c = new WsClient("c2", Set.of("x"), (text, done, fail) -> fail.accept(new RuntimeException("reset")), 2, 2,
        failed::add);
    c.start("snapshot");
    assertThat(c.closed()).isTrue();
    assertThat(failed).containsExactly(c);
    assertThat(c.follows("x")).isTrue();
    assertThat(c.follows("y")).isFalse();
  }

  @Test
  void offer_idleClient_sendsOnDrainerNeverOnOfferingThread() {
    sender.inline = true;
    List<Runnable> drains = new ArrayList<>();
    WsClient c = new WsClient("c3", Set.of(), sender, 8, 8, failed::add, drains::add);
    c.start("snapshot"); // the connect thread sends the snapshot itself
    c.offer("a", "a1");
    c.offer("b", "b1"); // already scheduled: no second drain
    assertThat(sender.written).containsExactly("snapshot");
    assertThat(drains).hasSize(1);
    drains.remove(0).run();
    assertThat(sender.written).containsExactly("snapshot", "a1", "b1");
    c.offer("a", "a2"); // idle again: one new drain
    assertThat(drains).hasSize(1);
  }

  @Test
  void offer_drainerRejects_clientClosedAndReported() {
    WsClient c = new WsClient("c4", Set.of(), sender, 8, 8, failed::add, task -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    });
    sender.inline = true;
    c.start("snapshot");
    c.offer("a", "a1");
    assertThat(c.closed()).isTrue();
    assertThat(failed).containsExactly(c);
  }

  static String reading(String data) {
    return MetricsHub.READING_PREFIX + data + "}";
  }

  @Test
  void offer_batchingClient_consecutiveReadingsOneFrameInOrder_eventsAlone() {
    List<Runnable> drains = new ArrayList<>();
    WsClient c = new WsClient("c5", Set.of(), sender, 8, 8, failed::add, drains::add, 1024);
    c.start("snapshot"); // held
    c.offer("a", reading("{\"d\":\"a1\"}"));
    c.offer("b", reading("{\"d\":\"b1\"}"));
    c.offer(null, "{\"type\":\"event\"}");
    c.offer("a", reading("{\"d\":\"a2\"}"));
    c.offer("x", "{\"type\":\"reading\",\"node\":\"n2\",\"data\":{}}"); // remote: sent as it is
    while (sender.pending != null) sender.complete();
    assertThat(sender.written).containsExactly("snapshot",
        "{\"type\":\"readings\",\"data\":[{\"d\":\"a1\"},{\"d\":\"b1\"}]}",
        "{\"type\":\"event\"}",
        reading("{\"d\":\"a2\"}"),
        "{\"type\":\"reading\",\"node\":\"n2\",\"data\":{}}");
    assertThat(c.batched()).isEqualTo(1);
  }

  @Test
  void offer_batchingClient_frameBoundedByBatchChars() {
    WsClient c = new WsClient("c6", Set.of(), sender, 8, 8, failed::add, Runnable::run, 40);
    c.start("snapshot");
    for (int i = 0; i < 4; i++) c.offer("d" + i, reading("{\"n\":" + i + "}"));
    while (sender.pending != null) sender.complete();
    assertThat(sender.written).containsExactly("snapshot",
        "{\"type\":\"readings\",\"data\":[{\"n\":0},{\"n\":1}]}",
        "{\"type\":\"readings\",\"data\":[{\"n\":2},{\"n\":3}]}");
  }
}
