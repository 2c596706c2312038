package io.gridwire.oig.proxy;

import io.gridwire.oig.codec.OigFrame;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Cloud Settings sent to one box and not yet confirmed, oldest first: the box's ACK does not
 * name its setting, and the box confirms in order. Bounded; the oldest unconfirmed is forgotten.
 * On the session's {@link IoLoop} only.
 */
final class SentSettings {
  private static final int MAX_UNCONFIRMED = 16;

  private final ArrayDeque<OigFrame> sent = new ArrayDeque<>();
  private final ProxyContext ctx;
  private final SessionView session;

  SentSettings(ProxyContext ctx, SessionView session) {
    this.ctx = ctx;
    this.session = session;
  }

  /** A cloud Setting goes to the box; remembered before the box sees it, so its ACK finds it. */
  void sent(OigFrame setting) {
    if (sent.size() == MAX_UNCONFIRMED) sent.pollFirst();
    sent.addLast(setting);
    String deviceId = session.deviceId();
    if (deviceId != null) ctx.telemetry().onSettingSent(deviceId, setting, ctx.clock().instant());
  }

  /** The box acknowledged the oldest Setting (null when none was remembered). */
  void confirmed(String deviceId, Instant now) {
    OigFrame confirmed = sent.pollFirst();
    ctx.telemetry().onSettingConfirmed(deviceId, confirmed, now);
  }
}
