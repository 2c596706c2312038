package io.gridwire.oig.codec;

/**
 * What a frame is, by direction-independent content (protocols/oig.md §4). The rule that a frame
 * carrying {@code ID_Set} and {@code ID_SubD} is a setting confirmation is wrong (real
 * {@code tbl_batt} frames carry both) and is not used here.
 */
public enum FrameKind {
  /** Box data table: {@code TblName} without {@code Result}. */
  TABLE,
  /** Box poll {@code IsNewSet}/{@code IsNewWeather}/{@code IsNewFW}, possibly carrying a table. */
  POLL,
  /** Box end of batch: {@code Result=END} with {@code Reason=All data sent}. */
  BOX_END,
  /** Box confirmation of a setting: {@code Result=ACK}, {@code Reason=Setting}. */
  SETTING_ACK,
  /** Cloud {@code ACK} + {@code ToDo=GetActual}. */
  ACK_GET_ACTUAL,
  /** Cloud plain {@code ACK}. */
  ACK,
  /** Cloud {@code END} (any variant). */
  END,
  /** {@code NACK} (any reason). */
  NACK,
  /** Cloud setting frame ({@code Reason=Setting} with {@code NewValue}). */
  SETTING,
  /** Cloud weather answer. */
  WEATHER,
  OTHER;

  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  public static FrameKind of(OigFrame f) {
    String result = f.result();
    String reason = f.get("Reason");
    if (result == null) {
      if ("Setting".equals(reason) && f.get("NewValue") != null) return SETTING;
      return f.table() != null ? TABLE : OTHER;
    }
    return switch (result) {
      case "IsNewSet", "IsNewWeather", "IsNewFW" -> POLL;
      case "ACK" -> "Setting".equals(reason) ? SETTING_ACK
          : "GetActual".equals(f.get("ToDo")) ? ACK_GET_ACTUAL : ACK;
      case "END" -> f.get("Rdt") != null || "All data sent".equals(reason) ? BOX_END : END;
      case "NACK" -> NACK;
      case "Weather" -> WEATHER;
      default -> OTHER;
    };
  }

  /** The wire name used in capture and statistics, e.g. {@code ack_get_actual}. */
  public String wireName() {
    return wireName;
  }
}
