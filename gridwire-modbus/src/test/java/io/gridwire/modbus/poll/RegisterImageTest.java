package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Group;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterImageTest {
  private static final long S = 1_000_000_000L;
  // holding 10..13 and 14..15 (adjacent blocks), input 10..11, a slow holding block 100..101
  private final RegisterImage image = new RegisterImage(List.of(
      new Block("a", 3, 10, 4, Group.FAST, List.of()), new Block("b", 3, 14, 2, Group.FAST, List.of()),
      new Block("i", 4, 10, 2, Group.FAST, List.of()), new Block("s", 3, 100, 2, Group.SLOW, List.of())), Duration.ofSeconds(1), 5);
  private final int[] out = new int[125];

  @Test
  void read_acrossTwoFreshBlocks_copiesTheWords() {
    image.update(0, new int[] {1, 2, 3, 4}, 0);
    image.update(1, new int[] {5, 6}, 0);
    assertThat(image.read(3, 12, 4, S, out)).isInstanceOf(RegisterImage.Read.Words.class);
    assertThat(java.util.Arrays.copyOf(out, 4)).containsExactly(3, 4, 5, 6);
  }

  @Test
  void read_gapOrOtherFunction_isUnpolled() {
    image.update(0, new int[] {1, 2, 3, 4}, 0);
    image.update(2, new int[] {7, 8}, 0);
    assertThat(image.read(3, 9, 2, S, out)).isInstanceOf(RegisterImage.Read.Unpolled.class);
    assertThat(image.read(4, 11, 2, S, out)).isInstanceOf(RegisterImage.Read.Unpolled.class);
    assertThat(image.read(4, 10, 2, S, out)).isInstanceOf(RegisterImage.Read.Words.class);
  }

  @Test
  void read_neverReadFailedOrOld_isStale_slowBlocksGetSlowEveryTimesLonger() {
    assertThat(image.read(3, 10, 1, S, out)).isInstanceOf(RegisterImage.Read.Stale.class);
    image.update(0, new int[] {1, 2, 3, 4}, 0);
    image.update(3, new int[] {9, 9}, 0);
    assertThat(image.read(3, 10, 1, 3 * S, out)).isInstanceOf(RegisterImage.Read.Words.class);
    assertThat(image.read(3, 10, 1, 3 * S + 1, out)).isInstanceOf(RegisterImage.Read.Stale.class);
    assertThat(image.read(3, 100, 2, 15 * S, out)).isInstanceOf(RegisterImage.Read.Words.class);
    assertThat(image.read(3, 100, 2, 15 * S + 1, out)).isInstanceOf(RegisterImage.Read.Stale.class);
    image.fail(3);
    assertThat(image.read(3, 100, 2, S, out)).isInstanceOf(RegisterImage.Read.Stale.class);
  }

  @Test
  void read_deviceOffline_isStaleUntilBackOnline() {
    image.update(0, new int[] {1, 2, 3, 4}, 0);
    image.offline(true);
    assertThat(image.read(3, 10, 4, S, out)).isInstanceOf(RegisterImage.Read.Stale.class);
    image.offline(false);
    assertThat(image.read(3, 10, 4, S, out)).isInstanceOf(RegisterImage.Read.Words.class);
  }
}
