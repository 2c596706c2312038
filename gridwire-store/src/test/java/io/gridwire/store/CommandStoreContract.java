package io.gridwire.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command ledger's table on every storage vendor; subclasses provide a fresh database per test. */
abstract class CommandStoreContract {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<Storage> opened = new ArrayList<>();

  protected abstract StoreSettings config();

  private Storage open() {
    Storage s = Storage.open(config(), clock, new SimpleMeterRegistry());
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeOpened() {
    for (Storage s : opened.reversed()) s.close();
  }

  private static Command queued(String device, String value, Instant at) {
    CommandRequest r = new CommandRequest(device, "oig_setting", "tbl_box_prms/MODE", value, false, "ops@example.com", null);
    return Command.queued(r, at, at.plusSeconds(600));
  }

  @Test
  void insert_twoCommands_risingIdsAndRoundTrip() {
    Storage s = open();
    Command a = s.commands().insert(queued("d1", "3", clock.instant()));
    Command b = s.commands().insert(queued("d1", "0", clock.instant()));
    assertThat(b.id()).isGreaterThan(a.id());
    assertThat(s.commands().find(a.id())).contains(a);
  }

  @Test
  void update_stepsWithEvidence_storedInOrder() {
    Storage s = open();
    Command a = s.commands().insert(queued("d1", "3", clock.instant()));
    Command sent = a.moveTo(CommandState.SENT, clock.instant().plusSeconds(5), "<Frame><ID>1</ID></Frame>", null);
    Command acked = sent.moveTo(CommandState.ACKNOWLEDGED, clock.instant().plusSeconds(6), "<Frame><Result>ACK</Result></Frame>", null);
    s.commands().update(acked);
    Command back = s.commands().find(a.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    assertThat(back.attempts()).isEqualTo(1);
    assertThat(back.steps()).extracting(st -> st.state()).containsExactly(CommandState.QUEUED, CommandState.SENT,
        CommandState.ACKNOWLEDGED);
    assertThat(back.steps().get(1).evidence()).isEqualTo("<Frame><ID>1</ID></Frame>");
  }

  @Test
  void list_byDeviceAndState_newestFirst() {
    Storage s = open();
    Command a = s.commands().insert(queued("d1", "1", clock.instant()));
    Command b = s.commands().insert(queued("d1", "2", clock.instant()));
    s.commands().insert(queued("d2", "3", clock.instant()));
    s.commands().update(a.moveTo(CommandState.CANCELLED, clock.instant(), "", "cancelled by ops"));
    assertThat(s.commands().list(new CommandQuery("d1", null, 10))).extracting(Command::id).containsExactly(b.id(), a.id());
    assertThat(s.commands().list(new CommandQuery(null, CommandState.QUEUED, 10))).hasSize(2);
    assertThat(s.commands().open()).extracting(Command::deviceId).containsExactly("d1", "d2");
  }

  @Test
  void ledger_restart_queuedCommandStillNextInOrder() {
    Storage first = open();
    CommandLedger ledger = new CommandLedger(first.commands(), null, clock, LedgerConfig.DEFAULTS);
    ledger.register(new AcceptAll());
    Command a = ledger.submit(new CommandRequest("d1", "oig_setting", "tbl_box_prms/MODE", "3", false, "ops", Duration.ofHours(1)));
    ledger.submit(new CommandRequest("d1", "oig_setting", "tbl_box_prms/MODE", "0", false, "ops", Duration.ofHours(1)));
    first.close();
    opened.remove(first);

    CommandLedger after = new CommandLedger(open().commands(), null, clock, LedgerConfig.DEFAULTS);
    after.register(new AcceptAll());
    assertThat(after.next("d1", "oig_setting")).map(Command::id).contains(a.id());
  }

  private static final class AcceptAll implements io.gridwire.core.command.CommandHandler {
    @Override
    public String kind() {
      return "oig_setting";
    }

    @Override
    public CommandRequest validate(CommandRequest request) {
      return request;
    }

    @Override
    public boolean resendAfterRestart() {
      return true;
    }
  }
}
