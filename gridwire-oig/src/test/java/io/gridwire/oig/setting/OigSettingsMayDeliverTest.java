package io.gridwire.oig.setting;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.LedgerConfig;
import io.gridwire.core.event.Event;
import io.gridwire.testkit.store.InMemoryCommandStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll check the proxy's I/O loop makes: answered without the ledger for a box with no setting, never wrong. */
class OigSettingsMayDeliverTest {
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final InMemoryCommandStore store = new InMemoryCommandStore();

  @AfterEach
  void close() {
    events.close();
  }

  private CommandLedger ledger() {
    return new CommandLedger(store, events, Clock.systemUTC(), LedgerConfig.DEFAULTS);
  }

  private static CommandRequest mode(String box) {
    return new CommandRequest(box, OigSettings.KIND, "tbl_box_prms/MODE", "1", false, "admin@example.org", null);
  }

  @Test
  void aSettingRequestedAfterTheFirstPoll_isDeliveredAtTheNextPoll_thenNoLonger() {
    CommandLedger ledger = ledger();
    OigSettings settings = new OigSettings(ledger, SettingWhitelist.standard(), ZoneId.of("Europe/Prague"));
    ledger.register(settings);
    assertThat(settings.mayDeliver("2206237016")).isFalse();
    assertThat(settings.mayDeliver("2206237016")).as("asked once: answered in memory").isFalse();

    ledger.submit(mode("2206237016"));
    assertThat(settings.mayDeliver("2206237016")).isTrue();
    assertThat(settings.mayDeliver("2206237017")).as("another box").isFalse();

    assertThat(settings.deliver("2206237016", Instant.now())).isPresent();
    assertThat(settings.mayDeliver("2206237016")).as("sent, not acknowledged: sent again").isTrue();
  }

  @Test
  void aSettingLeftOpenByTheLastRun_isFoundAtTheBoxsFirstPoll() {
    CommandLedger before = ledger();
    OigSettings first = new OigSettings(before, SettingWhitelist.standard(), ZoneId.of("Europe/Prague"));
    before.register(first);
    before.submit(mode("2206237016"));

    CommandLedger after = ledger(); // a restart: the same store, a new ledger and settings
    OigSettings settings = new OigSettings(after, SettingWhitelist.standard(), ZoneId.of("Europe/Prague"));
    after.register(settings);
    assertThat(settings.mayDeliver("2206237016")).isTrue();
    assertThat(settings.mayDeliver("2206237016")).isTrue();
  }
}
