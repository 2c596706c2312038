package io.gridwire.modbus.poll;

import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Group;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The raw registers of a device's latest poll, one slot per profile block: the word array the
 * transport decoded (kept by reference, no copy) and when it was read. The poller writes two
 * array slots per block read; readers (the Modbus server façade) copy out ranges. Thread-safe.
 *
 * <p>A slot is stale when it is older than three of its read periods (interval, times
 * {@code slowEvery} for slow blocks), when its last read failed, or while the device is offline.
 */
public final class RegisterImage {
  private static final long NEVER = Long.MIN_VALUE;
  private final int[] function;
  private final int[] start;
  private final int[] count;
  private final long[] maxAgeNanos;
  private final AtomicReferenceArray<int[]> words;
  private final AtomicLongArray readAt;
  private volatile boolean offline;

  /** What a read of the image found. */
  public sealed interface Read {
    /** Every register of the range, copied into the caller's array. */
    record Words() implements Read {}

    /** Some register of the range is in no polled block of that function. */
    record Unpolled() implements Read {}

    /** The range is polled but its data is stale, failed or the device is offline. */
    record Stale() implements Read {}
  }

  private static final Read WORDS = new Read.Words();
  private static final Read UNPOLLED = new Read.Unpolled();
  private static final Read STALE = new Read.Stale();

  RegisterImage(List<Block> blocks, Duration interval, int slowEvery) {
    int n = blocks.size();
    function = new int[n];
    start = new int[n];
    count = new int[n];
    maxAgeNanos = new long[n];
    words = new AtomicReferenceArray<>(n);
    readAt = new AtomicLongArray(n);
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      function[i] = b.function();
      start[i] = b.start();
      count[i] = b.count();
      maxAgeNanos[i] = interval.toNanos() * 3 * (b.group() == Group.SLOW ? slowEvery : 1);
      readAt.set(i, NEVER);
    }
  }

  void update(int slot, int[] w, long nanos) {
    words.set(slot, w);
    readAt.set(slot, nanos);
  }

  void fail(int slot) {
    readAt.set(slot, NEVER);
  }

  void offline(boolean offline) {
    if (this.offline != offline) this.offline = offline;
  }

  /**
   * Copies registers {@code address .. address+n-1} of {@code fc} (3 holding, 4 input) into
   * {@code out} from 0; {@link Read.Unpolled} wins over {@link Read.Stale}.
   */
  public Read read(int fc, int address, int n, long nowNanos, int[] out) {
    boolean stale = offline;
    for (int a = address; a < address + n; ) {
      int slot = slotOf(fc, a);
      if (slot < 0) return UNPOLLED;
      long at = readAt.get(slot);
      int[] w = words.get(slot);
      if (at == NEVER || w == null || nowNanos - at > maxAgeNanos[slot]) stale = true;
      int end = Math.min(address + n, start[slot] + count[slot]);
      if (!stale) System.arraycopy(w, a - start[slot], out, a - address, end - a);
      a = end;
    }
    return stale ? STALE : WORDS;
  }

  private int slotOf(int fc, int address) {
    for (int i = 0; i < function.length; i++) {
      if (function[i] == fc && address >= start[i] && address < start[i] + count[i]) return i;
    }
    return -1;
  }
}
