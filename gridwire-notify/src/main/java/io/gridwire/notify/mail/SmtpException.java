package io.gridwire.notify.mail;

import java.io.IOException;

/** The SMTP server refused a step; carries its reply code (e.g. 550) and text. */
public final class SmtpException extends IOException {
  private final int code;

  public SmtpException(String step, int code, String reply) {
    super(step + " refused: " + reply);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
