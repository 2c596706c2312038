package io.gridwire.rules;

import java.time.Instant;
import java.util.Map;

/**
 * What a check concluded: the alarm's state now, when, and the values behind it.
 *
 * @param active whether the alarm condition holds
 * @param time the reading's timestamp, or the clock's time for a decision taken on a tick
 * @param values the values that matter (plain JSON types)
 */
record Decision(boolean active, Instant time, Map<String, Object> values) {}
