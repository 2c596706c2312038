package io.gridwire.core.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable users and tokens. Thread-safe; blocking. */
public interface UserStore {
  /**
   * Creates a user.
   *
   * @return the user with its assigned id
   * @throws IllegalStateException when the email is taken
   */
  User create(User user);

  Optional<User> findByEmail(String email);

  Optional<User> findById(long id);

  List<User> list();

  /** @return false when no such user */
  boolean updatePassword(long userId, String passwordHash);

  /** @return false when no such user */
  boolean updateRole(long userId, Role role);

  /**
   * Deletes a user and every token it owns (its sessions and the device tokens it issued).
   *
   * @return false when no such user
   */
  boolean delete(long userId);

  /**
   * Deletes a user's tokens of one kind except one (e.g. its other sessions after a password reset).
   *
   * @param keepHash a token hash to keep, or null
   * @return tokens deleted
   */
  int deleteTokens(long userId, String kind, String keepHash);

  void saveToken(Token token);

  Optional<Token> findToken(String hash);

  /** Every stored token of one kind (e.g. {@code device}), oldest first. */
  List<Token> listTokens(String kind);

  void deleteToken(String hash);

  /** @return tokens deleted */
  int purgeExpiredTokens(Instant now);
}
