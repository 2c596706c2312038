package io.gridwire.mqtt.ingest;

import java.util.ArrayList;
import java.util.List;

/** Parses ingest topics into {@link DeviceTopic}s. Pure and thread-safe. */
public final class TopicParser {
  private TopicParser() {}

  /** The parsed topic, or null when it does not follow the layout (counted as malformed). */
  public static DeviceTopic parse(String topic) {
    if (topic == null || topic.length() > 512) return null;
    List<String> p = split(topic);
    if (p.size() < 4 || p.get(0).isEmpty()) return null;
    for (String level : p) if (level.isEmpty()) return null;
    if (p.size() == 5 && p.get(1).equals("datalogger")) {
      DeviceTopic.Channel ch = DeviceTopic.Channel.parse(p.get(4));
      return ch == null ? null : new DeviceTopic(p.get(0), "datalogger", p.get(2), p.get(3), ch);
    }
    if (p.size() == 4 && p.get(1).equals("gateway")) {
      DeviceTopic.Channel ch = DeviceTopic.Channel.parse(p.get(3));
      return ch == null ? null : new DeviceTopic(p.get(0), "gateway", null, p.get(2), ch);
    }
    return null;
  }

  /** The subscription filters for the given sites; an empty list means every site. */
  public static List<String> filters(List<String> sites) {
    List<String> roots = sites.isEmpty() ? List.of("+") : sites;
    List<String> out = new ArrayList<>();
    for (String s : roots) {
      out.add(s + "/datalogger/+/+/+");
      out.add(s + "/gateway/+/+");
    }
    return out;
  }

  private static List<String> split(String topic) {
    List<String> out = new ArrayList<>(6);
    int start = 0;
    for (int i = 0; i < topic.length() && out.size() < 7; i++) {
      if (topic.charAt(i) == '/') {
        out.add(topic.substring(start, i));
        start = i + 1;
      }
    }
    out.add(topic.substring(start));
    return out;
  }
}
