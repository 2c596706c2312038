package io.gridwire.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandLedgerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final MapCommandStore store = new MapCommandStore();
  private final Bus<Event> events = new Bus<>("events", e -> "");
  private final List<Event> seen = new CopyOnWriteArrayList<>();
  private final List<Command> pushed = new CopyOnWriteArrayList<>();

  CommandLedgerTest() {
    events.subscribe("test", SubscriberOptions.live(), seen::add);
  }

  @AfterEach
  void close() {
    events.close();
  }

  /** Accepts values 0..5 of one item, {@code X}. */
  private final class Handler implements CommandHandler {
    private final boolean resend;

    Handler(boolean resend) {
      this.resend = resend;
    }

    @Override
    public String kind() {
      return "test";
    }

    @Override
    public CommandRequest validate(CommandRequest r) {
      if (!r.target().equals("X")) throw CommandRefused.invalid("unknown item '" + r.target() + "' (settable: X)");
      int v = Integer.parseInt(r.value());
      if (v < 0 || v > 5) throw CommandRefused.invalid("X out of range: allowed 0..5, was " + v);
      return r;
    }

    @Override
    public void queued(Command c) {
      pushed.add(c);
    }

    @Override
    public boolean resendAfterRestart() {
      return resend;
    }
  }

  private CommandLedger ledger(int maxOpen) {
    CommandLedger l = new CommandLedger(store, events, clock, new LedgerConfig(maxOpen, Duration.ofMinutes(10), Duration.ofHours(1)));
    l.register(new Handler(true));
    return l;
  }

  private static CommandRequest x(String value) {
    return new CommandRequest("d1", "test", "X", value, false, "ops@example.com", null);
  }

  @Test
  void submit_validRequest_queuedStoredAndPublished() throws Exception {
    Command c = ledger(4).submit(x("3"));
    assertThat(c.id()).isPositive();
    assertThat(c.state()).isEqualTo(CommandState.QUEUED);
    assertThat(store.find(c.id())).contains(c);
    assertThat(pushed).containsExactly(c);
    events.awaitDrained(Duration.ofSeconds(5));
    assertThat(seen).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(EventType.COMMAND);
      assertThat(e.data()).containsEntry("state", "queued").containsEntry("command_id", Long.toString(c.id()));
    });
  }

  @Test
  void submit_outOfRange_refusedNamingRange() {
    assertThatThrownBy(() -> ledger(4).submit(x("9"))).isInstanceOf(CommandRefused.class)
        .hasMessageContaining("X out of range: allowed 0..5");
    assertThat(store.open()).isEmpty();
  }

  @Test
  void submit_unknownKind_refused400() {
    CommandRequest r = new CommandRequest("d1", "nope", "X", "1", false, "ops", null);
    assertThatThrownBy(() -> ledger(4).submit(r)).isInstanceOfSatisfying(CommandRefused.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void submit_queueFull_refused429() {
    CommandLedger l = ledger(2);
    l.submit(x("1"));
    l.submit(x("2"));
    assertThatThrownBy(() -> l.submit(x("3"))).isInstanceOfSatisfying(CommandRefused.class,
        e -> assertThat(e.status()).isEqualTo(429));
  }

  @Test
  void ended_openCommand_completesWhenItEndsAndAtOnceAfterwards() throws Exception {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    var waiting = l.ended(a.id());
    l.transition(a.id(), CommandState.SENT, "frame", null);
    assertThat(waiting).isNotDone();
    l.transition(a.id(), CommandState.APPLIED, "read back 1", "applied");
    assertThat(waiting.get().state()).isEqualTo(CommandState.APPLIED);
    assertThat(l.ended(a.id()).get().steps().getLast().evidence()).isEqualTo("read back 1");
    assertThatThrownBy(() -> l.ended(999)).isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void ended_expiredByTtl_completesWithExpired() throws Exception {
    CommandLedger l = ledger(4);
    Command a = l.submit(new CommandRequest("d1", "test", "X", "1", false, "ops", Duration.ofMinutes(1)));
    var waiting = l.ended(a.id());
    clock.advance(Duration.ofMinutes(2));
    l.expireDue();
    assertThat(waiting.get().state()).isEqualTo(CommandState.EXPIRED);
  }

  @Test
  void next_twoQueued_oldestFirstThenNext() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    Command b = l.submit(x("2"));
    assertThat(l.next("d1", "test")).map(Command::id).contains(a.id());
    l.transition(a.id(), CommandState.SENT, "frame", null);
    assertThat(l.next("d1", "test")).map(Command::id).contains(a.id());
    l.transition(a.id(), CommandState.ACKNOWLEDGED, "ack", null);
    assertThat(l.next("d1", "test")).map(Command::id).contains(b.id());
  }

  @Test
  void next_ttlPassed_expiredNotDelivered() {
    CommandLedger l = ledger(4);
    Command a = l.submit(new CommandRequest("d1", "test", "X", "1", false, "ops", Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(2));
    assertThat(l.next("d1", "test")).isEmpty();
    assertThat(l.find(a.id())).get().extracting(Command::state).isEqualTo(CommandState.EXPIRED);
  }

  @Test
  void expireDue_acknowledgedWithoutEvidencePastTtl_failedAndQueuePlaceFreed() {
    CommandLedger l = ledger(1);
    Command a = l.submit(new CommandRequest("d1", "test", "X", "1", false, "ops", Duration.ofMinutes(1)));
    l.transition(a.id(), CommandState.SENT, "frame", null);
    l.transition(a.id(), CommandState.ACKNOWLEDGED, "ack", null);
    clock.advance(Duration.ofMinutes(2));
    assertThat(l.expireDue()).isEqualTo(1);
    assertThat(l.find(a.id()).orElseThrow().state()).isEqualTo(CommandState.FAILED);
    assertThat(l.find(a.id()).orElseThrow().detail()).contains("reported no change");
    assertThat(l.submit(x("2")).state()).isEqualTo(CommandState.QUEUED);
  }

  @Test
  void cancel_queued_cancelled() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    assertThat(l.cancel(a.id(), "ops").state()).isEqualTo(CommandState.CANCELLED);
    assertThat(l.next("d1", "test")).isEmpty();
  }

  @Test
  void cancel_sent_conflict() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    l.transition(a.id(), CommandState.SENT, "frame", null);
    assertThatThrownBy(() -> l.cancel(a.id(), "ops")).isInstanceOfSatisfying(CommandRefused.class,
        e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void transition_acknowledgedToSent_refusedSoNeverSentTwice() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    l.transition(a.id(), CommandState.SENT, "frame", null);
    l.transition(a.id(), CommandState.ACKNOWLEDGED, "ack", null);
    assertThatThrownBy(() -> l.transition(a.id(), CommandState.SENT, "again", null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void restart_sentResendable_stillDeliverable() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    l.transition(a.id(), CommandState.SENT, "frame", null);
    CommandLedger after = ledger(4);
    assertThat(after.next("d1", "test")).map(Command::attempts).contains(1);
  }

  @Test
  void restart_sentNotResendable_failed() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    l.transition(a.id(), CommandState.SENT, "pulse", null);
    CommandLedger after = new CommandLedger(store, events, clock, LedgerConfig.DEFAULTS);
    after.register(new Handler(false));
    Command c = after.find(a.id()).orElseThrow();
    assertThat(c.state()).isEqualTo(CommandState.FAILED);
    assertThat(c.detail()).contains("restarted");
  }

  @Test
  void restart_queued_handedToHandlerAgain() {
    CommandLedger l = ledger(4);
    Command a = l.submit(x("1"));
    pushed.clear();
    ledger(4);
    assertThat(pushed).extracting(Command::id).containsExactly(a.id());
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
