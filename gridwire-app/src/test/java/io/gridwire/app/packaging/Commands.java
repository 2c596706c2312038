package io.gridwire.app.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end (bounded), output and errors together. */
final class Commands {
  private Commands() {}

  record Result(int exit, String output) {
    Result ok() {
      if (exit != 0) throw new AssertionError("exit " + exit + ":\n" + output);
      return this;
    }
  }

  static Result run(List<String> cmd, Map<String, String> env, Path dir, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (dir != null) pb.directory(dir.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        out.append(e);
      }
    });
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
      throw new AssertionError(String.join(" ", cmd) + " did not end within " + timeoutSeconds + " s:\n" + out);
    }
    reader.join(10_000);
    return new Result(p.exitValue(), out.toString());
  }
}
