package io.gridwire.core.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.buffer.CoalescingBuffer.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescingBufferTest {
  @Test
  void queuesUpToTheBound_thenKeepsTheLatestPerKey_thenDrops() {
    CoalescingBuffer<String> b = CoalescingBuffer.latestPerKey(2, 2);
    assertThat(b.offer("a", "a1")).isEqualTo(Result.QUEUED);
    assertThat(b.offer("b", "b1")).isEqualTo(Result.QUEUED);
    assertThat(b.offer("a", "a2")).isEqualTo(Result.QUEUED); // coalescing side
    assertThat(b.offer("a", "a3")).isEqualTo(Result.COALESCED);
    assertThat(b.offer("c", "c1")).isEqualTo(Result.QUEUED);
    assertThat(b.offer("d", "d1")).isEqualTo(Result.DROPPED);
    assertThat(b.size()).isEqualTo(4);

    List<String> out = new ArrayList<>();
    assertThat(b.drainTo(out, 10)).isEqualTo(4);
    assertThat(out).containsExactly("a1", "b1", "a3", "c1");
    assertThat(b.isEmpty()).isTrue();
  }

  @Test
  void whileCoalescing_newItemsNeverOvertakeOlderOnesOfTheirKey() {
    CoalescingBuffer<String> b = CoalescingBuffer.latestPerKey(1, 10);
    b.offer("a", "a1");
    b.offer("a", "a2"); // queue full: coalesced side
    assertThat(b.poll()).isEqualTo("a1"); // queue has room again
    assertThat(b.offer("a", "a3")).isEqualTo(Result.COALESCED); // but a2 waits, so a3 joins it
    assertThat(b.poll()).isEqualTo("a3");
    assertThat(b.poll()).isNull();
  }

  @Test
  void itemsWithoutKeyAreQueuedWhileThereIsRoom_elseDropped() {
    CoalescingBuffer<String> b = CoalescingBuffer.latestPerKey(1, 10);
    b.offer("a", "a1");
    b.offer("a", "a2");
    assertThat(b.offer(null, "event")).isEqualTo(Result.DROPPED);
    b.poll();
    assertThat(b.offer(null, "event")).isEqualTo(Result.QUEUED);
    assertThat(b.peek()).isEqualTo("event");
  }

  @Test
  void coalesceBoundZeroDrops() {
    CoalescingBuffer<String> b = CoalescingBuffer.latestPerKey(1, 0);
    b.offer("a", "a1");
    assertThat(b.offer("a", "a2")).isEqualTo(Result.DROPPED);
  }

  @Test
  void byteBound_oneItemAlwaysFits_mergesFollowTheMergedSize() {
    CoalescingBuffer<String> b = new CoalescingBuffer<>(10, 10, 5, String::length, (x, y) -> x + y);
    assertThat(b.offer("a", "1234567")).isEqualTo(Result.QUEUED); // alone, past the bound
    assertThat(b.offer("b", "1")).isEqualTo(Result.DROPPED);
    b.poll();
    assertThat(b.bytes()).isZero();
    b.offer("a", "123");
    assertThat(b.offer("b", "12")).isEqualTo(Result.QUEUED);
    assertThat(b.offer("c", "1")).isEqualTo(Result.DROPPED);
    b.addFirst("x");
    assertThat(b.bytes()).isEqualTo(6);
    b.clear();
    assertThat(b.bytes()).isZero();
  }

  @Test
  void mergeCombinesTheWaitingItem() {
    CoalescingBuffer<String> b = new CoalescingBuffer<>(1, 10, Long.MAX_VALUE, String::length, (x, y) -> x + "+" + y);
    b.offer("k", "q");
    b.offer("k", "1");
    b.offer("k", "2");
    assertThat(b.bytes()).isEqualTo(1 + 3);
    b.poll();
    assertThat(b.poll()).isEqualTo("1+2");
    assertThat(b.bytes()).isZero();
  }
}
