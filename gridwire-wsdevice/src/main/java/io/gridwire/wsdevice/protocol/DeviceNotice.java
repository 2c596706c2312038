package io.gridwire.wsdevice.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gateway tells a device about its input, as one text frame:
 * {@code {"status":"error"|"warning","error":code,"detail":sentence}}. Pure.
 */
public final class DeviceNotice {
  private DeviceNotice() {}

  /** Refused input (or a refused connection, before closing it). */
  public static String error(String code, String detail) {
    return notice("error", code, detail);
  }

  /** Like {@link #error}, for input that was used anyway. */
  public static String warning(String code, String detail) {
    return notice("warning", code, detail);
  }

  private static String notice(String status, String code, String detail) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("error", code);
    m.put("detail", detail);
    try {
      return WireJson.MAPPER.writeValueAsString(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
