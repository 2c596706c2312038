package io.gridwire.oig.setting;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandHandler;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OIG box settings through the command ledger (kind {@code oig_setting}, docs/commands.md): the
 * whitelist checks a request; a box's poll takes the oldest open setting of that box as a
 * {@code Setting} frame ({@code sent}); the box's ACK makes it {@code acknowledged}, its NACK
 * {@code rejected}; its {@code tbl_events} "Remotely : table / ITEM: [old]->[new]" line makes it
 * {@code applied}. A setting sent but not acknowledged (the connection dropped) is sent again at
 * the box's next poll; one acknowledged is never sent again. Thread-safe.
 */
public final class OigSettings implements CommandHandler {
  public static final String KIND = "oig_setting";
  /** Gateway setting frames carry ids 14,000,000 + ledger id, above the cloud's (~13.6 M). */
  private static final long ID_BASE = 14_000_000L;
  private static final Pattern REMOTELY =
      Pattern.compile("Remotely\\s*:\\s*(\\w+)\\s*/\\s*(\\w+)\\s*:\\s*\\[([^\\]]*)\\]->\\[([^\\]]*)\\]");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CommandLedger ledger;
  private final SettingWhitelist whitelist;
  private final ZoneId boxZone;
  /**
   * Boxes that may have an open setting: each one a setting was requested for since start, and
   * each one found with an open setting at its first poll (left by the last run). Only their polls
   * ask the ledger, under its lock (which store writes hold); every other poll is answered here.
   */
  private final Set<String> mayHaveOpen = ConcurrentHashMap.newKeySet();
  /** Boxes whose first poll since start has asked the ledger. */
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  public OigSettings(CommandLedger ledger, SettingWhitelist whitelist, ZoneId boxZone) {
    this.ledger = ledger;
    this.whitelist = whitelist;
    this.boxZone = boxZone;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CommandRequest validate(CommandRequest request) {
    SettingItem item = whitelist.require(request.target());
    CommandRequest valid = request.normalised(item.target(), item.normalise(request.value()));
    mayHaveOpen.add(request.deviceId()); // before the ledger stores it: a poll after that asks the ledger
    return valid;
  }

  @Override
  public boolean resendAfterRestart() {
    return true;
  }

  /** A Setting frame on its way to a box, for ledger command {@code commandId}. */
  public record Delivery(long commandId, String target, byte[] bytes) {}

  /**
   * True when a setting may wait for this box: its poll then goes to {@link #deliver}. In memory
   * only (no store call, no expiry), and without the ledger's lock for a box that never had a
   * setting since start, so the proxy's I/O loop may ask on every poll.
   */
  public boolean mayDeliver(String deviceId) {
    if (!mayHaveOpen.contains(deviceId)) {
      if (!asked.add(deviceId)) return false;
      if (!openFor(deviceId)) return false;
      mayHaveOpen.add(deviceId);
      return true;
    }
    return openFor(deviceId);
  }

  private boolean openFor(String deviceId) {
    return ledger.findOpen(deviceId, KIND, c -> c.state() == CommandState.QUEUED || c.state() == CommandState.SENT).isPresent();
  }

  /** The setting to answer this box's poll with, marked {@code sent}; empty when none waits. */
  public Optional<Delivery> deliver(String deviceId, Instant now) {
    Optional<Command> next = ledger.next(deviceId, KIND);
    if (next.isEmpty()) return Optional.empty();
    Command c = next.get();
    SettingItem item = whitelist.require(c.target());
    SettingFrame frame = new SettingFrame(ID_BASE + c.id() % 1_000_000, deviceId, c.createdAt().getEpochSecond(), boxZone,
        c.value(), item.table(), item.item(), SettingFrame.LOCAL_SERVER, now, RANDOM.nextInt(65_536));
    String note = c.attempts() == 0 ? "answered the box's poll" : "sent again (attempt " + (c.attempts() + 1)
        + "): the box did not acknowledge before its connection ended";
    ledger.transition(c.id(), CommandState.SENT, frame.toText(), note);
    return Optional.of(new Delivery(c.id(), c.target(), frame.toBytes()));
  }

  /** The box's {@code <Result>ACK</Result><Reason>Setting</Reason>}. */
  public void acknowledged(long commandId, String boxFrame) {
    ledger.transition(commandId, CommandState.ACKNOWLEDGED, boxFrame, "the box acknowledged; waiting for its tbl_events report");
  }

  /** The box's {@code NACK}, with its reason ({@code WC}: wrong checksum) or none. */
  public void refused(long commandId, String boxFrame, String reason) {
    String why = reason == null || reason.isEmpty() ? "the box refused the setting (NACK without a reason)"
        : "the box refused the setting: NACK " + reason + ("WC".equals(reason) ? " (wrong checksum)" : "");
    ledger.transition(commandId, CommandState.REJECTED, boxFrame, why);
  }

  /**
   * A {@code tbl_events} frame's {@code Content}: a "Remotely" line that matches an acknowledged
   * setting of this box (same table, item and value) makes it {@code applied}. Returns the
   * command applied, if any.
   */
  public Optional<Command> onEvent(String deviceId, String type, String content) {
    if (content == null || !"Setting".equals(type)) return Optional.empty();
    Matcher m = REMOTELY.matcher(content);
    if (!m.find()) return Optional.empty();
    String target = m.group(1) + "/" + m.group(2);
    String value = m.group(4);
    Optional<Command> match = ledger.findOpen(deviceId, KIND,
        c -> c.state() == CommandState.ACKNOWLEDGED && c.target().equals(target) && sameNumber(c.value(), value));
    return match.map(c -> ledger.transition(c.id(), CommandState.APPLIED, content,
        "the box reports " + target + " changed from " + m.group(3) + " to " + value));
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())) == 0;
    } catch (NumberFormatException | NullPointerException e) {
      return a != null && a.equals(b);
    }
  }
}
