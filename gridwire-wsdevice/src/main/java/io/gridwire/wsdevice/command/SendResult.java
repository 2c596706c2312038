package io.gridwire.wsdevice.command;

/**
 * The outcome of one command.
 *
 * @param commandId the id given to the command (also in its events)
 * @param sessionId the target session
 * @param node the node that holds (held) the session, or null when none does
 * @param outcome how it ended
 * @param detail why it failed, or null
 */
public record SendResult(String commandId, String sessionId, String node, SendOutcome outcome, String detail) {}
