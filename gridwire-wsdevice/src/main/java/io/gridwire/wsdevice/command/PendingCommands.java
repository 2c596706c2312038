package io.gridwire.wsdevice.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** Commands awaiting a reply: command id → session id, the oldest forgotten beyond a bound. Thread-safe. */
final class PendingCommands {
  private final Map<String, String> byId;

  PendingCommands(int bound) {
    this.byId = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > bound;
      }
    };
  }

  synchronized void put(String commandId, String sessionId) {
    byId.put(commandId, sessionId);
  }

  /** Removes the command if it was sent to that session. */
  synchronized boolean remove(String commandId, String sessionId) {
    return byId.remove(commandId, sessionId);
  }
}
