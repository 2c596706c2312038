package io.gridwire.modbus.profile;

import io.gridwire.core.reading.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: decodes one block of a built-in profile. */
final class Decoded {
  private Decoded() {}

  static final ProfileLibrary LIB = ProfileLibrary.builtIns();

  static Map<String, Value> block(String profile, String block, int[] words) {
    Block b = LIB.get(profile).blocks().stream().filter(x -> x.name().equals(block)).findFirst().orElseThrow();
    if (words.length != b.count()) throw new IllegalArgumentException(block + " needs " + b.count() + " words, got " + words.length);
    Map<String, Value> out = new LinkedHashMap<>();
    b.decode(words, out::put);
    return out;
  }

  /** A block of {@code count} zero words with some set: {@code at(count, offset, value, offset, value ...)}. */
  static int[] at(int count, int... offsetValue) {
    int[] w = new int[count];
    for (int i = 0; i < offsetValue.length; i += 2) w[offsetValue[i]] = offsetValue[i + 1] & 0xFFFF;
    return w;
  }
}
