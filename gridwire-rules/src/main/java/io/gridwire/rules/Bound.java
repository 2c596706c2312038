package io.gridwire.rules;

/**
 * A limit with hysteresis: breached beyond {@code limit}, cleared only once back past
 * {@code clearAt}, so a value hovering at the limit does not flap.
 *
 * <pre>
 *  BELOW 20, clear at 22:   ──raise── v &lt; 20 ······ 20 ≤ v ≤ 22 keeps the state ······ v &gt; 22 ──clear──
 * </pre>
 *
 * @param direction below or above
 * @param limit the value (threshold rules) or slope per hour (rate rules) that is breached
 * @param clearAt where it clears; at or beyond the limit on the safe side
 */
public record Bound(Direction direction, double limit, double clearAt) {
  public enum Direction { BELOW, ABOVE }

  /**
   * @param path key path for messages ({@code alarms.rules[2]})
   * @throws IllegalArgumentException when clearAt is on the wrong side of the limit
   */
  public static Bound of(String path, Direction direction, double limit, Double clearAt) {
    double c = clearAt == null ? limit : clearAt;
    if (!Double.isFinite(limit) || !Double.isFinite(c)) {
      throw new IllegalArgumentException(path + " limit and clear_at must be finite numbers");
    }
    if (direction == Direction.BELOW ? c < limit : c > limit) {
      throw new IllegalArgumentException(path + ".clear_at " + c + " must be " + (direction == Direction.BELOW
          ? "≥ the below limit " : "≤ the above limit ") + limit + " (it is the hysteresis)");
    }
    return new Bound(direction, limit, c);
  }

  public boolean breached(double v) {
    return direction == Direction.BELOW ? v < limit : v > limit;
  }

  /** Back strictly past {@code clearAt} (or simply not breached when there is no hysteresis). */
  public boolean cleared(double v) {
    if (clearAt == limit) return !breached(v);
    return direction == Direction.BELOW ? v > clearAt : v < clearAt;
  }
}
