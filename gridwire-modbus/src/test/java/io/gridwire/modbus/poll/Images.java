package io.gridwire.modbus.poll;

import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Group;
import java.time.Duration;
import java.util.List;

/** Register images of one block for tests outside the poll package. */
public final class Images {
  private Images() {}

  /** One block of {@code fc} at {@code start}, just read, holding 1000+address. */
  public static RegisterImage fresh(int fc, int start, int count) {
    RegisterImage i = never(fc, start, count);
    int[] w = new int[count];
    for (int k = 0; k < count; k++) w[k] = 1000 + start + k;
    i.update(0, w, System.nanoTime());
    return i;
  }

  /** One block never read. */
  public static RegisterImage never(int fc, int start, int count) {
    return new RegisterImage(List.of(new Block("b", fc, start, count, Group.FAST, List.of())), Duration.ofMinutes(1), 5);
  }
}
