package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The in-JVM engine-versus-fused comparison runs end to end and summarizes what it printed. */
class StepLimitABTest {
  @Test
  void roundsAlternateAndTheSummaryIsTheirMedian() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    String json = StepLimitAB.run(3, 1, 3000, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String rounds = buf.toString(StandardCharsets.UTF_8);
    assertEquals(3, rounds.lines().filter(l -> l.startsWith("round ")).count(), rounds);
    assertTrue(rounds.contains("(warm-up)"), rounds);
    JsonNode s = new ObjectMapper().readTree(json);
    assertEquals("step-limit-ab", s.path("benchmark").asText());
    assertEquals(2, s.path("rounds").asInt());
    assertEquals(2, s.path("ratios").size());
    double lo = s.path("min_ratio").asDouble(), hi = s.path("max_ratio").asDouble();
    double median = s.path("median_ratio").asDouble();
    assertTrue(lo > 0 && lo <= median && median <= hi, json);
    assertThrows(IllegalArgumentException.class, () -> StepLimitAB.run(2, 2, 3000, System.out));
  }
}
