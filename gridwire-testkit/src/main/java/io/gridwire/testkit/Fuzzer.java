package io.gridwire.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded, time-bounded mutation fuzzer for the network parsers' standing tests. Each case
 * mutates one input of a corpus of valid messages (bit flips, byte changes, deletions,
 * duplications, truncation, splices and tokens from a dictionary such as {@code 1e999}) and
 * hands it to a property, which throws on a violation. Case {@code i} depends only on the seed
 * and {@code i}, so a failure names both and is reproduced by setting them.
 *
 * <pre>
 *  -Dgridwire.fuzz.seconds=N   time per parser (default 2; CI keeps the default)
 *  -Dgridwire.fuzz.seed=S      first seed (default 20261206); a failure prints the seed to rerun
 * </pre>
 */
public final class Fuzzer {
  public static final String SECONDS = "gridwire.fuzz.seconds";
  public static final String SEED = "gridwire.fuzz.seed";
  private static final int MIN_CASES = 2_000;

  private final List<byte[]> corpus;
  private final List<byte[]> dictionary;

  /**
   * @param corpus valid messages to mutate
   * @param dictionary tokens worth inserting (see {@link #tokens})
   */
  public Fuzzer(List<byte[]> corpus, List<byte[]> dictionary) {
    if (corpus.isEmpty()) throw new IllegalArgumentException("corpus is empty");
    this.corpus = List.copyOf(corpus);
    this.dictionary = List.copyOf(dictionary);
  }

  /** Text tokens as UTF-8 bytes. */
  public static List<byte[]> tokens(String... tokens) {
    return java.util.Arrays.stream(tokens).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** The time budget per parser: {@value #SECONDS} seconds, 2 by default. */
  public static Duration budget() {
    return Duration.ofMillis((long) (Double.parseDouble(System.getProperty(SECONDS, "2")) * 1000));
  }

  /**
   * Runs the property on mutated inputs until the budget passes (at least {@value #MIN_CASES}
   * cases); an exception from the property fails with the seed, case and input.
   *
   * @return the number of cases run
   */
  public long run(Consumer<byte[]> property) {
    long seed = Long.getLong(SEED, 20261206L);
    long deadline = System.nanoTime() + budget().toNanos();
    long i = 0;
    while (i < MIN_CASES || System.nanoTime() < deadline) {
      byte[] input = mutate(new SplittableRandom(seed * 1_000_003L + i));
      try {
        property.accept(input);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("fuzz case " + i + " (-D" + SEED + "=" + seed + ") failed on input "
            + HexFormat.of().formatHex(input, 0, Math.min(input.length, 2048)) + ": " + e, e);
      }
      i++;
    }
    return i;
  }

  /** One case: a corpus entry with 1–9 stacked mutations, one in half the cases, two in a quarter ... */
  public byte[] mutate(SplittableRandom r) {
    byte[] b = corpus.get(r.nextInt(corpus.size()));
    int n = 1 + Integer.numberOfTrailingZeros(r.nextInt() | 0x100);
    for (int k = 0; k < n; k++) b = mutateOnce(b, r);
    return b;
  }

  private byte[] mutateOnce(byte[] b, SplittableRandom r) {
    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
    return switch (r.nextInt(8)) { // 5, 6, 7: a dictionary token
      case 0 -> flip(b, r);
      case 1 -> replace(b, at, new byte[] {(byte) r.nextInt(256)}, 1);
      case 2 -> replace(b, at, new byte[0], 1 + r.nextInt(8)); // delete
      case 3 -> replace(b, at, slice(b, r), 0); // duplicate a piece
      case 4 -> java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
      default -> dictionary.isEmpty() ? flip(b, r) // a token, inserted or replacing bytes
          : replace(b, at, dictionary.get(r.nextInt(dictionary.size())), r.nextInt(2) * r.nextInt(12));
    };
  }

  private static byte[] flip(byte[] b, SplittableRandom r) {
    if (b.length == 0) return b;
    byte[] c = b.clone();
    c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
    return c;
  }

  private static byte[] slice(byte[] b, SplittableRandom r) {
    if (b.length == 0) return b;
    int from = r.nextInt(b.length);
    return java.util.Arrays.copyOfRange(b, from, Math.min(b.length, from + 1 + r.nextInt(64)));
  }

  /** {@code b} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
  private static byte[] replace(byte[] b, int at, byte[] insert, int remove) {
    int cut = Math.min(remove, b.length - at);
    byte[] c = new byte[b.length - cut + insert.length];
    System.arraycopy(b, 0, c, 0, at);
    System.arraycopy(insert, 0, c, at, insert.length);
    System.arraycopy(b, at + cut, c, at + insert.length, b.length - at - cut);
    return c;
  }
}
