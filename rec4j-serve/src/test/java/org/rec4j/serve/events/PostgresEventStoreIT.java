package org.rec4j.serve.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on PostgreSQL, when {@code REC4J_PG_URL} names a reachable server ({@code eval
 * "$(.ci/postgres)"} sets it up); skipped otherwise. Each test gets a schema of its own, dropped
 * afterwards.
 */
class PostgresEventStoreIT extends EventStoreContract {
  private static String baseUrl;
  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void findServer() {
    baseUrl = PostgresSchemas.reachableUrl();
  }

  /**
   * Per test rather than per class, so that a run without a server reports each test as skipped.
   */
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

  /**
   * As {@link JdbcEventStoreKillIT}, with the child writing to PostgreSQL: an acknowledgement means
   * committed.
   */
  @Test
  void everyAcknowledgedAppendSurvivesKill9(@TempDir Path dir) throws Exception {
    JdbcEventStoreKillIT.assertAcknowledgedSurviveKill(freshDatabase(), dir, () -> {});
  }

  @Test
  void connectionsTheServerDropsAreReplaced() throws Exception {
    String application = "rec4j-test-" + UUID.randomUUID();
    // An ApplicationName in the URL overrides the store's, so we can find (only) this store's
    // backends.
    try (JdbcEventStore store =
        JdbcEventStore.open(freshDatabase() + "&ApplicationName=" + application)) {
      store.append(List.of(event("u", "before", Event.Type.CLICK, 1)));
      assertEquals(Set.of("before"), store.itemsOf("u"));
      assertEquals(2, backends(application, true), "writer and reader terminated");
      while (backends(application, false) > 0) Thread.sleep(10);

      store.append(List.of(event("u", "after", Event.Type.CLICK, 2)));
      assertEquals(Set.of("before", "after"), store.itemsOf("u"));
      assertTrue(backends(application, false) >= 2, "new writer and reader connections");
    }
  }

  /** Counts the backends named {@code application}, terminating them if {@code terminate}. */
  private static int backends(String application, boolean terminate) throws SQLException {
    String count = terminate ? "count(pg_terminate_backend(pid))" : "count(*)";
    try (Connection c = DriverManager.getConnection(baseUrl);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + count + " FROM pg_stat_activity WHERE application_name = ?")) {
      s.setString(1, application);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @AfterEach
  void dropSchemas() {
    for (String schema : schemas) PostgresSchemas.drop(baseUrl, schema);
  }
}
