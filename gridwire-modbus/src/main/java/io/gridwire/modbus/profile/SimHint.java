package io.gridwire.modbus.profile;

/**
 * What the simulator serves for a field (ignored by the poller).
 *
 * @param nominal engineering value (after scale) the simulated value wanders around; for enum
 *     fields the code
 * @param jitter relative wander, 0..1 (0.02 = ±2 %)
 * @param sentinel serve the Smartgen no-data sentinel 32766 instead
 */
public record SimHint(double nominal, double jitter, boolean sentinel) {
  public static final SimHint ZERO = new SimHint(0, 0, false);
  public static final SimHint SENTINEL = new SimHint(0, 0, true);
}
