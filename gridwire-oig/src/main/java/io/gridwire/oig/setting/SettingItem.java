package io.gridwire.oig.setting;

import io.gridwire.core.command.CommandRefused;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One settable item of an OIG box, with its bounds and where the bounds come from.
 *
 * <p>Values are whole numbers {@code min..max} in steps of {@code step} from {@code min}; an item
 * with {@code labels} also takes a label ({@code Home UPS} for {@code 3}).
 *
 * @param table the box table, e.g. {@code tbl_box_prms}
 * @param item the key, e.g. {@code MODE}
 * @param unit the unit ({@code %}, {@code W}, {@code s}) or empty
 * @param min smallest value
 * @param max largest value
 * @param step allowed increment from {@code min} (1 for most)
 * @param labels names of the values {@code min..max} in order, or empty
 * @param meaning one line for the operator
 * @param source where the bounds are documented (protocols/oig.md and the code it cites)
 */
public record SettingItem(String table, String item, String unit, long min, long max, long step, List<String> labels,
    String meaning, String source) {
  public SettingItem {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(item, "item");
    labels = List.copyOf(labels);
    if (max < min || step < 1) throw new IllegalArgumentException(table + "/" + item + ": bad bounds");
  }

  /** {@code table/item}: the target of a command. */
  public String target() {
    return table + "/" + item;
  }

  /** The allowed range as the operator reads it, e.g. {@code 0..10000 step 100 W}. */
  public String range() {
    String r = min == 0 && max == 1 && labels.isEmpty() ? "0 or 1" : min + ".." + max + (step > 1 ? " step " + step : "");
    if (!labels.isEmpty()) {
      StringBuilder b = new StringBuilder(r).append(" (");
      for (int i = 0; i < labels.size(); i++) b.append(i == 0 ? "" : ", ").append(min + i).append(" = ").append(labels.get(i));
      r = b.append(')').toString();
    }
    return unit.isEmpty() ? r : r + " " + unit;
  }

  /**
   * The value as the box expects it (a plain integer).
   *
   * @throws CommandRefused naming the item and the allowed range
   */
  public String normalise(String value) {
    if (value == null || value.isBlank()) throw refuse("needs a value");
    String v = value.trim();
    int label = labels.indexOf(v);
    if (label >= 0) return Long.toString(min + label);
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) v = "1";
    if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) v = "0";
    long n;
    try {
      n = new BigDecimal(v).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw refuse("value '" + clip(value) + "' is not a whole number");
    }
    if (n < min || n > max || (n - min) % step != 0) throw refuse("value " + n + " is out of range");
    return Long.toString(n);
  }

  private CommandRefused refuse(String why) {
    return CommandRefused.invalid(target() + ": " + why + "; allowed " + range() + " (source: " + source + ")");
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
