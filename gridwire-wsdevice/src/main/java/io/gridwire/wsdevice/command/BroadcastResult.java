package io.gridwire.wsdevice.command;

/**
 * The outcome of a broadcast to every connected device of every node.
 *
 * @param commandId the id of the broadcast (in every {@code command_sent} event it caused)
 * @param total sessions targeted
 * @param sent frames written
 * @param failed frames not written, including sessions on unreachable nodes
 * @param hex the frame as lower-case spaced hex
 */
public record BroadcastResult(String commandId, int total, int sent, int failed, String hex) {}
