package io.gridwire.oig.codec;

/** What a {@link FrameDecoder} extracts from the byte stream, in stream order. */
public sealed interface Piece permits Piece.Frame, Piece.Terminator, Piece.Garbage, Piece.Oversize {

  /**
   * One complete frame, from {@code <Frame>} through {@code </Frame>} plus the CR/LF that
   * followed it when those bytes had already arrived. The bytes are the peer's, unchanged.
   */
  record Frame(byte[] raw) implements Piece {
    /** The decoded frame (parsing is separate so a proxy can forward without it). */
    public Decoded decode() {
      return OigFrameParser.parse(raw);
    }
  }

  /** CR and/or LF that ended the previous frame but arrived in a later read. */
  record Terminator(byte[] bytes) implements Piece {}

  /** Bytes dropped while resynchronising on {@code <Frame>} (noise, or a truncated frame). */
  record Garbage(int count) implements Piece {}

  /**
   * A frame longer than the configured maximum, discarded without buffering it.
   *
   * @param count bytes discarded
   * @param closed true when it ended with {@code </Frame>} (the peer awaits an answer), false
   *     when a new {@code <Frame>} cut it short
   */
  record Oversize(long count, boolean closed) implements Piece {}
}
