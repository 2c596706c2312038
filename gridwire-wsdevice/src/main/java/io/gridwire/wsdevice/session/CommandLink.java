package io.gridwire.wsdevice.session;

/**
 * What a device connection tells the command side ({@code command.Commands} implements it), so
 * sessions know nothing of how commands are sent or shared between nodes. Thread-safe.
 */
public interface CommandLink {
  /** A device's message carrying {@code command_id} (or a binary frame after a broadcast): its reply. */
  void answered(String sessionId, String commandId, String reply);

  /** A newer connection took {@code sessionId} here: the node that held it closes its copy. */
  void closeRemote(String node, String sessionId, String reason);
}
