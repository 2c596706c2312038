package io.gridwire.oig.proxy;

import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import io.gridwire.core.port.capture.Direction;
import io.gridwire.oig.capture.CaptureWriter;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The frame capture of one box session: every frame in either direction, with the session's box
 * id and mode at that moment, and its connection records. Does nothing when capture is off; frames
 * of a refused box are never captured. Thread-safe (the writer queues).
 */
final class SessionCapture {
  private final CaptureWriter writer;
  private final SessionView session;

  /** @param writer null when capture is off */
  SessionCapture(CaptureWriter writer, SessionView session) {
    this.writer = writer;
    this.session = session;
  }

  /**
   * @param frame the parsed frame, or null when malformed
   * @param kind the captured kind; null for the frame's own kind ({@code malformed} without one)
   */
  void frame(Direction dir, byte[] raw, OigFrame frame, String kind, Instant at) {
    if (writer == null || session.refused()) return;
    String table = frame == null ? null : frame.table() != null ? frame.table() : frame.result();
    String k = kind != null ? kind : frame == null ? "malformed" : frame.kind().wireName();
    SessionMode m = session.mode();
    writer.offer(new CapturedFrame(session.id(), dir, at, session.deviceId(), table, k, m == null ? "new" : m.wireName(),
        text(raw)));
  }

  /** As {@link #frame(Direction, byte[], OigFrame, String, Instant)}, parsing {@code raw} only when it is captured. */
  void frame(Direction dir, byte[] raw, Instant at) {
    if (writer == null || session.refused()) return;
    frame(dir, raw, OigFrameParser.parse(raw).frameOrNull(), null, at);
  }

  /** A connection record (opened, closed, mode changed), written in order with the frames. */
  void record(Consumer<CaptureStore> op) {
    if (writer != null) writer.offer(op);
  }

  /** The frame as text without its line end. */
  static String text(byte[] raw) {
    int end = raw.length;
    while (end > 0 && (raw[end - 1] == '\r' || raw[end - 1] == '\n')) end--;
    return new String(raw, 0, end, StandardCharsets.UTF_8);
  }
}
