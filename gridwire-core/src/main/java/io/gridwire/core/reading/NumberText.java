package io.gridwire.core.reading;

import java.util.Locale;
import java.util.Set;

/**
 * The one rule by which every connector reads a number written as text (an OIG element, a JSON
 * string): what reads as a number is a number if finite, else no-data {@code out_of_range};
 * never a text value. Pure and thread-safe.
 *
 * <pre>
 *  number   = [+-] ( digits [ "." digits? ] | "." digits ) [ ("e" | "E") [+-] digits ]
 *  named    = [+-] ( "NaN" | "Inf" | "Infinity" )                   any letter case
 *  "12.5"   → 12.5        "1e3" → 1000        "1e999", 400 digits, "NaN", "-Inf" → out_of_range
 *  "1.2.3", "0x1F", "", "abc" → not a number (null): the caller keeps its text rule
 * </pre>
 */
public final class NumberText {
  private static final Set<String> NAMED = Set.of("nan", "inf", "infinity");

  private NumberText() {}

  /**
   * @param text the text as sent (not trimmed)
   * @return {@link Value.Num} for a finite number, {@link Value#OUT_OF_RANGE} for a non-finite
   *     one, or null when the text is no number
   */
  public static Value parse(String text) {
    if (text == null || text.isEmpty()) return null;
    if (isNamedNonFinite(text)) return Value.OUT_OF_RANGE;
    if (!isNumber(text)) return null;
    return Value.of(Double.parseDouble(text)); // overflow parses to ±infinity: out of range
  }

  /**
   * Whether {@code text} follows the number grammar above, checked by hand: it runs for every
   * value of every frame, and a regular expression cost several times the parse itself.
   */
  static boolean isNumber(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) i++;
    int intDigits = digits(text, i);
    i += intDigits;
    int fracDigits = 0;
    if (i < n && text.charAt(i) == '.') {
      fracDigits = digits(text, i + 1);
      i += 1 + fracDigits;
    }
    if (intDigits == 0 && fracDigits == 0) return false; // "", "+", ".", "+."
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) i++;
      int expDigits = digits(text, i);
      if (expDigits == 0) return false;
      i += expDigits;
    }
    return i == n;
  }

  /** How many ASCII digits start at {@code from}. */
  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
    return i - from;
  }

  /** Whether {@code text} is a number that is not finite: a NaN/Inf/Infinity word, or an overflowing literal. */
  public static boolean isNonFinite(String text) {
    Value v = parse(text);
    return v != null && v.isNoData();
  }

  private static boolean isNamedNonFinite(String text) {
    char c = text.charAt(text.length() - 1); // every named form ends in a letter: numbers are out at once
    if (text.length() > 9 || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) return false;
    String s = text.charAt(0) == '+' || text.charAt(0) == '-' ? text.substring(1) : text;
    return NAMED.contains(s.toLowerCase(Locale.ROOT));
  }
}
