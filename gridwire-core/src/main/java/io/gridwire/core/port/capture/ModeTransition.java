package io.gridwire.core.port.capture;

import java.time.Instant;

/** A session changing mode ({@code forward} ⇄ {@code offline}) and why. */
public record ModeTransition(long connectionId, String deviceId, Instant time, String from, String to, String reason) {}
