package io.gridwire.oig.proxy;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Proxy-wide totals since start, over every session including closed ones (a {@link SessionInfo}
 * holds one open session's own counts, which end with it). Sessions add to them; {@link
 * ProxyMeters} exports them. Thread-safe.
 */
final class ProxyStats {

  /** Why the cloud was unusable for a session. */
  enum CloudFailure {
    /** The connect at session start failed (the session starts offline). */
    CONNECT,
    /** A probe from offline mode could not connect, or its link did not answer the proof frame. */
    PROBE,
    /** No answer within {@code oig.answerTimeout} (forward → offline). */
    TIMEOUT,
    /** The cloud connection closed or failed (forward → offline). */
    LOST;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the box side's decoder and parser rejected. */
  enum ParseError {
    /** A frame whose CRC does not match (answered NACK WC). */
    BAD_CRC,
    /** {@code <Frame>…</Frame>} that does not parse (answered NACK WC). */
    MALFORMED,
    /** A frame over {@code oig.maxFrameBytes}, skipped without buffering. */
    OVERSIZE,
    /** A run of bytes before {@code <Frame>}, dropped while resynchronising. */
    GARBAGE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Box connections admitted. */
  final LongAdder accepted = new LongAdder();
  /** Complete frames read from boxes (good, bad CRC or malformed). */
  final LongAdder boxFrames = new LongAdder();
  /** Cloud frames passed to boxes: answers and frames the cloud pushed (settings). */
  final LongAdder cloudFrames = new LongAdder();
  /** Answers the gateway made itself: offline answers and NACKs of rejected frames. */
  final LongAdder localAnswers = new LongAdder();
  final LongAdder toForward = new LongAdder();
  final LongAdder toOffline = new LongAdder();
  /** Backfilled frames the cloud acknowledged. */
  final LongAdder backfillDelivered = new LongAdder();
  final Map<CloudFailure, LongAdder> cloudFailures = adders(CloudFailure.class);
  final Map<ParseError, LongAdder> parseErrors = adders(ParseError.class);
  /** Box connections closed as stalled ({@link StallWatch}). */
  final Map<StallWatch.Stall, LongAdder> stalls = adders(StallWatch.Stall.class);

  void cloudFailure(CloudFailure f) {
    cloudFailures.get(f).increment();
  }

  void stalled(StallWatch.Stall s) {
    stalls.get(s).increment();
  }

  void parseError(ParseError e) {
    parseErrors.get(e).increment();
  }

  void modeChanged(SessionMode to) {
    if (to == SessionMode.FORWARD) toForward.increment();
    else if (to == SessionMode.OFFLINE) toOffline.increment();
  }

  private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
    Map<E, LongAdder> m = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) m.put(e, new LongAdder());
    return m;
  }
}
