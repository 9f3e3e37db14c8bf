package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatusTest {
  private static final String STATUS =
      """
      Name:\tjava
      VmPeak:\t 9000000 kB
      VmHWM:\t  524288 kB
      VmRSS:\t  400000 kB
      Threads:\t21
      """;

  @Test
  void readsTheHighWaterMarkInKilobytes() {
    assertEquals(524288, ProcStatus.kilobytes(STATUS, "VmHWM"));
    assertEquals(400000, ProcStatus.kilobytes(STATUS, "VmRSS"));
  }

  @Test
  void absentFieldIsNaNAndMalformedLineFails() {
    assertTrue(Double.isNaN(ProcStatus.kilobytes(STATUS, "VmSwap")));
    assertThrows(
        IllegalArgumentException.class, () -> ProcStatus.kilobytes("VmHWM:\t12 MB\n", "VmHWM"));
  }

  @Test
  void peakRssOfThisProcessIsPositiveOnLinux() {
    double mb = ProcStatus.peakRssMb();
    assertTrue(Double.isNaN(mb) || mb > 1, "peak RSS " + mb + " MB");
  }
}
