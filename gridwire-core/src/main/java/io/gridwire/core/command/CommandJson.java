package io.gridwire.core.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command as the API shows it ({@code GET /api/commands/{id}}, docs/commands.md): a map the web
 * module serialises as JSON. Pure.
 */
public final class CommandJson {
  private CommandJson() {}

  public static Map<String, Object> of(Command c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("device_id", c.deviceId());
    m.put("kind", c.kind());
    m.put("target", c.target());
    m.put("value", c.value());
    m.put("force", c.force());
    m.put("requested_by", c.requestedBy());
    m.put("created_at", c.createdAt().toString());
    m.put("expires_at", c.expiresAt().toString());
    m.put("state", c.state().wireName());
    m.put("attempts", c.attempts());
    m.put("detail", c.detail());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (CommandStep s : c.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("state", s.state().wireName());
      step.put("at", s.at().toString());
      step.put("evidence", s.evidence());
      steps.add(step);
    }
    m.put("steps", steps);
    return m;
  }
}
