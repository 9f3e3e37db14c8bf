package org.rec4j.serve.events;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on PostgreSQL, when {@code REC4J_PG_URL} names a reachable server ({@code eval "$(.ci/postgres)"} sets
 * it up); skipped otherwise. Each test gets a schema of its own, dropped afterwards.
 */
class PostgresEventStoreIT extends EventStoreContract {
  private static String baseUrl;
  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void findServer() {
    baseUrl = PostgresSchemas.reachableUrl();
  }

  /** Per test rather than per class, so that a run without a server reports each test as skipped. */
  @BeforeEach
  void needsServer() {
    Assumptions.assumeTrue(baseUrl != null, PostgresSchemas.whyUnavailable());
  }

  @Override
  String freshDatabase() {
    String schema = PostgresSchemas.create(baseUrl);
    schemas.add(schema);
    return PostgresSchemas.urlFor(baseUrl, schema);
  }

  /** As {@link JdbcEventStoreKillIT}, with the child writing to PostgreSQL: an acknowledgement means committed. */
  @Test
  void everyAcknowledgedAppendSurvivesKill9(@TempDir Path dir) throws Exception {
    JdbcEventStoreKillIT.assertAcknowledgedSurviveKill(freshDatabase(), dir, () -> {});
  }

  @AfterEach
  void dropSchemas() {
    for (String schema : schemas) PostgresSchemas.drop(baseUrl, schema);
  }
}
