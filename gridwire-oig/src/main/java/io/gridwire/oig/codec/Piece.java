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
   * A frame longer than the configured maximum, reported once, without buffering it.
   *
   * @param count bytes of it seen when it was rejected (more than the maximum)
   * @param closed true when its {@code </Frame>} had arrived (the whole frame was over the bound),
   *     false when the bound was passed first: reported at once, and the decoder then skips to its
   *     {@code </Frame>} or the next {@code <Frame>} silently
   */
  record Oversize(long count, boolean closed) implements Piece {}
}
