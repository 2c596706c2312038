package io.gridwire.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History through the journal answers exactly as history written straight to the table: the same
 * series with its rows all folded, all in the journal (memory), or split by folds.
 */
class SqliteHistoryFoldTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Duration SPAN = Duration.ofHours(8);
  private static final Duration NEVER = Duration.ofDays(365);

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0.plus(SPAN).plusSeconds(60));
  private final List<SqliteDatabase> opened = new ArrayList<>();

  @AfterEach
  void close() {
    for (SqliteDatabase db : opened) db.close();
  }

  private SqliteHistoryStore store(String name, Duration foldEvery, int foldRows) {
    SqliteDatabase db = SqliteDatabase.open(dir.resolve(name + ".db"));
    opened.add(db);
    return new SqliteHistoryStore(db, clock, foldEvery, foldRows);
  }

  /**
   * Every 10 s over {@link #SPAN}: numbers with plateaus, a text now and then, no-data rows, an
   * outage as a gap mark, and a replay of earlier times with other values (the first stays).
   */
  private static List<List<Reading>> batches() {
    Random rnd = new Random(7);
    List<List<Reading>> out = new ArrayList<>();
    List<Reading> batch = new ArrayList<>();
    double v = 50;
    for (int i = 0; i < SPAN.toSeconds() / 10; i++) {
      Instant t = T0.plusSeconds(10L * i);
      if (rnd.nextInt(4) == 0) v = Math.round((v + rnd.nextGaussian() * 5) * 10) / 10.0;
      if (i % 500 == 250) batch.add(new Reading("d1", t, t, Map.of("p", Value.COMM_LOST), true));
      else if (i % 97 == 0) batch.add(Reading.of("d1", t, t, Map.of("p", Value.of("text " + i))));
      else if (i % 89 == 0) batch.add(Reading.of("d1", t, t, Map.of("p", Value.COMM_LOST)));
      else batch.add(Reading.of("d1", t, t, Map.of("p", Value.of(v), "q", Value.of(i))));
      if (batch.size() == 200) {
        if (out.size() % 3 == 2) {
          Instant r = t.minusSeconds(3_990); // replays times of the batch before: ignored, the first arrival wins
          for (int k = 0; k < 20; k++) batch.add(Reading.of("d1", r.plusSeconds(10L * k), r, Map.of("p", Value.of(-1.0))));
        }
        out.add(batch);
        batch = new ArrayList<>();
      }
    }
    out.add(batch);
    return out;
  }

  /** The queries every way of storing must answer alike: raw with limits, bucketed, 1-min and 1-h roll-ups. */
  private static List<HistoryQuery> queries() {
    List<HistoryQuery> q = new ArrayList<>();
    Instant end = T0.plus(SPAN);
    for (String m : List.of("p", "q")) {
      q.add(new HistoryQuery("d1", m, T0, end, null, 100_000));
      q.add(new HistoryQuery("d1", m, T0.plusSeconds(5), end, null, 7));
      q.add(new HistoryQuery("d1", m, T0.plusSeconds(7_203), end, null, 1));
      q.add(new HistoryQuery("d1", m, end.minusSeconds(3_605), end.plusSeconds(60), null, 500));
      q.add(new HistoryQuery("d1", m, end.minusSeconds(3_605), end, Duration.ofSeconds(45), 10_000));
      q.add(new HistoryQuery("d1", m, T0.plusSeconds(2_501), T0.plusSeconds(2_501 + 5_000), Duration.ofSeconds(30), 10_000));
      q.add(new HistoryQuery("d1", m, T0.plusSeconds(90), end, Duration.ofMinutes(5), 10_000));
      q.add(new HistoryQuery("d1", m, T0, end.plusSeconds(60), Duration.ofHours(1), 10_000));
      q.add(new HistoryQuery("d1", m, T0.plusSeconds(1_800), end, Duration.ofMinutes(20), 10_000));
    }
    return q;
  }

  private static List<HistoryResult> answers(SqliteHistoryStore s) {
    List<HistoryResult> out = new ArrayList<>();
    for (HistoryQuery q : queries()) out.add(s.query(q));
    return out;
  }

  private static void append(SqliteHistoryStore s, List<List<Reading>> batches, int from, int to) {
    for (int b = from; b < to; b++) s.append(batches.get(b));
  }

  @Test
  void query_rowsFoldedInJournalOrSplit_answerAlike() {
    List<List<Reading>> batches = batches();
    int n = batches.size();
    SqliteHistoryStore folded = store("folded", NEVER, Integer.MAX_VALUE);
    append(folded, batches, 0, n);
    folded.rollUp(T0.plus(SPAN));
    List<HistoryResult> expected = answers(folded);
    assertThat(expected.getFirst().points()).hasSizeGreaterThan(2_000);
    assertThat(expected).extracting(HistoryResult::resolution).contains("raw", "bucketed", "1m", "1h");

    List<HistoryResult> plain = withoutRollups();

    SqliteHistoryStore journaled = store("journaled", NEVER, Integer.MAX_VALUE);
    append(journaled, batches, 0, n);
    assertThat(journaled.recentRows()).isGreaterThan(4_000);
    assertAlike(answers(journaled), plain);

    SqliteHistoryStore split = store("split", NEVER, Integer.MAX_VALUE);
    int half = 8; // batch 8 replays times of batch 7: stored and recent rows at the same times
    append(split, batches, 0, half);
    split.rollUp(T0.plus(SPAN)); // folds the first half and rolls it up; the second half stays in memory
    append(split, batches, half, n);
    assertThat(split.recentRows()).isGreaterThan(2_000);
    assertAlike(answers(split), plain);
    split.rollUp(T0.plus(SPAN));
    assertAlike(answers(split), expected);

    SqliteHistoryStore often = store("often", NEVER, 700); // folds every few batches, mid-replay too
    append(often, batches, 0, n);
    assertAlike(answers(often), plain);
    often.rollUp(T0.plus(SPAN));
    assertAlike(answers(often), expected);
  }

  /** The answers of a store with the same rows that has not rolled anything up (raw edges throughout). */
  private List<HistoryResult> withoutRollups() {
    SqliteHistoryStore s = store("plain" + opened.size(), NEVER, Integer.MAX_VALUE);
    List<List<Reading>> batches = batches();
    append(s, batches, 0, batches.size());
    s.fold();
    return answers(s);
  }

  /** Same points; averages within rounding (a roll-up sums per minute, raw rows per step). */
  private static void assertAlike(List<HistoryResult> actual, List<HistoryResult> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      HistoryResult a = actual.get(i);
      HistoryResult e = expected.get(i);
      assertThat(a.resolution()).as("query %d", i).isEqualTo(e.resolution());
      assertThat(a.points()).as("query %d", i).hasSameSizeAs(e.points());
      for (int k = 0; k < a.points().size(); k++) {
        HistoryPoint p = a.points().get(k);
        HistoryPoint q = e.points().get(k);
        String what = "query " + i + " point " + k;
        assertThat(p.time()).as(what).isEqualTo(q.time());
        assertThat(p.count()).as(what).isEqualTo(q.count());
        assertThat(p.min()).as(what).isEqualTo(q.min());
        assertThat(p.max()).as(what).isEqualTo(q.max());
        assertThat(p.reason()).as(what).isEqualTo(q.reason());
        if (q.avg() == null) assertThat(p.avg()).as(what).isNull();
        else assertThat(p.avg()).as(what).isCloseTo(q.avg(), org.assertj.core.api.Assertions.within(1e-9));
      }
    }
  }

  @Test
  void open_rowsLeftInTheJournal_foldedAndAnswered() throws Exception {
    Path file = dir.resolve("crash.db");
    SqliteDatabase db = SqliteDatabase.open(file);
    SqliteHistoryStore s = new SqliteHistoryStore(db, clock, NEVER, Integer.MAX_VALUE);
    List<List<Reading>> batches = batches();
    append(s, batches, 0, batches.size());
    List<HistoryResult> before = answers(s);
    db.close(); // no fold: as a crash leaves it
    assertThat(count(file, "history_journal")).isGreaterThan(4_000);

    SqliteDatabase again = SqliteDatabase.open(file);
    opened.add(again);
    SqliteHistoryStore reopened = new SqliteHistoryStore(again, clock, NEVER, Integer.MAX_VALUE);

    assertThat(reopened.recentRows()).isZero();
    assertThat(count(file, "history_journal")).isZero();
    assertAlike(answers(reopened), before);
  }

  @Test
  void fold_fromMemoryOrFromTheJournal_sameTable() throws Exception {
    List<List<Reading>> batches = batches();
    SqliteHistoryStore fromMemory = store("memory", NEVER, Integer.MAX_VALUE);
    append(fromMemory, batches, 0, batches.size());
    fromMemory.fold();
    Path file = dir.resolve("journal.db");
    SqliteDatabase db = SqliteDatabase.open(file);
    append(new SqliteHistoryStore(db, clock, NEVER, Integer.MAX_VALUE), batches, 0, batches.size());
    db.close(); // memory gone: the next open folds from the journal, sorted in SQL
    SqliteDatabase again = SqliteDatabase.open(file);
    opened.add(again);
    new SqliteHistoryStore(again, clock, NEVER, Integer.MAX_VALUE);

    List<String> table = dump(dir.resolve("memory.db"));
    assertThat(table).hasSizeGreaterThan(4_000).contains("1|1772410570000|null|text 97|null")
        .doesNotContain("1|1772411600000|-1.0|null|null");
    assertThat(table).isEqualTo(dump(file));
  }

  private static List<String> dump(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT series_id, ts, value_num, value_text, reason FROM history ORDER BY 1, 2")) {
      while (rs.next()) {
        out.add(rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getObject(3) + "|" + rs.getString(4) + "|" + rs.getString(5));
      }
    }
    return out;
  }

  private static long count(Path file, String table) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void write_rowsOrTimeDue_foldsBeforeAppending() throws Exception {
    SqliteHistoryStore s = store("bound", Duration.ofSeconds(60), 1_000);
    List<List<Reading>> batches = batches();
    int most = 0;
    for (List<Reading> b : batches.subList(0, 10)) {
      s.append(b);
      most = Math.max(most, s.recentRows());
    }
    assertThat(most).as("memory holds at most the bound and one batch").isLessThan(1_000 + 440);
    assertThat(count(dir.resolve("bound.db"), "history_journal")).isEqualTo(s.recentRows());

    clock.advance(Duration.ofSeconds(60));
    s.append(batches.get(10));
    assertThat((long) s.recentRows()).as("folded by time, then the batch appended")
        .isEqualTo(count(dir.resolve("bound.db"), "history_journal")).isLessThanOrEqualTo(440);
  }

  @Test
  void query_duringFolds_seesEveryCommittedRowOnce() throws Exception {
    SqliteHistoryStore s = store("busy", NEVER, 200);
    int rows = 10_000;
    AtomicInteger committed = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; i < rows; i += 20) {
          List<Reading> batch = new ArrayList<>();
          for (int k = i; k < i + 20; k++) {
            Instant t = T0.plusSeconds(k);
            batch.add(Reading.of("d1", t, t, Map.of("p", Value.of(k))));
          }
          s.append(batch);
          committed.set(i + 20);
        }
      } catch (Throwable t) {
        failure.set(t);
      } finally {
        done.set(true);
      }
    });
    int reads = 0;
    while (!done.get() || reads < 20) {
      int atLeast = committed.get();
      List<HistoryPoint> raw = s.query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(rows), null, 100_000)).points();
      assertThat(raw.size()).as("rows committed before the query").isGreaterThanOrEqualTo(atLeast);
      for (int k = 0; k < raw.size(); k++) {
        assertThat(raw.get(k).time()).as("row %d once, in order", k).isEqualTo(T0.plusSeconds(k));
        assertThat(raw.get(k).avg()).isEqualTo((double) k);
      }
      List<HistoryPoint> steps = s.query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(rows), Duration.ofSeconds(100),
          100_000)).points();
      long counted = steps.stream().mapToLong(HistoryPoint::count).sum();
      assertThat(counted).as("bucketed rows counted once").isGreaterThanOrEqualTo(atLeast).isLessThanOrEqualTo(rows);
      reads++;
    }
    writer.join();
    assertThat(failure.get()).isNull();
    assertThat(reads).isGreaterThanOrEqualTo(20);
  }

  /**
   * Texts held until a fold count toward its memory bound: a device whose texts are long makes the
   * writer fold by bytes, long before the minute or the row count (texts were not counted: a fleet
   * of such devices could fill the heap within the minute).
   */
  @Test
  void longTexts_foldByBytes_beforeTimeOrRowCount() {
    SqliteHistoryStore s = store("texts", NEVER, Integer.MAX_VALUE);
    String mib = "x".repeat(1 << 20); // 2 MiB held as counted: a text may use two bytes a char
    int appends = 0;
    while (appends < 40 && s.recentRows() == appends) {
      Instant t = T0.plusSeconds(appends);
      s.append(List.of(Reading.of("d1", t, t, Map.of("status", Value.of(mib + appends)))));
      appends++;
    }
    // 12 texts of 2 MiB (as counted) reach 24 MiB: the fold runs before the 13th append
    assertThat(appends).as("appends until the first fold").isEqualTo((int) (SqliteHistoryStore.FOLD_BYTES / (2L << 20)) + 1);
    assertThat(s.recentRows()).as("rows held after that fold").isLessThanOrEqualTo(1);
    List<HistoryPoint> kept = s.query(new HistoryQuery("d1", "status", T0, T0.plusSeconds(appends), null, 100)).points();
    assertThat(kept).as("every text stored, folded or held").hasSize(appends);
  }
}
