package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  @Test
  void writesFieldsInOrderWithNestedValues() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("hr@10", 0.5);
    q.put("ndcg@10", null);
    String s =
        new JsonLine()
            .put("workload", "mf-ml1m")
            .put("threads", 2)
            .put("ok", true)
            .put("quality", q)
            .put("runs", new double[] {1.0, 0.25})
            .put("models", List.of("ncf", "neumf"))
            .toString();
    assertEquals(
        "{\"workload\":\"mf-ml1m\",\"threads\":2,\"ok\":true,\"quality\":{\"hr@10\":0.5,\"ndcg@10\":null},"
            + "\"runs\":[1,0.25],\"models\":[\"ncf\",\"neumf\"]}",
        s);
  }

  @Test
  void roundsToSevenSignificantDigitsWithoutExponent() {
    assertEquals(
        "{\"a\":1234568,\"b\":0.6838,\"c\":0.0001234568,\"d\":-2.5}",
        new JsonLine()
            .put("a", 1234567.89)
            .put("b", 0.6838000059127808)
            .put("c", 1.23456789e-4)
            .put("d", -2.5f)
            .toString());
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertEquals(
        "{\"a\":null,\"b\":null}",
        new JsonLine().put("a", Double.NaN).put("b", Double.POSITIVE_INFINITY).toString());
  }

  @Test
  void escapesStrings() {
    assertEquals(
        "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\"}",
        new JsonLine().put("s", "a\"b\\c\nd\u0001").toString());
  }

  @Test
  void rejectsValuesItCannotWrite() {
    assertThrows(
        IllegalArgumentException.class, () -> new JsonLine().put("x", new Object()).toString());
  }
}
