package io.gridwire.core.port;

import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandQuery;
import java.util.List;
import java.util.Optional;

/**
 * Where the command ledger lives, so commands survive a restart (SQLite or PostgreSQL).
 * Thread-safe; every method blocks on I/O and throws a runtime exception when the store fails.
 */
public interface CommandStore {
  /** Stores a new command; returns it with the id the store assigned (rising). */
  Command insert(Command command);

  /** Replaces the stored state, attempts, detail and steps of {@code command.id()}. */
  void update(Command command);

  Optional<Command> find(long id);

  /** Newest first. */
  List<Command> list(CommandQuery query);

  /** Every command not yet in a terminal state, oldest first. */
  List<Command> open();
}
