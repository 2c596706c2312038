package io.gridwire.store.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import io.gridwire.core.port.capture.ConnectionRecord;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.core.port.capture.ModeTransition;
import io.gridwire.store.queue.SqliteQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCaptureStoreTest {
  @TempDir Path dir;
  private static final Instant T0 = Instant.parse("2026-02-17T08:00:00Z");

  private static CapturedFrame frame(long conn, Direction d, int sec, String table, String kind) {
    return new CapturedFrame(conn, d, T0.plusSeconds(sec), "2206237016", table, kind, "forward", "<Frame/>");
  }

  @Test
  void capture_framesAndConnections_statisticsAnswered() {
    try (SqliteCaptureStore s = SqliteCaptureStore.open(dir.resolve("oig.db"))) {
      s.connectionOpened(1, "10.0.0.5:4000", T0);
      s.append(List.of(frame(1, Direction.BOX, 0, "tbl_actual", "table"), frame(1, Direction.CLOUD, 0, "ACK", "ack_get_actual"),
          frame(1, Direction.BOX, 9, "tbl_actual", "table"), frame(1, Direction.LOCAL, 9, "ACK", "ack_get_actual"),
          frame(1, Direction.BOX, 18, "tbl_actual", "table"), frame(1, Direction.CLOUD, 18, "END", "end")));
      s.connectionClosed(1, "2206237016", 3, T0.plusSeconds(20), "box closed");
      s.connectionOpened(2, "10.0.0.5:4001", T0.plusSeconds(30));
      s.append(List.of(frame(2, Direction.BOX, 30, "IsNewSet", "poll")));
      s.connectionClosed(2, "2206237016", 1, T0.plusSeconds(30), "box closed");
      s.modeChanged(new ModeTransition(1, "2206237016", T0, "forward", "offline", "timeout"));

      assertThat(s.tableStats(T0)).first().satisfies(t -> {
        assertThat(t.table()).isEqualTo("tbl_actual");
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.meanIntervalSeconds()).isEqualTo(9.0);
      });
      assertThat(s.connections(10)).extracting(ConnectionRecord::frames).containsExactly(1L, 3L);
      assertThat(s.answerMix(T0)).extracting(CaptureStore.AnswerStat::count).containsExactly(1L, 1L, 1L);
      assertThat(s.modeTransitions(10)).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("offline"));
      assertThat(s.frames(2, 10)).hasSize(1);
      assertThat(s.maxConnectionId()).isEqualTo(2);
      assertThat(s.purge(T0.plusSeconds(25))).isEqualTo(6);
    }
  }

  @Test
  void open_oigDbOfEarlierVersions_keepsItsCaptureAndTheBackfillQueueBeside() throws Exception {
    Path file = dir.resolve("oig.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      // the layout OigDatabase created, without a migration history
      s.execute("CREATE TABLE oig_frame(id INTEGER PRIMARY KEY, conn_id INTEGER NOT NULL, direction TEXT NOT NULL,"
          + " t INTEGER NOT NULL, device TEXT, tbl TEXT, kind TEXT, mode TEXT, raw TEXT NOT NULL)");
      s.execute("CREATE INDEX oig_frame_t ON oig_frame(t)");
      s.execute("CREATE INDEX oig_frame_conn ON oig_frame(conn_id)");
      s.execute("CREATE TABLE oig_connection(id INTEGER PRIMARY KEY, remote TEXT, device TEXT, opened INTEGER NOT NULL,"
          + " closed INTEGER, frames INTEGER NOT NULL DEFAULT 0, reason TEXT)");
      s.execute("CREATE TABLE oig_mode(id INTEGER PRIMARY KEY, conn_id INTEGER, device TEXT, t INTEGER NOT NULL,"
          + " from_mode TEXT, to_mode TEXT, reason TEXT)");
      s.execute("INSERT INTO oig_connection VALUES (7, '10.0.0.5:4000', '2206237016', " + T0.toEpochMilli() + ", "
          + T0.plusSeconds(9).toEpochMilli() + ", 1, 'box closed')");
      s.execute("INSERT INTO oig_frame(conn_id, direction, t, device, tbl, kind, mode, raw) VALUES (7, 'box', "
          + T0.toEpochMilli() + ", '2206237016', 'tbl_actual', 'table', 'forward', '<Frame/>')");
    }
    try (SqliteQueue backfill = SqliteQueue.oigBackfill(file, new QueueBounds(10, Long.MAX_VALUE, "test"));
        SqliteCaptureStore s = SqliteCaptureStore.open(file)) {
      assertThat(s.maxConnectionId()).isEqualTo(7);
      assertThat(s.frames(7, 10)).singleElement().satisfies(f -> assertThat(f.direction()).isEqualTo(Direction.BOX));
      s.connectionOpened(8, "10.0.0.5:4001", T0.plusSeconds(10));
      assertThat(s.connections(10)).extracting(ConnectionRecord::id).containsExactly(8L, 7L);
      assertThat(backfill.stats().messages()).isZero();
    }
    try (SqliteCaptureStore s = SqliteCaptureStore.open(file)) {
      assertThat(s.maxConnectionId()).isEqualTo(8);
      assertThat(s.tableStats(T0)).extracting(CaptureStore.TableStat::count).containsExactly(1L);
    }
  }
}
