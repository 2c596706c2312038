package io.gridwire.modbus.profile;

import java.util.List;
import java.util.Objects;

/**
 * One read request of a profile and the fields decoded from its answer.
 *
 * @param name identifier, unique in the profile
 * @param function 3 (holding registers) or 4 (input registers)
 * @param start first register address (zero-based PDU address, 0..65535)
 * @param count registers read, 1..125 (the Modbus limit of one read)
 * @param group read every poll, or every {@code slowEvery}-th poll
 * @param fields fields inside {@code 0..count-1}
 */
public record Block(String name, int function, int start, int count, Group group, List<Field> fields) {
  public static final int MAX_COUNT = 125;

  public Block {
    Objects.requireNonNull(name, "name");
    group = group == null ? Group.FAST : group;
    fields = List.copyOf(fields);
  }

  /** Last register address read, inclusive. */
  public int end() {
    return start + count - 1;
  }

  public boolean contains(int address) {
    return address >= start && address <= end();
  }

  /** Decodes every field of this block from its answer ({@code words.length == count}). */
  public void decode(int[] words, io.gridwire.modbus.register.ValueSink out) {
    for (Field f : fields) f.codec().decode(words, out);
  }

  /** Reports every metric of this block as {@code value} (used for failed reads). */
  public void fill(io.gridwire.core.reading.Value value, io.gridwire.modbus.register.ValueSink out) {
    for (Field f : fields) {
      for (String m : f.codec().metrics()) out.put(m, value);
    }
  }
}
