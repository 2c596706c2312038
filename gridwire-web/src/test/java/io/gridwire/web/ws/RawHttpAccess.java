package io.gridwire.web.ws;

import java.io.IOException;
import java.io.InputStream;

/** Opens {@link RawHttp} to tests in other packages. */
public final class RawHttpAccess {
  private RawHttpAccess() {}

  /** Reads a response head and returns its status. */
  public static int status(InputStream in) throws IOException {
    return RawHttp.readHead(in).status();
  }
}
