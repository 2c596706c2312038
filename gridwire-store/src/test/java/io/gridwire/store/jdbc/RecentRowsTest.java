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
        case 0 -> text[i] = "t" + rnd.nextInt(100);
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
    assertThat(recent.bytes()).as("21 bytes a row, the series map at most half full").isEqualTo(60_000L * 21 + 8 * 8_192);
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
}
