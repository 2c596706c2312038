package io.gridwire.core.command;

import io.gridwire.core.port.CommandStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The ledger's store for core tests (core cannot use the testkit). */
final class MapCommandStore implements CommandStore {
  private final TreeMap<Long, Command> rows = new TreeMap<>();
  private long nextId = 1;

  @Override
  public synchronized Command insert(Command command) {
    Command c = command.withId(nextId++);
    rows.put(c.id(), c);
    return c;
  }

  @Override
  public synchronized void update(Command command) {
    if (!rows.containsKey(command.id())) throw new IllegalStateException("no command " + command.id());
    rows.put(command.id(), command);
  }

  @Override
  public synchronized Optional<Command> find(long id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public synchronized List<Command> list(CommandQuery q) {
    return rows.descendingMap().values().stream()
        .filter(c -> q.deviceId() == null || c.deviceId().equals(q.deviceId()))
        .filter(c -> q.state() == null || c.state() == q.state())
        .limit(q.limit())
        .toList();
  }

  @Override
  public synchronized List<Command> open() {
    return rows.values().stream().filter(c -> !c.state().terminal()).sorted(Comparator.comparingLong(Command::id)).toList();
  }
}
