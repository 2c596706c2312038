package io.gridwire.app.cli;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.wiring.UserAccounts;
import io.gridwire.core.user.Role;
import io.gridwire.core.user.User;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwire users add|list|passwd|role|remove}: user management against the configured store. */
@Command(name = "users", description = "Manage users (stored in the configured database).",
    subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Passwd.class,
        UsersCommand.SetRole.class, UsersCommand.Remove.class})
public final class UsersCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Reads a password: from stdin with --password-stdin, else from the console twice. */
  static String readPassword(boolean fromStdin) throws Exception {
    if (fromStdin) {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) throw new IllegalArgumentException("no password on standard input");
      return line;
    }
    Console console = System.console();
    if (console == null) throw new IllegalArgumentException("no console to ask for the password; use --password-stdin");
    char[] a = console.readPassword("Password: ");
    char[] b = console.readPassword("Repeat:   ");
    if (a == null || b == null || !new String(a).equals(new String(b))) throw new IllegalArgumentException("passwords do not match");
    return new String(a);
  }

  @Command(name = "add", description = "Add a user.")
  static final class Add implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Option(names = "--email", required = true) String email;
    @Option(names = "--role", defaultValue = "viewer", description = "admin, operator or viewer (default viewer).") String role;
    @Option(names = "--password-stdin", description = "Read the password from standard input.") boolean stdin;

    @Override
    public Integer call() throws Exception {
      Role r = Role.fromWire(role);
      String password = readPassword(stdin);
      GridwireConfig cfg = config.load();
      try (UserAccounts accounts = UserAccounts.open(cfg)) {
        User u = accounts.admin().addUser(email, password, r);
        System.out.println("added " + u.email() + " (" + u.role().wireName() + ")");
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List users.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() {
      try (UserAccounts accounts = UserAccounts.open(config.load())) {
        for (User u : accounts.admin().list()) {
          System.out.printf("%-40s %-8s created %s%n", u.email(), u.role().wireName(), u.createdAt());
        }
      }
      return 0;
    }
  }

  @Command(name = "passwd", description = "Set a user's password.")
  static final class Passwd implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Option(names = "--email", required = true) String email;
    @Option(names = "--password-stdin", description = "Read the password from standard input.") boolean stdin;

    @Override
    public Integer call() throws Exception {
      String password = readPassword(stdin);
      try (UserAccounts accounts = UserAccounts.open(config.load())) {
        accounts.admin().setPassword(email, password);
        System.out.println("password changed for " + email);
      }
      return 0;
    }
  }

  @Command(name = "role", description = "Change a user's role (the last admin cannot be demoted).")
  static final class SetRole implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Option(names = "--email", required = true) String email;
    @Option(names = "--role", required = true, description = "admin, operator or viewer.") String role;

    @Override
    public Integer call() {
      Role r = Role.fromWire(role);
      try (UserAccounts accounts = UserAccounts.open(config.load())) {
        User u = accounts.admin().setRole(email, r);
        System.out.println(u.email() + " is now " + u.role().wireName());
      }
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a user, its sessions and the device tokens it issued (never the last admin).")
  static final class Remove implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Option(names = "--email", required = true) String email;

    @Override
    public Integer call() {
      try (UserAccounts accounts = UserAccounts.open(config.load())) {
        User u = accounts.admin().remove(email);
        System.out.println("removed " + u.email());
      }
      return 0;
    }
  }
}
