package io.gridwire.core.command;

/**
 * Which commands to list, newest first.
 *
 * @param deviceId only this device, or null for all
 * @param state only this state, or null for all
 * @param limit at most this many, 1–1000
 */
public record CommandQuery(String deviceId, CommandState state, int limit) {
  public CommandQuery {
    if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
  }
}
