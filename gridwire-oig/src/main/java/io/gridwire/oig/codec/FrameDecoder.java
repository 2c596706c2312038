package io.gridwire.oig.codec;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a TCP byte stream into OIG frames (protocols/oig.md §2.1). A read may hold part of a
 * frame or several frames; bytes before {@code <Frame>} are dropped (resync); a frame is at most
 * {@code maxFrame} bytes: a longer one is reported as {@link Piece.Oversize} as soon as the bound
 * is passed, and its rest skipped without being buffered; the CR LF after
 * {@code </Frame>} belongs to the frame, and when it arrives late it is reported on its own so a
 * proxy can still pass every byte on. A frame is emitted as soon as {@code </Frame>} arrives,
 * never held back waiting for its terminator (the Box waits for the answer in lock step).
 *
 * <p>Not thread-safe: one decoder per direction of one connection. Memory: a buffer that starts
 * at 512 bytes and grows to the largest frame seen, shrinking again after a large one.
 */
public final class FrameDecoder {
  /** Default maximum frame size: 64 KiB (real frames are at most ~1 kB). */
  public static final int DEFAULT_MAX_FRAME = 64 * 1024;
  private static final int INITIAL = 512;
  private static final int SHRINK_ABOVE = 16 * 1024;

  private final int maxFrame;
  private byte[] buf = new byte[INITIAL];
  private int len;
  private boolean afterFrame;
  /** The frame's CR came and its LF may still come: only an LF is its line end now. */
  private boolean pendingLf;
  private boolean skipping;

  public FrameDecoder(int maxFrame) {
    if (maxFrame < 64) throw new IllegalArgumentException("maxFrame must be ≥ 64: " + maxFrame);
    this.maxFrame = maxFrame;
  }

  public FrameDecoder() {
    this(DEFAULT_MAX_FRAME);
  }

  /** Bytes buffered and not yet emitted (a partial frame). */
  public int buffered() {
    return len;
  }

  /** Feeds {@code n} bytes and hands every piece they complete to {@code out}, in order. */
  public void feed(byte[] data, int off, int n, Consumer<Piece> out) {
    append(data, off, n);
    while (len > 0) {
      if (afterFrame && terminator(out)) continue;
      afterFrame = false;
      pendingLf = false;
      if (skipping ? !skip(out) : !extract(out)) break;
    }
    if (len == 0 && buf.length > SHRINK_ABOVE) buf = new byte[INITIAL];
  }

  private boolean terminator(Consumer<Piece> out) {
    int n = buf[0] == '\n' ? 1 : buf[0] == '\r' && !pendingLf ? (len > 1 && buf[1] == '\n' ? 2 : 1) : 0;
    if (n == 0) return false;
    out.accept(new Piece.Terminator(Arrays.copyOf(buf, n)));
    // a CR alone at the end of what came: its LF may come in the next read (it was taken for garbage)
    boolean loneCr = n == 1 && buf[0] == '\r' && len == 1;
    consume(n);
    afterFrame = loneCr;
    pendingLf = loneCr;
    return true;
  }

  /** One step in normal mode; false when more bytes are needed. */
  private boolean extract(Consumer<Piece> out) {
    int start = indexOf(OigFrameParser.OPEN, 0);
    if (start < 0) {
      int keep = partialPrefix(OigFrameParser.OPEN);
      if (len - keep > 0) {
        out.accept(new Piece.Garbage(len - keep));
        consume(len - keep);
      }
      return false;
    }
    if (start > 0) {
      out.accept(new Piece.Garbage(start));
      consume(start);
    }
    int close = indexOf(OigFrameParser.CLOSE, OigFrameParser.OPEN.length);
    int reopen = indexOf(OigFrameParser.OPEN, OigFrameParser.OPEN.length);
    if (reopen >= 0 && (close < 0 || reopen < close)) {
      out.accept(new Piece.Garbage(reopen));
      consume(reopen);
      return true;
    }
    if (close < 0) {
      if (len > maxFrame) { // reported at once: a peer sending 50 MB without </Frame> is not waited for
        out.accept(new Piece.Oversize(len, false));
        skipping = true;
        consume(1);
        return true;
      }
      return false;
    }
    int end = close + OigFrameParser.CLOSE.length;
    if (end > maxFrame) {
      out.accept(new Piece.Oversize(end, true));
    } else {
      int t = end;
      if (t < len && buf[t] == '\r') t++;
      if (t < len && buf[t] == '\n') t++;
      // nothing after </Frame> yet, or a CR that may still be followed by its LF
      afterFrame = t == len && (t == end || buf[t - 1] == '\r');
      pendingLf = afterFrame && t > end;
      out.accept(new Piece.Frame(Arrays.copyOf(buf, t)));
      end = t;
    }
    consume(end);
    return true;
  }

  /** One step while discarding the rest of an oversize frame (already reported); false when more bytes are needed. */
  private boolean skip(Consumer<Piece> out) {
    int close = indexOf(OigFrameParser.CLOSE, 0);
    int reopen = indexOf(OigFrameParser.OPEN, 0);
    if (reopen >= 0 && (close < 0 || reopen < close)) {
      consume(reopen);
      skipping = false;
      return true;
    }
    if (close >= 0) {
      consume(close + OigFrameParser.CLOSE.length);
      skipping = false;
      afterFrame = true;
      return true;
    }
    consume(len - Math.min(len, OigFrameParser.CLOSE.length - 1)); // keep a marker split across reads
    return false;
  }

  private void append(byte[] data, int off, int n) {
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(len + n, Math.min(buf.length * 2, maxFrame + n)));
    System.arraycopy(data, off, buf, len, n);
    len += n;
  }

  private void consume(int n) {
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
  }

  private int indexOf(byte[] pattern, int from) {
    outer:
    for (int i = from, last = len - pattern.length; i <= last; i++) {
      for (int k = 0; k < pattern.length; k++) if (buf[i + k] != pattern[k]) continue outer;
      return i;
    }
    return -1;
  }

  /** How many trailing bytes could be the start of {@code pattern}. */
  private int partialPrefix(byte[] pattern) {
    for (int k = Math.min(pattern.length - 1, len); k > 0; k--) {
      if (OigFrameParser.startsWith(buf, len - k, len, Arrays.copyOf(pattern, k))) return k;
    }
    return 0;
  }
}
