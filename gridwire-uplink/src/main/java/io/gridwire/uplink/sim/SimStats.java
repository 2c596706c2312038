package io.gridwire.uplink.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's {@code stats} text: connections, what arrived (with and without resends), counts
 * per device (readings: the {@code device_id} inside the message) and per topic (readings and raw
 * MQTT messages alike), and the last messages. Pure.
 */
public final class SimStats {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int TOP = 20;
  static final int MESSAGE_CHARS = 160;

  private SimStats() {}

  /**
   * @param received everything received, in arrival order (duplicates included)
   * @param last how many of the latest messages to show
   */
  public static String format(List<ReceivedMessage> received, int connections, int open, long authFailures,
      String mode, int last) {
    Set<String> ids = new HashSet<>();
    Map<String, Integer> byDevice = new LinkedHashMap<>();
    Map<String, Integer> byTopic = new LinkedHashMap<>();
    int unique = 0;
    for (ReceivedMessage m : received) {
      if (m.id() != null && !ids.add(m.id())) continue; // count each message once; resends show in the totals
      unique++;
      byTopic.merge(String.valueOf(m.topic()), 1, Integer::sum);
      String device = deviceId(m.message());
      if (device != null) byDevice.merge(device, 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append("mode ").append(mode).append("; connections ").append(connections).append(", open ").append(open)
        .append(", auth failures ").append(authFailures).append('\n');
    out.append("messages ").append(unique).append(" unique, ").append(received.size()).append(" received (")
        .append(received.size() - unique).append(" resent)\n");
    table(out, "by device", byDevice);
    table(out, "by topic", byTopic);
    if (!received.isEmpty() && last > 0) {
      out.append("last ").append(Math.min(last, received.size())).append(":\n");
      for (ReceivedMessage m : received.subList(Math.max(0, received.size() - last), received.size())) {
        out.append("  #").append(m.seq()).append(" conn ").append(m.connection()).append(' ').append(m.timestamp())
            .append(' ').append(m.topic()).append(' ').append(shorten(m.message())).append('\n');
      }
    }
    return out.toString();
  }

  private static void table(StringBuilder out, String title, Map<String, Integer> counts) {
    if (counts.isEmpty()) return;
    List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
    rows.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    out.append(title).append(" (").append(rows.size()).append("):\n");
    for (Map.Entry<String, Integer> e : rows.subList(0, Math.min(TOP, rows.size()))) {
      out.append("  ").append(e.getValue()).append("  ").append(e.getKey()).append('\n');
    }
    if (rows.size() > TOP) out.append("  … ").append(rows.size() - TOP).append(" more\n");
  }

  /** The {@code device_id} of a reading message, or null for anything else (raw MQTT payloads). */
  static String deviceId(String message) {
    if (message == null || message.isEmpty() || message.charAt(0) != '{') return null;
    try {
      JsonNode n = JSON.readTree(message);
      JsonNode id = n == null ? null : n.get("device_id");
      return id != null && id.isTextual() && n.has("values") ? id.asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static String shorten(String s) {
    if (s == null) return "(null)";
    String one = s.replace('\n', ' ');
    return one.length() <= MESSAGE_CHARS ? one : one.substring(0, MESSAGE_CHARS) + "… (" + one.length() + " chars)";
  }
}
