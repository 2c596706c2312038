package io.gridwire.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Recent rows against a plain model: many series, several chunks, repeats and late rows. */
class RecentRowsTest {
  private static final String[] REASONS = {"comm_lost", "invalid", "stale"};

  /** (series, ts) → first arrival, as "num|text|reason". */
  private final TreeMap<Long, String> model = new TreeMap<>();
  private final Random rnd = new Random(11);
  /** What the texts of the batches made cost in {@link RecentRows#bytes}. */
  private long textBytes;

  private HistoryRows batch(int rows) {
    int[] series = new int[rows];
    long[] ts = new long[rows];
    Double[] num = new Double[rows];
    String[] text = new String[rows];
    String[] reason = new String[rows];
    for (int i = 0; i < rows; i++) {
      series[i] = 1 + rnd.nextInt(3_000) * 7; // sparse ids: the map rehashes several times
      ts[i] = 1_000_000L + rnd.nextInt(40_000) * 10L; // repeats within and across batches
      switch (rnd.nextInt(10)) {
        case 0 -> {
          text[i] = "t" + rnd.nextInt(100);
          textBytes += RecentRows.BYTES_PER_TEXT + 2L * text[i].length();
        }
        case 1 -> reason[i] = REASONS[rnd.nextInt(REASONS.length)];
        default -> num[i] = rnd.nextGaussian() * 100;
      }
      model.putIfAbsent(((long) series[i] << 40) | ts[i], num[i] + "|" + text[i] + "|" + reason[i]);
    }
    return HistoryRows.ofColumns(series, ts, num, text, reason);
  }

  @Test
  void addManyBatches_seriesAndKeyOrderAnswerTheFirstArrivals() throws Exception {
    RecentRows recent = new RecentRows();
    for (int b = 0; b < 12; b++) recent.add(batch(5_000)); // 60,000 rows: four chunks

    assertThat(recent.size()).isEqualTo(60_000);
    assertThat(recent.bytes()).as("21 bytes a row, the series map at most half full, the texts")
        .isEqualTo(60_000L * 21 + 8 * 8_192 + textBytes);
    List<String> folded = new ArrayList<>();
    recent.forEachInKeyOrder((id, t, v, text, reason) ->
        folded.add(id + "@" + t + "=" + (text == null && reason == null ? v : null) + "|" + text + "|" + reason));
    List<String> expected = new ArrayList<>();
    for (Map.Entry<Long, String> e : model.entrySet()) expected.add((e.getKey() >>> 40) + "@" + (e.getKey() & ((1L << 40) - 1)) + "=" + e.getValue());
    assertThat(folded).isEqualTo(expected);

    int id = 1 + 1_234 * 7;
    List<String> one = new ArrayList<>();
    for (RecentRows.Row r : recent.of(id)) one.add(id + "@" + r.ts() + "=" + r.num() + "|" + r.reason());
    List<String> modelOne = new ArrayList<>();
    model.subMap((long) id << 40, (long) (id + 1) << 40).forEach((k, v) -> {
      String[] f = v.split("\\|");
      modelOne.add(id + "@" + (k & ((1L << 40) - 1)) + "=" + f[0] + "|" + f[2]);
    });
    assertThat(one).isNotEmpty().isEqualTo(modelOne);
    assertThat(recent.of(2)).isEmpty();

    recent.clear();
    assertThat(recent.size()).isZero();
    assertThat(recent.bytes()).isEqualTo(8 * 1_024);
    assertThat(recent.of(id)).isEmpty();
  }

  /**
   * A Box replaying its queue sends older times after newer ones, again and again: 100 rounds of
   * the same 2,000 times, each round's values new. Each time comes once, ascending, with its first
   * arrival's value; and in well under the seconds an insertion sort of 200,000 such rows took.
   */
  @Test
  void forEachInKeyOrder_seriesReplayedOutOfOrderManyTimes_sortedFirstArrivalsFast() throws Exception {
    RecentRows recent = new RecentRows();
    int times = 2_000;
    int rounds = 100;
    for (int round = 0; round < rounds; round++) {
      int[] series = new int[times];
      long[] ts = new long[times];
      Double[] num = new Double[times];
      for (int i = 0; i < times; i++) {
        series[i] = 42;
        ts[i] = 1_796_000_000_000L + i * 1_000L;
        num[i] = round * 10_000.0 + i;
      }
      recent.add(HistoryRows.ofColumns(series, ts, num, new String[times], new String[times]));
    }
    List<long[]> got = new ArrayList<>();
    long t0 = System.nanoTime();
    recent.forEachInKeyOrder((id, t, v, text, reason) -> got.add(new long[] {id, t, (long) v}));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(got).hasSize(times);
    for (int i = 0; i < times; i++) {
      assertThat(got.get(i)).containsExactly(42, 1_796_000_000_000L + i * 1_000L, i); // round 0's value: the first arrival
    }
    assertThat(millis).as("200,000 rows out of order sorted in n log n, not n squared").isLessThan(5_000);
  }

  /** Times spanning more than a packed sort key holds (a device clock at 1970, then now) still sort, stable. */
  @Test
  void forEachInKeyOrder_timesSpanningDecades_sortedStable() throws Exception {
    RecentRows recent = new RecentRows();
    long[] ts = {1_796_000_000_000L, 5_000L, 1_796_000_000_000L, 1_000L, 5_000L};
    Double[] num = {1.0, 2.0, 3.0, 4.0, 5.0};
    recent.add(HistoryRows.ofColumns(new int[] {7, 7, 7, 7, 7}, ts, num, new String[5], new String[5]));
    List<String> got = new ArrayList<>();
    recent.forEachInKeyOrder((id, t, v, text, reason) -> got.add(t + "=" + v));
    assertThat(got).containsExactly("1000=4.0", "5000=2.0", "1796000000000=1.0");

    RecentRows extreme = new RecentRows(); // a span that overflows a long: the boxed sort, not a wrapped key
    extreme.add(HistoryRows.ofColumns(new int[] {7, 7, 7}, new long[] {Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 0},
        new Double[] {1.0, 2.0, 3.0}, new String[3], new String[3]));
    List<Long> times = new ArrayList<>();
    extreme.forEachInKeyOrder((id, t, v, text, reason) -> times.add(t));
    assertThat(times).containsExactly(Long.MIN_VALUE + 1, 0L, Long.MAX_VALUE - 1);
  }
}
