package io.gridwire.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.store.jdbc.HistoryRows;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary COPY encoding, decoded back by hand. */
class CopyBinaryTest {

  private static HistoryRows rows() {
    return HistoryRows.ofColumns(new int[] {1, 1, 2, 3}, new long[] {1000L, 2000L, -5L, Long.MAX_VALUE},
        new Double[] {12.5, null, null, 1.0}, new String[] {null, "läuft", null, null},
        new String[] {null, null, "sentinel", null});
  }

  private static byte[] encode(HistoryRows rows, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CopyBinary enc = new CopyBinary(rows, chunk);
    for (ByteBuffer b = enc.nextChunk(); b != null; b = enc.nextChunk()) {
      assertThat(b.remaining()).isPositive();
      out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
    return out.toByteArray();
  }

  /** Each tuple as [series, ts, num, text, reason] with nulls. */
  private static List<Object[]> decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] sig = new byte[CopyBinary.SIGNATURE.length];
    b.get(sig);
    assertThat(sig).isEqualTo(CopyBinary.SIGNATURE);
    assertThat(b.getInt()).isZero();
    assertThat(b.getInt()).isZero();
    List<Object[]> out = new ArrayList<>();
    while (true) {
      short fields = b.getShort();
      if (fields == -1) break;
      assertThat(fields).isEqualTo((short) 5);
      Object[] row = new Object[5];
      assertThat(b.getInt()).isEqualTo(4);
      row[0] = b.getInt();
      assertThat(b.getInt()).isEqualTo(8);
      row[1] = b.getLong();
      int len = b.getInt();
      row[2] = len < 0 ? null : b.getDouble();
      row[3] = text(b);
      row[4] = text(b);
      out.add(row);
    }
    assertThat(b.remaining()).isZero();
    return out;
  }

  private static String text(ByteBuffer b) {
    int len = b.getInt();
    if (len < 0) return null;
    byte[] s = new byte[len];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  @Test
  void encode_mixedRows_decodesToSameColumns() {
    List<Object[]> rows = decode(encode(rows(), 64 * 1024));

    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).containsExactly(1, 1000L, 12.5, null, null);
    assertThat(rows.get(1)).containsExactly(1, 2000L, null, "läuft", null);
    assertThat(rows.get(2)).containsExactly(2, -5L, null, null, "sentinel");
    assertThat(rows.get(3)).containsExactly(3, Long.MAX_VALUE, 1.0, null, null);
  }

  @Test
  void encode_tinyChunksAndHugeText_sameBytesAsOneChunk() {
    char[] big = new char[5000];
    Arrays.fill(big, 'x');
    HistoryRows rows = HistoryRows.ofColumns(new int[] {1, 2, 3}, new long[] {1, 2, 3}, new Double[] {1.0, null, 3.0},
        new String[] {null, new String(big), null}, new String[] {null, null, null});

    byte[] small = encode(rows, 70);
    byte[] whole = encode(rows, 1 << 20);

    assertThat(small).isEqualTo(whole);
    assertThat(decode(whole).get(1)[3]).isEqualTo(new String(big));
  }

  @Test
  void encode_noRows_headerAndTrailerOnly() {
    HistoryRows none = HistoryRows.ofColumns(new int[0], new long[0], new Double[0], new String[0], new String[0]);

    assertThat(decode(encode(none, 64))).isEmpty();
  }
}
