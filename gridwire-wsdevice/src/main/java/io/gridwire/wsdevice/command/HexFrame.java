package io.gridwire.wsdevice.command;

import io.gridwire.core.api.ApiException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A raw frame given as hex, e.g. {@code "09 03 00 00 00 0a c4 85"} (spaces, tabs and colons
 * optional, either case). Pure.
 *
 * @param bytes the frame
 */
public record HexFrame(byte[] bytes) {
  /** The device-server's default: read 10 holding registers from unit 9 (CRC included). */
  public static final String DEFAULT = "09 03 00 00 00 0a c4 85";
  private static final int MAX_BYTES = 512;

  /** Parses hex; a 400 {@code invalid_hex} with the reason when it is not whole bytes of hex. */
  public static HexFrame parse(String text) {
    String s = text == null ? DEFAULT : text;
    String compact = s.replaceAll("[\\s:]", "");
    if (compact.startsWith("0x") || compact.startsWith("0X")) compact = compact.substring(2);
    if (compact.isEmpty()) throw invalid("hex command is empty");
    if (compact.length() % 2 != 0) throw invalid("hex command has an odd number of digits (" + compact.length() + ")");
    if (compact.length() / 2 > MAX_BYTES) throw tooLong();
    for (int i = 0; i < compact.length(); i++) {
      if (Character.digit(compact.charAt(i), 16) < 0) {
        throw invalid("'" + compact.charAt(i) + "' at position " + (i + 1) + " is not a hex digit");
      }
    }
    return new HexFrame(HexFormat.of().parseHex(compact));
  }

  /** Lower-case bytes separated by spaces, as the device-server echoes it. */
  public String spaced() {
    return HexFormat.ofDelimiter(" ").formatHex(bytes).toLowerCase(Locale.ROOT);
  }

  /** The answer to a hex command over {@value #MAX_BYTES} bytes, however it was noticed. */
  public static ApiException tooLong() {
    return invalid("hex command longer than " + MAX_BYTES + " bytes");
  }

  private static ApiException invalid(String detail) {
    return new ApiException(400, "invalid_hex", detail + "; expected e.g. \"" + DEFAULT + "\"");
  }
}
