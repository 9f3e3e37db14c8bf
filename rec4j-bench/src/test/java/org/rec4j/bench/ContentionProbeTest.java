package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContentionProbeTest {
  @Test
  void busyTicksLeaveOutIdleAndIowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    String line = "cpu  1000 20 300 90000 500 7 11 3 0 0";
    assertEquals(1000 + 20 + 300 + 7 + 11 + 3, ContentionProbe.busyTicks(line));
  }

  @Test
  void rejectsAPerCoreOrShortLine() {
    assertThrows(
        IllegalArgumentException.class, () -> ContentionProbe.busyTicks("cpu0 1 2 3 4 5 6 7 8"));
    assertThrows(IllegalArgumentException.class, () -> ContentionProbe.busyTicks("cpu 1 2 3"));
  }
}
