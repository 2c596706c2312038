package io.gridwire.wsdevice.command;

/**
 * What one node asks another over the cluster bus, as JSON (snake_case).
 *
 * <pre>
 *  {"op":"send","command_id":"c-…","session_id":"dev-7","payload":"{…}","by":"admin@x","from":"node-b"}
 *  {"op":"broadcast","command_id":"c-…","hex":"09 03 …","by":…,"from":…}
 *  {"op":"close","session_id":"dev-7","reason":"replaced …","from":…}
 *  answer: {"outcome":"delivered","detail":null,"total":0,"sent":0,"failed":0}
 * </pre>
 */
public final class NodeMessage {
  private NodeMessage() {}

  /** A request; fields unused by an op are null. */
  public record Request(String op, String commandId, String sessionId, String payload, String hex, String by,
      String from, String reason) {}

  /** An answer; counts are for {@code broadcast}. */
  public record Answer(String outcome, String detail, int total, int sent, int failed) {
    static Answer of(SendOutcome o, String detail) {
      return new Answer(o.wireName(), detail, 0, 0, 0);
    }
  }
}
