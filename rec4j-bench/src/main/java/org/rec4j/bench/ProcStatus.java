package org.rec4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory figures of this process from Linux's {@code /proc/self/status}: the peak resident set
 * ({@code VmHWM}, the "high water mark" of RSS) that the performance issue reports.
 */
public final class ProcStatus {
  private ProcStatus() {}

  /**
   * Peak resident set size of this process in MiB, or NaN where {@code /proc/self/status} is
   * unavailable.
   */
  public static double peakRssMb() {
    try {
      return kilobytes(Files.readString(Path.of("/proc/self/status")), "VmHWM") / 1024.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * The value in kB of field {@code key} (e.g. {@code VmHWM}) in the text of a {@code
   * /proc/PID/status} file, whose lines read {@code "VmHWM:\t 123456 kB"}; NaN when the field is
   * absent.
   */
  static double kilobytes(String status, String key) {
    for (String line : status.split("\n")) {
      if (!line.startsWith(key + ":")) continue;
      String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
      if (parts.length != 2 || !parts[1].equals("kB")) {
        throw new IllegalArgumentException(
            "unexpected /proc status line '" + line + "' (expected '" + key + ": N kB')");
      }
      return Long.parseLong(parts[0]);
    }
    return Double.NaN;
  }
}
