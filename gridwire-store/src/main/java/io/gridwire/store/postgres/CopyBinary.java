package io.gridwire.store.postgres;

import io.gridwire.store.jdbc.HistoryRows;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes history rows in PostgreSQL's binary {@code COPY} format, columns {@code (series_id
 * int4, ts int8, value_num float8, value_text text, reason text)}, one bounded chunk at a time so
 * a large batch never needs one large buffer. Pure; not thread-safe (one instance per copy).
 *
 * <pre>
 *   header: "PGCOPY\n\377\r\n\0", int32 flags 0, int32 extension length 0
 *   tuple:  int16 field count, then per field int32 length (-1 = NULL) and the bytes
 *   trailer: int16 -1
 * </pre>
 */
final class CopyBinary {
  static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** Largest fixed part of a tuple: count + 3 fixed fields + 2 text length words. */
  private static final int FIXED = 2 + (4 + 4) + (4 + 8) + (4 + 8) + 4 + 4;

  private final HistoryRows rows;
  private final ByteBuffer buf;
  private int next;
  private boolean headerDone;
  private boolean trailerDone;

  /** @param chunkBytes size of the reused buffer; a row larger than it gets a buffer of its own */
  CopyBinary(HistoryRows rows, int chunkBytes) {
    this.rows = rows;
    this.buf = ByteBuffer.allocate(Math.max(chunkBytes, 64));
  }

  /**
   * Fills the buffer with the next rows (the header first, the trailer last).
   *
   * @return the encoded bytes (valid until the next call), or null when everything was returned
   */
  ByteBuffer nextChunk() {
    if (trailerDone) return null;
    buf.clear();
    if (!headerDone) {
      buf.put(SIGNATURE).putInt(0).putInt(0);
      headerDone = true;
    }
    ByteBuffer target = buf;
    while (next < rows.size) {
      byte[] text = utf8(rows.text[next]);
      byte[] reason = utf8(rows.reason[next]);
      int need = FIXED + (text == null ? 0 : text.length) + (reason == null ? 0 : reason.length);
      if (target.remaining() < need) {
        if (target.position() > 0) break;
        target = ByteBuffer.allocate(need); // a single huge text value: its own buffer
      }
      putRow(target, next++, text, reason);
      if (target != buf) return target.flip();
    }
    if (next == rows.size && target.remaining() >= 2) {
      target.putShort((short) -1);
      trailerDone = true;
    }
    return target.flip();
  }

  private void putRow(ByteBuffer b, int i, byte[] text, byte[] reason) {
    b.putShort((short) 5);
    b.putInt(4).putInt(rows.series[i]);
    b.putInt(8).putLong(rows.ts[i]);
    Double num = rows.num[i];
    if (num == null) b.putInt(-1);
    else b.putInt(8).putDouble(num);
    putText(b, text);
    putText(b, reason);
  }

  private static void putText(ByteBuffer b, byte[] s) {
    if (s == null) {
      b.putInt(-1);
    } else {
      b.putInt(s.length).put(s);
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
