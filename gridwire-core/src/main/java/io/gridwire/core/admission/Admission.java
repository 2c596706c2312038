package io.gridwire.core.admission;

/** What {@link DeviceAdmission} decided for one message of a device. */
public sealed interface Admission permits Admission.Admitted, Admission.Pending, Admission.Refused {

  /** A device: the connector handles the message as usual. */
  record Admitted(boolean created) implements Admission {}

  /** Held until an admin approves it: the message is answered as the protocol needs and otherwise dropped. */
  record Pending() implements Admission {}

  /**
   * Refused: the message is answered as the protocol needs, counted and otherwise dropped.
   *
   * @param detail one sentence for the operator, saying what to do
   */
  record Refused(RefusalReason reason, String detail) implements Admission {}

  default boolean admitted() {
    return this instanceof Admitted;
  }
}
