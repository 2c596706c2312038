package io.gridwire.modbus.register;

import io.gridwire.core.reading.NoDataReason;
import io.gridwire.core.reading.Value;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How one field of a register block decodes; pure and immutable, so one instance serves every
 * device of a profile from any thread.
 *
 * <pre>
 *  block words: [w0][w1][w2]...[w(count-1)]
 *                     ^ offset (+1 for 32-bit types)
 *  numeric: raw = u16|s16|u32|s32(words, offset, order) → validity → raw × scale
 *  bits:    one Bool per named bit of words[offset]
 *  enum:    Text(label of words[offset]), "unknown_N" when the table has no N
 * </pre>
 *
 * @param name metric name for numeric and enum fields; an identifier for bits fields
 * @param type word layout
 * @param offset first register, relative to the block start (≥ 0)
 * @param order word order of 32-bit types
 * @param scale multiplier applied after validity (1 for none; 0.1, 0.01, 0.001 typical)
 * @param flags bit number (0..15) → metric name, iterated by bit, for {@link FieldType#BITS}
 * @param labels code → label, for {@link FieldType#ENUM}
 * @param validity no-data rules for numeric fields
 */
public record RegisterField(String name, FieldType type, int offset, WordOrder order, double scale,
    Map<Integer, String> flags, Map<Integer, String> labels, Validity validity) {

  public RegisterField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (offset < 0) throw new IllegalArgumentException("offset < 0: " + offset);
    order = order == null ? WordOrder.LOW_FIRST : order;
    if (scale == 0 || !Double.isFinite(scale)) throw new IllegalArgumentException("scale must be a non-zero number: " + scale);
    flags = flags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(flags));
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    validity = validity == null ? Validity.NONE : validity;
    for (int bit : flags.keySet()) {
      if (bit < 0 || bit > 15) throw new IllegalArgumentException("bit out of range 0..15: " + bit);
    }
  }

  /** A plain numeric field with no validity rules. */
  public static RegisterField numeric(String name, FieldType type, int offset, double scale) {
    return new RegisterField(name, type, offset, WordOrder.LOW_FIRST, scale, null, null, null);
  }

  /** Registers used: {@code offset .. offset + words - 1}. */
  public int words() {
    return type.words();
  }

  /** The metrics this field produces, in output order. */
  public List<String> metrics() {
    if (type != FieldType.BITS) return List.of(name);
    return List.copyOf(flags.values());
  }

  /** Decodes this field from a block's words ({@code words[0]} is the block start). */
  public void decode(int[] words, ValueSink out) {
    switch (type) {
      case BITS -> decodeBits(words[offset] & 0xFFFF, out);
      case ENUM -> out.put(name, Value.of(label(words[offset] & 0xFFFF)));
      default -> out.put(name, decodeNumber(Words.integer(type, words, offset, order)));
    }
  }

  /** The value of one raw integer: no-data by the validity rules, else raw × scale. */
  public Value decodeNumber(long raw) {
    NoDataReason bad = validity.check(raw);
    if (bad != null) return Value.noData(bad);
    return Value.of(scaled(raw));
  }

  /**
   * raw × scale, dividing by 10^n when the scale is 10^-n so 3985 × 0.1 prints as 398.5. A scale
   * above 1e9 has an inverse that rounds to 0: it multiplies (dividing gave ±infinity).
   */
  public double scaled(long raw) {
    if (scale == 1) return raw;
    double inverse = 1 / scale;
    double rounded = Math.rint(inverse);
    return rounded != 0 && Math.abs(inverse - rounded) < 1e-9 ? raw / rounded : raw * scale;
  }

  public String label(int code) {
    String l = labels.get(code);
    return l != null ? l : "unknown_" + code;
  }

  private void decodeBits(int word, ValueSink out) {
    for (Map.Entry<Integer, String> e : flags.entrySet()) {
      out.put(e.getValue(), Value.of((word & (1 << e.getKey())) != 0));
    }
  }
}
