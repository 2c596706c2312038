package io.gridwire.uplink.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest extends OutboxContract {
  @TempDir Path dir;

  @Override
  Outbox open(OutboxBounds bounds) {
    return new SqliteOutbox(dir.resolve("o.db"), bounds, false);
  }

  @Test
  void reopen_afterClose_keepsMessagesIdAndSequence() {
    String id;
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      o.append(drafts(0, 4, T0));
      o.delete(List.of(1L));
      id = o.instanceId();
    }
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      assertThat(o.instanceId()).isEqualTo(id);
      assertThat(o.lastSeq()).isEqualTo(4);
      assertThat(o.stats().messages()).isEqualTo(3);
      o.append(drafts(4, 5, T0));
      assertThat(o.read(0, Long.MAX_VALUE, 10).stream().map(OutboxEntry::seq).toList()).containsExactly(2L, 3L, 4L, 5L);
    }
  }

  @Test
  void reopen_afterDeletingEverything_neverReusesSeqs() {
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      o.append(drafts(0, 3, T0));
      o.delete(List.of(1L, 2L, 3L));
    }
    try (Outbox o = open(OutboxBounds.DEFAULT)) {
      o.append(drafts(3, 4, T0));
      assertThat(o.read(0, Long.MAX_VALUE, 10).getFirst().seq()).isEqualTo(4);
    }
  }
}
