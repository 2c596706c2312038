package io.gridwire.core.admission;

/**
 * The grammar of a device id that arrives from the network (an OIG {@code ID_Device}, an MQTT
 * {@code serial_number}, a WebSocket device id):
 *
 * <pre>
 *  id     = alnum *63( alnum / "." / "_" / ":" / "-" )     1 to 64 ASCII characters
 *  alnum  = A-Z / a-z / 0-9
 *  and no ".." anywhere, and not a reserved word ({@link #RESERVED})
 * </pre>
 *
 * So an id is safe as a file name, a URL path segment, an MQTT topic level and a log word: no
 * path separators, no {@code ..}, no spaces, control characters, markup ({@code <>&"'}) or
 * non-ASCII look-alikes (U+FFFD). Pure, thread-safe.
 */
public final class DeviceIdRule {
  /** Longest accepted id. */
  public static final int MAX_LENGTH = 64;
  /**
   * Ids that are literal API routes ({@code /api/devices/pending}, {@code /api/devices/admission}):
   * a device of that id could never be read, approved or deleted through the API.
   */
  public static final java.util.Set<String> RESERVED = java.util.Set.of("pending", "admission");

  private DeviceIdRule() {}

  /** Null when {@code id} follows the grammar, else one sentence saying what is wrong. */
  public static String problem(String id) {
    if (id == null || id.isEmpty()) return "the id is empty";
    if (id.length() > MAX_LENGTH) return "the id has " + id.length() + " characters (at most " + MAX_LENGTH + ")";
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') {
        return "the id contains " + describe(c) + " at position " + i + " (allowed: letters, digits, . _ : -)";
      }
    }
    if (id.contains("..")) return "the id contains '..'";
    if (!alnum(id.charAt(0))) return "the id must start with a letter or digit";
    if (RESERVED.contains(id)) return "the id '" + id + "' is reserved (it is the API route /api/devices/" + id + ")";
    return null;
  }

  public static boolean valid(String id) {
    return problem(id) == null;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
