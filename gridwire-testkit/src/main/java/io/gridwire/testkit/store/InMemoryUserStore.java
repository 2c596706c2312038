package io.gridwire.testkit.store;

import io.gridwire.core.user.Token;
import io.gridwire.core.user.User;
import io.gridwire.core.user.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link UserStore} in memory, for tests. Thread-safe. */
public final class InMemoryUserStore implements UserStore {
  private final ConcurrentHashMap<Long, User> users = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public synchronized User create(User user) {
    if (findByEmail(user.email()).isPresent()) throw new IllegalStateException("email taken: " + user.email());
    User created = new User(ids.incrementAndGet(), user.email(), user.passwordHash(), user.role(), user.createdAt());
    users.put(created.id(), created);
    return created;
  }

  @Override
  public Optional<User> findByEmail(String email) {
    String key = email.trim().toLowerCase(Locale.ROOT);
    return users.values().stream().filter(u -> u.email().equals(key)).findFirst();
  }

  @Override
  public Optional<User> findById(long id) {
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public List<User> list() {
    List<User> out = new ArrayList<>(users.values());
    out.sort(Comparator.comparingLong(User::id));
    return out;
  }

  @Override
  public boolean updatePassword(long userId, String passwordHash) {
    return users.computeIfPresent(userId,
        (id, u) -> new User(u.id(), u.email(), passwordHash, u.role(), u.createdAt())) != null;
  }

  @Override
  public boolean updateRole(long userId, io.gridwire.core.user.Role role) {
    return users.computeIfPresent(userId,
        (id, u) -> new User(u.id(), u.email(), u.passwordHash(), role, u.createdAt())) != null;
  }

  @Override
  public synchronized boolean delete(long userId) {
    tokens.values().removeIf(t -> t.userId() == userId);
    return users.remove(userId) != null;
  }

  @Override
  public int deleteTokens(long userId, String kind, String keepHash) {
    int before = tokens.size();
    tokens.values().removeIf(t -> t.userId() == userId && t.kind().equals(kind) && !t.hash().equals(keepHash));
    return before - tokens.size();
  }

  @Override
  public void saveToken(Token token) {
    tokens.put(token.hash(), token);
  }

  @Override
  public Optional<Token> findToken(String hash) {
    return Optional.ofNullable(tokens.get(hash));
  }

  @Override
  public List<Token> listTokens(String kind) {
    return tokens.values().stream().filter(t -> t.kind().equals(kind))
        .sorted(Comparator.comparing(Token::createdAt).thenComparing(Token::hash)).toList();
  }

  @Override
  public void deleteToken(String hash) {
    tokens.remove(hash);
  }

  @Override
  public int purgeExpiredTokens(Instant now) {
    int before = tokens.size();
    tokens.values().removeIf(t -> t.expired(now));
    return before - tokens.size();
  }

  /** All tokens held, for assertions (hashes only, as a real store). */
  public List<Token> tokens() {
    return List.copyOf(tokens.values());
  }
}
