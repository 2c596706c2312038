package io.gridwire.oig.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import io.gridwire.core.port.capture.ConnectionRecord;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.core.port.capture.ModeTransition;
import io.gridwire.testkit.store.InMemoryCaptureStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaptureWriterTest {
  /** The in-memory store, counting append calls (one per transaction in the SQLite store). */
  private static final class CountingStore implements CaptureStore {
    final InMemoryCaptureStore inner = new InMemoryCaptureStore();
    final AtomicInteger appends = new AtomicInteger();

    @Override public void append(List<CapturedFrame> frames) {
      appends.incrementAndGet();
      inner.append(frames);
    }

    @Override public void connectionOpened(long id, String remote, Instant at) { inner.connectionOpened(id, remote, at); }
    @Override public void connectionClosed(long id, String d, long n, Instant at, String r) { inner.connectionClosed(id, d, n, at, r); }
    @Override public void modeChanged(ModeTransition t) { inner.modeChanged(t); }
    @Override public long maxConnectionId() { return inner.maxConnectionId(); }
    @Override public List<TableStat> tableStats(Instant since) { return inner.tableStats(since); }
    @Override public List<ConnectionRecord> connections(int limit) { return inner.connections(limit); }
    @Override public List<AnswerStat> answerMix(Instant since) { return inner.answerMix(since); }
    @Override public List<ModeTransition> modeTransitions(int limit) { return inner.modeTransitions(limit); }
    @Override public List<CapturedFrame> frames(long connectionId, int limit) { return inner.frames(connectionId, limit); }
    @Override public long purge(Instant before) { return inner.purge(before); }
    @Override public void close() { inner.close(); }
  }

  private static CapturedFrame frame(int i) {
    return new CapturedFrame(1, Direction.BOX, Instant.ofEpochSecond(i), "2206237016", "tbl_actual", "table", "forward", "<Frame/>");
  }

  @Test
  void offer_steadyTrickleOfFrames_writesThemInFewBatches() throws Exception {
    CountingStore store = new CountingStore();
    try (CaptureWriter w = new CaptureWriter(store, 1000)) {
      for (int i = 0; i < 40; i++) { // 40 frames over ~120 ms, as 1,000 boxes send them
        w.offer(frame(i));
        Thread.sleep(3);
      }
      assertThat(w.flush(5_000)).isTrue();
      synchronized (w) {
        assertThat(w.written()).isEqualTo(40);
      }
    }
    assertThat(store.inner.frames(1, 100)).hasSize(40);
    assertThat(store.appends.get()).isLessThanOrEqualTo(3); // one per linger period, not one per frame
  }

  @Test
  void offer_fullBatchWaits_writtenBeforeTheLingerEnds() throws Exception {
    CountingStore store = new CountingStore();
    try (CaptureWriter w = new CaptureWriter(store, 5_000, 60_000)) { // a minute's linger: only a full batch wakes it
      for (int i = 0; i < 3 * CaptureWriter.BATCH; i++) w.offer(frame(i));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (store.appends.get() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
      assertThat(store.appends.get()).as("full batches written without waiting out the linger").isGreaterThanOrEqualTo(2);
      assertThat(w.dropped()).isZero();
    }
  }

  @Test
  void close_duringTheLinger_writesWhatWaitsAtOnce() throws Exception {
    CountingStore store = new CountingStore();
    long t0 = System.nanoTime();
    try (CaptureWriter w = new CaptureWriter(store, 100, 60_000)) {
      w.offer(frame(1));
      w.offer(frame(2));
      Thread.sleep(50); // the writer took the first frame and parks for its linger
    }
    assertThat(store.inner.frames(1, 10)).hasSize(2);
    assertThat((System.nanoTime() - t0) / 1_000_000).as("close did not wait out the minute").isLessThan(5_000);
  }
}
