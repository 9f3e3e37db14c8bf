package org.rec4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The adaptive spin budget, and that a lane runs each submitted task once and reports its failure.
 */
class LaneTest {
  @Test
  void spinBudgetHalvesAfterParkedWaitsAndRecoversAfterQuickOnes() {
    int s = Lane.MAX_SPINS;
    for (int i = 0; i < 30; i++) s = Lane.nextSpins(s, false);
    assertEquals(Lane.MIN_SPINS, s, "oversubscribed: the budget bottoms out");
    s = Lane.nextSpins(s, false);
    assertEquals(Lane.MIN_SPINS, s);
    for (int i = 0; i < 30; i++) s = Lane.nextSpins(s, true);
    assertEquals(Lane.MAX_SPINS, s, "idle again: back to the full spin");
    assertEquals(Lane.MAX_SPINS / 2, Lane.nextSpins(Lane.MAX_SPINS, false));
    assertEquals(2 * Lane.MIN_SPINS, Lane.nextSpins(Lane.MIN_SPINS, true));
  }

  @Test
  void runsEachTaskOnceAndRethrowsItsFailure() throws Exception {
    Lane lane = new Lane("test-lane");
    lane.start();
    try {
      AtomicInteger runs = new AtomicInteger();
      for (int i = 0; i < 200; i++) {
        if (i % 50 == 0)
          Thread.sleep(2); // long gaps make the lane park, short ones keep it spinning
        lane.submit(runs::incrementAndGet);
        lane.await();
        assertEquals(i + 1, runs.get());
      }
      lane.submit(() -> {
        throw new IllegalStateException("boom");
      });
      assertEquals("boom", assertThrows(IllegalStateException.class, lane::await).getMessage());
      lane.submit(runs::incrementAndGet);
      lane.await();
      assertEquals(201, runs.get(), "usable after a failure");
    } finally {
      lane.shutdown();
      lane.join(5_000);
    }
  }
}
