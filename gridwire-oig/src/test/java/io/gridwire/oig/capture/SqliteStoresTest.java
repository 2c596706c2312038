package io.gridwire.oig.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoresTest {
  @TempDir Path dir;
  private static final Instant T0 = Instant.parse("2026-02-17T08:00:00Z");

  private static CapturedFrame frame(long conn, Direction d, int sec, String table, String kind) {
    return new CapturedFrame(conn, d, T0.plusSeconds(sec), "2206237016", table, kind, "forward", "<Frame/>");
  }

  @Test
  void capture_framesAndConnections_statisticsAnswered() {
    try (SqliteCaptureStore s = SqliteCaptureStore.open(dir)) {
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
}
