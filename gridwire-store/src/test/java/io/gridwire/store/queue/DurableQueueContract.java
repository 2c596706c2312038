package io.gridwire.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.port.QueueStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link DurableQueue} shares; subclasses supply the implementation. */
abstract class DurableQueueContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final QueueBounds LARGE = new QueueBounds(1_000_000, 512L << 20, "test.max");

  abstract DurableQueue open(QueueBounds bounds);

  static List<QueueEntry.Draft> drafts(int from, int to, Instant at) {
    List<QueueEntry.Draft> out = new ArrayList<>();
    for (int i = from; i < to; i++) out.add(QueueEntry.Draft.text("dev", at, "t/dev", "m" + i));
    return out;
  }

  static List<String> bodies(List<QueueEntry> es) {
    return es.stream().map(QueueEntry::text).toList();
  }

  @Test
  void read_afterAppend_inAppendOrderWithinRange() {
    try (DurableQueue o = open(LARGE)) {
      o.append(drafts(0, 5, T0));
      o.append(drafts(5, 10, T0));
      assertThat(o.lastSeq()).isEqualTo(10);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6",
          "m7", "m8", "m9");
      assertThat(bodies(o.read(3, 6, 100))).containsExactly("m3", "m4", "m5");
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 2))).containsExactly("m0", "m1");
      assertThat(o.stats().messages()).isEqualTo(10);
      assertThat(o.stats().oldest()).isEqualTo(T0);
    }
  }

  @Test
  void remove_someSeqs_removesOnlyThoseAndTracksBytes() {
    try (DurableQueue o = open(LARGE)) {
      o.append(drafts(0, 6, T0));
      long bytesBefore = o.stats().bytes();
      assertThat(o.remove(List.of(1L, 2L, 5L, 99L))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m2", "m3", "m5");
      assertThat(o.stats().messages()).isEqualTo(3);
      assertThat(o.stats().bytes()).isEqualTo(bytesBefore / 2);
    }
  }

  @Test
  void acknowledge_upToSeq_removesThatPrefixOnly() {
    try (DurableQueue o = open(LARGE)) {
      o.append(drafts(0, 5, T0));
      assertThat(o.acknowledge(3)).isEqualTo(3);
      assertThat(o.acknowledge(3)).isZero();
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m3", "m4");
      assertThat(o.stats().messages()).isEqualTo(2);
      assertThat(o.stats().bytes()).isEqualTo(2 * drafts(3, 4, T0).getFirst().size());
      assertThat(o.stats().dropped()).isZero();
    }
  }

  @Test
  void append_overCountBound_dropsOldestAndCounts() {
    try (DurableQueue o = open(new QueueBounds(5, 1 << 20, "test.max"))) {
      assertThat(o.append(drafts(0, 4, T0))).isZero();
      assertThat(o.append(drafts(4, 8, T0))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m3", "m4", "m5", "m6", "m7");
      assertThat(o.stats().dropped()).isEqualTo(3);
      assertThat(o.lastSeq()).isEqualTo(8);
    }
  }

  @Test
  void append_overByteBound_dropsOldest() {
    long one = drafts(1000, 1001, T0).getFirst().size();
    try (DurableQueue o = open(new QueueBounds(1000, one * 40, "test.max"))) {
      o.append(drafts(1000, 1043, T0));
      assertThat(o.stats().messages()).isEqualTo(40);
      assertThat(o.stats().bytes()).isEqualTo(one * 40);
      assertThat(o.stats().dropped()).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 1))).containsExactly("m1003");
    }
  }

  @Test
  void append_oneBatchLargerThanTheBound_keepsItsNewestEntries() {
    try (DurableQueue o = open(new QueueBounds(2, 1 << 20, "test.max"))) {
      assertThat(o.append(drafts(0, 5, T0))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m3", "m4");
    }
  }

  @Test
  void expire_olderThanCutoff_droppedOldestOnly() {
    try (DurableQueue o = open(LARGE)) {
      o.append(drafts(0, 3, T0));
      o.append(drafts(3, 5, T0.plusSeconds(60)));
      assertThat(o.expire(T0.plusSeconds(30))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m3", "m4");
      assertThat(o.stats().oldest()).isEqualTo(T0.plusSeconds(60));
      assertThat(o.stats().dropped()).isEqualTo(3);
    }
  }

  @Test
  void oldest_perKey_inAppendOrderAndCounted() {
    try (DurableQueue o = open(new QueueBounds(3, 1 << 20, "oig.backfill_max_frames"))) {
      for (int i = 0; i < 5; i++) {
        o.append(List.of(new QueueEntry.Draft(i % 2 == 0 ? "box" : "other", T0.plusSeconds(i), "tbl_actual",
            new byte[] {(byte) i})));
      }
      assertThat(o.stats().messages()).isEqualTo(3);
      assertThat(o.stats().dropped()).isEqualTo(2);
      QueueEntry first = o.oldest("box").orElseThrow();
      assertThat(first.payload()).containsExactly(2);
      assertThat(first.topic()).isEqualTo("tbl_actual");
      assertThat(first.createdAt()).isEqualTo(T0.plusSeconds(2));
      o.remove(List.of(first.seq()));
      assertThat(o.oldest("box").orElseThrow().payload()).containsExactly(4);
      assertThat(o.count("box")).isEqualTo(1);
      assertThat(o.count("other")).isEqualTo(1);
      assertThat(o.oldest("nobody")).isEmpty();
    }
  }

  @Test
  void payload_anyBytes_comeBackUnchanged() {
    byte[] raw = new byte[256];
    for (int i = 0; i < raw.length; i++) raw[i] = (byte) i;
    try (DurableQueue o = open(LARGE)) {
      o.append(List.of(new QueueEntry.Draft("box", T0, "", raw)));
      assertThat(o.read(0, Long.MAX_VALUE, 1).getFirst().payload()).isEqualTo(raw);
    }
  }

  @Test
  void stats_empty_noOldest() {
    try (DurableQueue o = open(LARGE)) {
      assertThat(o.stats()).isEqualTo(new QueueStats(0, 0, null, 0));
      assertThat(o.instanceId()).isNotBlank();
      assertThat(o.read(0, Long.MAX_VALUE, 10)).isEmpty();
    }
  }

  @Test
  void appendAndAcknowledge_concurrently_loseNothingAndKeepOrder() throws Exception {
    int writers = 4;
    int perWriter = 500;
    try (DurableQueue o = open(LARGE)) {
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        threads.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < perWriter; i += 10) o.append(drafts(id * perWriter + i, id * perWriter + i + 10, T0));
        }));
      }
      List<String> delivered = new ArrayList<>();
      long lastAcked = 0;
      while (delivered.size() < writers * perWriter) {
        List<QueueEntry> batch = o.read(lastAcked, Long.MAX_VALUE, 37);
        for (QueueEntry e : batch) {
          assertThat(e.seq()).isGreaterThan(lastAcked);
          delivered.add(e.text());
          lastAcked = e.seq();
        }
        o.acknowledge(lastAcked);
      }
      for (Thread t : threads) t.join();
      assertThat(delivered).doesNotHaveDuplicates().hasSize(writers * perWriter);
      for (int w = 0; w < writers; w++) { // each writer's entries stay in its order
        int id = w;
        List<Integer> mine = delivered.stream().map(s -> Integer.parseInt(s.substring(1)))
            .filter(n -> n / perWriter == id).toList();
        assertThat(mine).isSorted();
      }
      assertThat(o.stats().messages()).isZero();
      assertThat(o.stats().bytes()).isZero();
      assertThat(o.lastSeq()).isEqualTo(writers * perWriter);
    }
  }
}
