package io.gridwire.uplink.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link Outbox} shares; subclasses supply the implementation. */
abstract class OutboxContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  abstract Outbox open(OutboxBounds bounds);

  static List<OutboxEntry.Draft> drafts(int from, int to, Instant at) {
    List<OutboxEntry.Draft> out = new ArrayList<>();
    for (int i = from; i < to; i++) out.add(new OutboxEntry.Draft("dev", at, "t/dev", "m" + i));
    return out;
  }

  static List<String> bodies(List<OutboxEntry> es) {
    return es.stream().map(OutboxEntry::body).toList();
  }

  @Test
  void read_afterAppend_inAppendOrderWithinRange() {
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
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
  void delete_someSeqs_removesOnlyThoseAndTracksBytes() {
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      o.append(drafts(0, 6, T0));
      long bytesBefore = o.stats().bytes();
      assertThat(o.delete(List.of(1L, 2L, 5L, 99L))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m2", "m3", "m5");
      assertThat(o.stats().messages()).isEqualTo(3);
      assertThat(o.stats().bytes()).isEqualTo(bytesBefore / 2);
    }
  }

  @Test
  void append_overCountBound_dropsOldestAndCounts() {
    try (Outbox o = open(new OutboxBounds(5, 1 << 20, Duration.ofDays(1)))) {
      assertThat(o.append(drafts(0, 4, T0))).isZero();
      assertThat(o.append(drafts(4, 8, T0))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m3", "m4", "m5", "m6", "m7");
      assertThat(o.stats().dropped()).isEqualTo(3);
    }
  }

  @Test
  void append_overByteBound_dropsOldest() {
    long one = drafts(1000, 1001, T0).getFirst().size();
    try (Outbox o = open(new OutboxBounds(1000, Math.max(1024, one * 40), Duration.ofDays(1)))) {
      int fit = (int) (Math.max(1024, one * 40) / one);
      o.append(drafts(1000, 1000 + fit + 3, T0));
      assertThat(o.stats().messages()).isEqualTo(fit);
      assertThat(o.stats().bytes()).isLessThanOrEqualTo(Math.max(1024, one * 40));
      assertThat(o.stats().dropped()).isEqualTo(3);
    }
  }

  @Test
  void expire_olderThanCutoff_droppedOldestOnly() {
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      o.append(drafts(0, 3, T0));
      o.append(drafts(3, 5, T0.plusSeconds(60)));
      assertThat(o.expire(T0.plusSeconds(30))).isEqualTo(3);
      assertThat(bodies(o.read(0, Long.MAX_VALUE, 100))).containsExactly("m3", "m4");
      assertThat(o.stats().oldest()).isEqualTo(T0.plusSeconds(60));
      assertThat(o.stats().dropped()).isEqualTo(3);
    }
  }

  @Test
  void stats_empty_noOldest() {
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      assertThat(o.stats()).isEqualTo(new OutboxStats(0, 0, null, 0));
      assertThat(o.instanceId()).isNotBlank();
    }
  }
}
