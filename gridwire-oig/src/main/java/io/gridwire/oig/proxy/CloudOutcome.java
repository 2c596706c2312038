package io.gridwire.oig.proxy;

/** The result of one frame sent to the cloud: answered, not answered in time, or link down. */
public sealed interface CloudOutcome permits CloudOutcome.Answered, CloudOutcome.TimedOut, CloudOutcome.Down {

  /** The cloud's answer frame, bytes as received. */
  record Answered(byte[] raw) implements CloudOutcome {}

  record TimedOut() implements CloudOutcome {}

  /** The socket failed or closed; {@code reason} for the operator. */
  record Down(String reason) implements CloudOutcome {}
}
