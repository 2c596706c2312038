package io.gridwire.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.MetricIndex;
import io.gridwire.core.reading.NoDataReason;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingBlockTest {
  private static final Instant T0 = Instant.parse("2026-02-02T00:00:00Z");
  private final MetricIndex metrics = new MetricIndex();

  private static Reading reading(String device, int values, int second) {
    Reading.Builder b = Reading.builder(device, T0.plusSeconds(second), T0.plusSeconds(second));
    for (int m = 0; m < values; m++) b.put("m" + m, (double) m);
    return b.build();
  }

  @Test
  void pack_blocksOfAtMostMaxValues_aReadingNeverSplit_gapsOneUnit() {
    List<Reading> in = new ArrayList<>();
    for (int d = 0; d < 10; d++) in.add(reading("g" + d, 30, d));
    in.add(new Reading("g0", T0.plusSeconds(60), T0.plusSeconds(60), Map.of("m0", Value.COMM_LOST), true));
    in.add(reading("big", 250, 61));

    List<ReadingBlock> blocks = ReadingBlock.pack(in, metrics, 100);

    assertThat(blocks).extracting(b -> b.values).containsExactly(90, 90, 90, 30, 250);
    assertThat(blocks).extracting(ReadingBlock::units).containsExactly(90, 90, 90, 31, 250);
    ReadingBlock withGap = blocks.get(3);
    assertThat(withGap.gapReason).containsExactly(null, "comm_lost");
    assertThat(withGap.end).containsExactly(30, 30);
    assertThat(withGap.device).containsExactly("g9", "g0");
  }

  /** The memory bound must see that narrow readings and texts cost far more a value than a genset's wide readings. */
  @Test
  void bytes_wideReadingsAbout13AValue_narrowAndTextReadingsMore() {
    ReadingBlock wide = ReadingBlock.pack(List.of(reading("g1", 640, 0), reading("g2", 640, 0)), metrics, 10_000).getFirst();
    List<Reading> narrow = new ArrayList<>();
    for (int i = 0; i < 50; i++) narrow.add(reading("sensor-" + i, 1, i));
    ReadingBlock one = ReadingBlock.pack(narrow, metrics, 10_000).getFirst();
    ReadingBlock text = ReadingBlock.pack(List.of(Reading.builder("g1", T0, T0).put("t", "x".repeat(1000)).build()), metrics,
        100).getFirst();

    assertThat((double) wide.bytes() / wide.values).isBetween(13.0, 14.0);
    assertThat((double) one.bytes() / one.values).isGreaterThan(60.0);
    assertThat(text.bytes()).isGreaterThan(1_000);
  }

  @Test
  void pack_keepsEveryKindOfValue() {
    Reading r = Reading.builder("g1", T0, T0).put("n", 2.5).put("b", true).put("t", "running")
        .put("x", Value.noData(NoDataReason.SENTINEL)).build();

    ReadingBlock b = ReadingBlock.pack(List.of(r), metrics, 100).getFirst();

    assertThat(b.num[0]).isEqualTo(2.5);
    assertThat(b.num[1]).isEqualTo(1.0);
    assertThat(b.kind[2]).isEqualTo(ReadingBlock.TEXT);
    assertThat(b.text(2)).isEqualTo("running");
    assertThat(b.kind[3]).isEqualTo(ReadingBlock.NO_DATA);
    assertThat(b.reason(3)).isEqualTo("sentinel");
    assertThat(b.metric).containsExactly(metrics.of("n"), metrics.of("b"), metrics.of("t"), metrics.of("x"));
    assertThat(b.ts).containsExactly(T0.toEpochMilli());
  }
}
