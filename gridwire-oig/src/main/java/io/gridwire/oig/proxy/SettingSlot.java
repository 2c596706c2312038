package io.gridwire.oig.proxy;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.oig.codec.FrameKind;
import io.gridwire.oig.codec.OigFrame;
import io.gridwire.oig.codec.OigFrameBuilder;
import io.gridwire.oig.setting.OigSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local-setting exchange of one box connection, in forward and offline mode alike:
 *
 * <pre>
 *   box  IsNewSet / IsNewWeather / IsNewFW ──▶ gateway: a setting waits → Setting frame (the cloud never sees the poll)
 *   box  ACK Reason=Setting  or  NACK      ──▶ gateway: acknowledged / rejected → END Time UTCTime ToDo=GetActual
 *   box  tbl_events "Remotely : …"         ──▶ forwarded or answered as usual; the setting becomes applied
 * </pre>
 *
 * Calls that reach the command ledger (a store) run on the session's {@link SerialLane}, one at
 * a time; {@link #mayAnswer} runs on its {@link IoLoop} while nothing runs on the lane for it.
 */
final class SettingSlot {
  private static final Logger log = LoggerFactory.getLogger(SettingSlot.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final OigSettings settings;
  private final ZoneId boxZone;
  private final List<String> appliedOffline = new ArrayList<>();
  private volatile OigSettings.Delivery awaiting;

  /** @param settings null: the gateway makes no settings (the slot does nothing) */
  SettingSlot(OigSettings settings, ZoneId boxZone) {
    this.settings = settings;
    this.boxZone = boxZone;
  }

  /**
   * True when {@code frame} may belong to a local setting exchange ({@link #onBoxFrame} then
   * decides, off the loop); false for the frames that go their usual way. No store call.
   */
  boolean mayAnswer(String deviceId, OigFrame frame) {
    if (settings == null || deviceId == null) return false;
    return awaiting != null || frame.kind() == FrameKind.POLL && settings.mayDeliver(deviceId);
  }

  /** True when the gateway makes settings (events and connection ends then go to the slot). */
  boolean active() {
    return settings != null;
  }

  /**
   * The gateway's own answer when {@code frame} belongs to a local setting exchange (a poll a
   * setting answers, or the box's ACK/NACK of it); null when the frame goes its usual way.
   *
   * @param raw the frame's bytes; turned into text only when a setting exchange records it
   */
  byte[] onBoxFrame(String deviceId, OigFrame frame, byte[] raw, Instant now) {
    if (settings == null || deviceId == null) return null;
    if (awaiting != null) {
      OigSettings.Delivery d = awaiting;
      awaiting = null;
      if (frame.kind() == FrameKind.SETTING_ACK) {
        settings.acknowledged(d.commandId(), SessionCapture.text(raw));
        return endGetActual(now);
      }
      if (frame.kind() == FrameKind.NACK) {
        settings.refused(d.commandId(), SessionCapture.text(raw), frame.get("Reason"));
        return endGetActual(now);
      }
      log.info("OIG box {} answered setting {} ({}) with a {} frame instead of ACK; it is sent again at the next poll",
          deviceId, d.commandId(), d.target(), frame.kind().wireName());
    }
    if (frame.kind() != FrameKind.POLL) return null;
    Optional<OigSettings.Delivery> next = settings.deliver(deviceId, now);
    if (next.isEmpty()) return null;
    awaiting = next.get();
    return awaiting.bytes();
  }

  /** A box {@code tbl_events} frame; an applied local setting is remembered while {@code offline}. */
  void onEvents(String deviceId, OigFrame frame, boolean offline) {
    if (settings == null || deviceId == null) return;
    settings.onEvent(deviceId, frame.get("Type"), frame.get("Content")).ifPresent(c -> {
      if (offline) appliedOffline.add(c.target() + " := " + c.value() + " (command " + c.id() + ")");
    });
  }

  /**
   * The cloud answers again: settings applied locally meanwhile are reported once (log and a
   * {@code NOTICE} event), since the vendor app may show stale values.
   */
  void cloudBack(String deviceId, Bus<Event> events, Instant now) {
    if (appliedOffline.isEmpty()) return;
    String list = String.join(", ", appliedOffline);
    appliedOffline.clear();
    log.info("OIG box {}: the cloud answers again; settings made locally while it was away: {}. The vendor app may show"
        + " the old values until the box next reports its parameters", deviceId, list);
    events.publish(new Event(now, deviceId, EventType.NOTICE, "settings made locally while the OIG cloud was away: "
        + list + "; the vendor app may show stale values", Map.of("settings", list)));
  }

  /** The connection ended: a setting sent and not acknowledged stays {@code sent} and is sent again. */
  void closed(String deviceId) {
    if (awaiting == null) return;
    log.info("OIG box {} disconnected before acknowledging setting {} ({}); it is sent again at its next poll",
        deviceId, awaiting.commandId(), awaiting.target());
    awaiting = null;
  }

  /** What the cloud answers the box's setting ACK: {@code END} with times and {@code ToDo=GetActual} (oig.md §5). */
  static byte[] endGetActual(Instant now, ZoneId zone) {
    return OigFrameBuilder.create()
        .add("Result", "END")
        .add("Time", TIME.format(now.atZone(zone)))
        .add("UTCTime", TIME.format(now.atZone(ZoneOffset.UTC)))
        .add("ToDo", "GetActual")
        .toBytes();
  }

  private byte[] endGetActual(Instant now) {
    return endGetActual(now, boxZone);
  }
}
