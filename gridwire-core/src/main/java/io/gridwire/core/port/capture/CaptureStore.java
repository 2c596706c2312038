package io.gridwire.core.port.capture;

import java.time.Instant;
import java.util.List;

/**
 * Durable capture of every frame, connection and mode transition, and the statistics the
 * operator asks of it (messages and mean interval per table, connections with
 * frame count and duration, 1-frame connections as outages, the cloud answer mix).
 * Implementations are thread-safe; writes may block briefly (the proxy calls them from a single
 * writer thread, never from a session).
 */
public interface CaptureStore extends AutoCloseable {

  void append(List<CapturedFrame> frames);

  void connectionOpened(long id, String remote, Instant at);

  void connectionClosed(long id, String deviceId, long frames, Instant at, String reason);

  void modeChanged(ModeTransition t);

  /** Highest connection id stored, so ids keep rising across restarts; 0 when none. */
  long maxConnectionId();

  /**
   * Box frames per table since {@code since}.
   *
   * @param table table name, or the poll/control {@code Result}
   * @param count frames
   * @param meanIntervalSeconds mean time between consecutive frames of that table, or null with < 2
   */
  record TableStat(String table, long count, Double meanIntervalSeconds) {}

  List<TableStat> tableStats(Instant since);

  /** The most recent connections, newest first. */
  List<ConnectionRecord> connections(int limit);

  /** Answers to the box (forwarded or local) by kind since {@code since}. */
  record AnswerStat(String kind, String direction, long count) {}

  List<AnswerStat> answerMix(Instant since);

  List<ModeTransition> modeTransitions(int limit);

  /** The most recent frames of a connection (or all when {@code connectionId} < 0), newest first. */
  List<CapturedFrame> frames(long connectionId, int limit);

  /** Deletes frames, closed connections and transitions older than {@code before}; returns frames deleted. */
  long purge(Instant before);

  @Override
  void close();
}
