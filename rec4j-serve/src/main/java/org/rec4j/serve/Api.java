package org.rec4j.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rec4j.serve.events.Event;
import org.rec4j.serve.events.EventStore;

/**
 * The request handlers, one small method per route (see docs/api.md and {@code /openapi.json}).
 * Handlers parse and validate input, throwing {@link ApiException} for client mistakes, and write
 * JSON. The handler sets the {@code model} request attribute so the metrics know which model
 * answered.
 */
final class Api {
  /**
   * Request bodies of this API are at most four levels deep; anything much deeper is refused before
   * it is built.
   */
  static final int MAX_JSON_DEPTH = 64;

  /** Digits in one JSON number: far more than any valid k, timestamp or value needs. */
  static final int MAX_NUMBER_LENGTH = 64;

  /** Epoch milliseconds of 9999-12-31T23:59:59.999Z, the latest event timestamp accepted. */
  static final long MAX_TIMESTAMP = 253_402_300_799_999L;

  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(MAX_JSON_DEPTH)
                      .maxNumberLength(MAX_NUMBER_LENGTH)
                      .build())
              .build());
  static final String MODEL_ATTR = "rec4j.model";

  /** The items an explanation lists at most: the history items with the largest weights. */
  static final int EXPLAIN_TOP = 10;

  /**
   * The most live events a sequential model's user sequence takes (the newest), whatever the
   * model's {@code maxLength}.
   */
  static final int MAX_SEQUENCE_EVENTS = 1000;

  /** The flag of an answer computed from an unknown user's event sequence alone. */
  static final String FROM_EVENTS = "sequence";

  private final Server.Config config;
  private final ServingRegistry models;
  private final RecommendationCache<ServedModel.Ranked> cache;
  private final EventStore store;
  private final ServeMetrics metrics;
  private final Map<String, LongAdder> itemCounts = new ConcurrentHashMap<>();
  private final byte[] openApi;
  private volatile boolean draining;

  Api(
      Server.Config config,
      ServingRegistry models,
      RecommendationCache<ServedModel.Ranked> cache,
      EventStore store,
      ServeMetrics metrics) {
    this.config = config;
    this.models = models;
    this.cache = cache;
    this.store = store;
    this.metrics = metrics;
    try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
      if (in == null)
        throw new IllegalStateException("openapi.json is missing from the class path");
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on /readyz answers 503 so load balancers stop sending traffic. */
  void startDraining() {
    draining = true;
  }

  // ---- routes ----

  void recommend(Context ctx) {
    String user = required(ctx, "user");
    int k = intParam(ctx, "k", 10, 1, config.maxK());
    boolean excludeSeen = boolParam(ctx, "exclude_seen", true);
    boolean errorOnUnknown = unknownUserPolicy(ctx.queryParam("unknown_user"));
    List<String> candidates =
        ctx.queryParams("candidates").isEmpty() ? null : idList(ctx, "candidates");
    boolean explain = boolParam(ctx, "explain", false);
    ServedModel m = model(ctx, ctx.queryParam("model"));
    if (explain) checkExplains(m);
    int[] among = candidates == null ? null : itemIds(m, candidates, "candidates");
    ctx.result(bytes(answer(m, user, among, k, excludeSeen, errorOnUnknown, explain, "user")));
  }

  void recommendBatch(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode users = body.path("users");
    if (!users.isArray() || users.isEmpty())
      throw ApiException.badRequest("users", "expected a non-empty array of user ids");
    if (users.size() > config.maxBatch())
      throw ApiException.badRequest(
          "users", users.size() + " users exceed the batch limit of " + config.maxBatch());
    int k = intField(body, "k", 10, 1, config.maxK());
    boolean excludeSeen = boolField(body, "exclude_seen", true);
    boolean errorOnUnknown = unknownUserPolicy(textField(body, "unknown_user"));
    List<String> candidates = idArray(body, "candidates");
    boolean explain = boolField(body, "explain", false);
    ServedModel m = model(ctx, textField(body, "model"));
    if (explain) checkExplains(m);
    int[] among = candidates == null ? null : itemIds(m, candidates, "candidates");
    List<Map<String, Object>> results = new ArrayList<>(users.size());
    for (int i = 0; i < users.size(); i++) {
      JsonNode u = users.get(i);
      if (!u.isTextual() && !u.isIntegralNumber())
        throw ApiException.badRequest("users[" + i + "]", "expected a user id (string or integer)");
      results.add(
          answer(
              m, u.asText(), among, k, excludeSeen, errorOnUnknown, explain, "users[" + i + "]"));
    }
    ctx.result(bytes(obj("model", m.key(), "results", results)));
  }

  /**
   * The next items for an anonymous session: {@code {"items": [oldest, ..., newest], "k",
   * "explain", "exclude_seen", "candidates", "model"}}, answered by a sequential model.
   */
  void recommendSession(Context ctx) {
    JsonNode body = body(ctx);
    if (!body.isObject())
      throw ApiException.badRequest(
          "body",
          "expected a JSON object {\"items\": [item ids, oldest first]}; got " + describe(body));
    JsonNode a = body.get("items");
    if (a == null || a.isNull())
      throw ApiException.badRequest(
          "items", "missing: expected an array of item ids, oldest first");
    if (!a.isArray())
      throw ApiException.badRequest(
          "items", "expected an array of item ids, oldest first; got " + describe(a));
    checkIdCount("items", a.size());
    List<String> session = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) session.add(id(a.get(i), "items[" + i + "]"));
    int k = intField(body, "k", 10, 1, config.maxK());
    boolean excludeSeen = boolField(body, "exclude_seen", true);
    boolean explain = boolField(body, "explain", false);
    List<String> candidates = idArray(body, "candidates");
    ServedModel m = model(ctx, textField(body, "model"));
    if (!m.isSequential())
      throw new ApiException(
          422,
          "model",
          m.key()
              + " ("
              + m.model().name()
              + ") is not a sequential model: it cannot rank the next items of a session");
    if (explain) checkExplains(m);
    int[] among = candidates == null ? null : itemIds(m, candidates, "candidates");
    ServedModel.Sequence seq = m.sessionSequence(session);
    if (!seq.unknown().isEmpty()) metrics.sessionItemsUnknown(seq.unknown().size());
    ServedModel.Ranked r =
        m.recommendNext(
            null,
            seq,
            among,
            k,
            excludeSeen,
            excludeSeen ? new LinkedHashSet<>(session) : Set.of(),
            null,
            this::eventCount);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", m.key());
    out.put("items", items(r, explain ? m.because(seq, EXPLAIN_TOP) : null));
    if (r.fallback() != null) out.put("fallback", r.fallback());
    out.put("unknown_items", seq.unknown());
    ctx.result(bytes(out));
  }

  void scores(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode pairs = body.path("pairs");
    if (!pairs.isArray() || pairs.isEmpty())
      throw ApiException.badRequest(
          "pairs", "expected a non-empty array of {\"user\", \"item\"} objects");
    if (pairs.size() > config.maxBatch() * 100)
      throw ApiException.badRequest(
          "pairs", pairs.size() + " pairs exceed the limit of " + config.maxBatch() * 100);
    ServedModel m = model(ctx, textField(body, "model"));
    int n = pairs.size();
    int[] us = new int[n], is = new int[n];
    for (int j = 0; j < n; j++) {
      JsonNode p = pairs.get(j);
      String u = idField(p, "user", "pairs[" + j + "].user"),
          it = idField(p, "item", "pairs[" + j + "].item");
      us[j] = m.userId(u);
      is[j] = m.itemId(it);
      if (us[j] < 0)
        throw ApiException.notFound(
            "pairs[" + j + "].user", "user '" + u + "' is unknown to " + m.key());
      if (is[j] < 0)
        throw ApiException.notFound(
            "pairs[" + j + "].item", "item '" + it + "' is unknown to " + m.key());
    }
    float[] s = m.scorePairs(us, is);
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++)
      out.add(
          obj(
              "user",
              pairs.get(j).get("user").asText(),
              "item",
              pairs.get(j).get("item").asText(),
              "score",
              s[j]));
    ctx.result(bytes(obj("model", m.key(), "scores", out)));
  }

  void userScores(Context ctx) {
    String user = required(ctx, "user");
    List<String> items = idList(ctx, "items");
    ServedModel m = model(ctx, ctx.queryParam("model"));
    int u = m.userId(user);
    if (u < 0) throw ApiException.notFound("user", "user '" + user + "' is unknown to " + m.key());
    int[] is = itemIds(m, items, "items"), us = new int[is.length];
    Arrays.fill(us, u);
    float[] s = m.scorePairs(us, is);
    List<Map<String, Object>> out = new ArrayList<>(is.length);
    for (int j = 0; j < is.length; j++) out.add(obj("item", items.get(j), "score", s[j]));
    ctx.result(bytes(obj("model", m.key(), "user", user, "scores", out)));
  }

  void similar(Context ctx) {
    String item = ctx.pathParam("id");
    int k = intParam(ctx, "k", 10, 1, config.maxK());
    ServedModel m = model(ctx, ctx.queryParam("model"));
    if (!m.hasItemEmbeddings())
      throw new ApiException(
          422, "model", m.key() + " (" + m.model().name() + ") has no item embeddings to compare");
    int i = m.itemId(item);
    if (i < 0) throw ApiException.notFound("id", "item '" + item + "' is unknown to " + m.key());
    ServedModel.Ranked r = m.similar(i, k);
    ctx.result(bytes(obj("item", item, "model", m.key(), "items", items(r))));
  }

  void listModels(Context ctx) {
    ctx.result(bytes(obj("models", models.describe())));
  }

  void reload(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode body = ctx.bodyAsBytes().length == 0 ? JSON.createObjectNode() : body(ctx);
    String version = textField(body, "version");
    boolean rollback = boolField(body, "rollback", false);
    if (rollback && version != null)
      throw ApiException.badRequest("rollback", "give either 'version' or 'rollback', not both");
    ServedModel before = null;
    try {
      before = models.resolve(name, null);
    } catch (ApiException e) {
      // first load of this name
    }
    ServedModel now = rollback ? models.rollback(name) : models.reload(name, version);
    ctx.attribute(MODEL_ATTR, now.key());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("current", now.version());
    out.put("replaced", before == null ? null : before.version());
    out.put("top_k", now.usesHnsw() ? "hnsw" : "exact");
    ctx.result(bytes(out));
  }

  void events(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode arr = body.isArray() ? body : body.path("events");
    if (!arr.isArray() || arr.isEmpty())
      throw ApiException.badRequest("events", "expected a non-empty array of events");
    if (arr.size() > config.maxBatch())
      throw ApiException.badRequest(
          "events", arr.size() + " events exceed the batch limit of " + config.maxBatch());
    long now = System.currentTimeMillis();
    List<Event> events = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) events.add(event(arr.get(i), "events[" + i + "]", now));
    try {
      store.append(events);
    } catch (RuntimeException e) {
      throw new ApiException(
          503, null, "the event store did not accept the events: " + e.getMessage());
    }
    Set<String> touched = new LinkedHashSet<>();
    for (Event e : events) {
      touched.add(e.user());
      if (e.type() != Event.Type.IMPRESSION)
        itemCounts.computeIfAbsent(e.item(), x -> new LongAdder()).increment();
    }
    touched.forEach(cache::invalidateUser);
    metrics.eventsAppended(events.size());
    ctx.result(bytes(obj("accepted", events.size())));
  }

  void healthz(Context ctx) {
    ctx.result(bytes(obj("status", "ok")));
  }

  void readyz(Context ctx) {
    boolean ready = models.ready() && !draining;
    ctx.status(ready ? 200 : 503)
        .result(bytes(obj("ready", ready, "models", models.names(), "draining", draining)));
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  void openapi(Context ctx) {
    ctx.result(openApi);
  }

  // ---- helpers ----

  /**
   * The answer for one user: the top k of the catalog, or of the dense items {@code candidates}
   * when not null. Answers over candidates bypass the cache (its key has no room for the set).
   */
  private Map<String, Object> answer(
      ServedModel m,
      String user,
      int[] candidates,
      int k,
      boolean excludeSeen,
      boolean errorOnUnknown,
      boolean explain,
      String userField) {
    if (user.isBlank()) throw ApiException.badRequest(userField, "expected a non-empty user id");
    if (errorOnUnknown && m.userId(user) < 0)
      throw ApiException.notFound(
          userField, "user '" + user + "' is unknown to " + m.key() + " (unknown_user=error)");
    RecommendationCache.Key key =
        candidates == null && !explain ? cache.key(m.instanceKey(), user, k, excludeSeen) : null;
    ServedModel.Ranked r = key == null ? null : cache.get(key);
    boolean cached = r != null;
    List<ServedModel.Weight> because = null;
    if (r == null && m.isSequential()) {
      ServedModel.Sequence seq = userSequence(m, user);
      Set<String> exclude = excludeSeen ? store.itemsOf(user) : Set.of();
      String flag = m.userId(user) < 0 ? FROM_EVENTS : null;
      r = m.recommendNext(user, seq, candidates, k, excludeSeen, exclude, flag, this::eventCount);
      if (explain) because = m.because(seq, EXPLAIN_TOP);
      if (key != null) cache.put(key, r);
    } else if (r == null) {
      boolean unknown =
          m.userId(user) < 0; // an unknown user's events drive the fold-in even without exclusion
      Set<String> seen = excludeSeen || unknown ? store.itemsOf(user) : Set.of();
      Set<String> exclude = excludeSeen ? seen : Set.of(), history = unknown ? seen : Set.of();
      r =
          candidates == null
              ? m.recommend(user, k, excludeSeen, exclude, history, this::eventCount)
              : m.recommendAmong(
                  user, candidates, k, excludeSeen, exclude, history, this::eventCount);
      if (key != null) cache.put(key, r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("model", m.key());
    out.put("items", items(r, because));
    if (r.fallback() != null) out.put("fallback", r.fallback());
    out.put("cached", cached);
    return out;
  }

  /**
   * Raw user {@code user}'s sequence for the sequential model {@code m}: their training history,
   * then the items of their non-impression events in the store, oldest first — for a user the model
   * knows only events timed at or after the model's load (older ones are taken to be in its
   * training history), for an unknown user all of them.
   */
  private ServedModel.Sequence userSequence(ServedModel m, String user) {
    long since = m.userId(user) < 0 ? Long.MIN_VALUE : m.loadedAtMillis();
    List<Event> newestFirst =
        store.recentInteractions(user, since, Math.min(m.maxSequenceLength(), MAX_SEQUENCE_EVENTS));
    List<String> items = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) items.add(newestFirst.get(i).item());
    return m.userSequence(user, items);
  }

  /** A 400 on {@code explain} unless {@code m} has attention weights to explain with. */
  private static void checkExplains(ServedModel m) {
    if (!m.explainsSequences())
      throw ApiException.badRequest(
          "explain",
          "explain is not supported by model "
              + m.key()
              + " ("
              + m.model().name()
              + "): "
              + (m.isSequential()
                  ? "it gives no attention weights"
                  : "it is not a sequential model"));
  }

  private long eventCount(String item) {
    LongAdder a = itemCounts.get(item);
    return a == null ? 0 : a.sum();
  }

  private static List<Map<String, Object>> items(ServedModel.Ranked r) {
    return items(r, null);
  }

  /**
   * The answer's items with their scores and, when {@code because} is not null, each with the
   * sequence items that drove it (the same list for every item: the weights come from the sequence,
   * not from the item).
   */
  private static List<Map<String, Object>> items(
      ServedModel.Ranked r, List<ServedModel.Weight> because) {
    List<Map<String, Object>> why = null;
    if (because != null) {
      why = new ArrayList<>(because.size());
      for (ServedModel.Weight w : because) why.add(obj("item", w.item(), "weight", w.weight()));
    }
    List<Map<String, Object>> out = new ArrayList<>(r.items().length);
    for (int i = 0; i < r.items().length; i++) {
      Map<String, Object> item = obj("item", r.items()[i], "score", r.scores()[i]);
      if (why != null) item.put("because", why);
      out.add(item);
    }
    return out;
  }

  private ServedModel model(Context ctx, String spec) {
    ServedModel m = models.resolve(spec, config.defaultModel());
    ctx.attribute(MODEL_ATTR, m.key());
    return m;
  }

  private static boolean unknownUserPolicy(String v) {
    if (v == null || v.equals("popularity")) return false;
    if (v.equals("error")) return true;
    throw ApiException.badRequest(
        "unknown_user", "expected 'popularity' or 'error', got '" + v + "'");
  }

  private static Event event(JsonNode e, String path, long now) {
    if (!e.isObject()) throw ApiException.badRequest(path, "expected an event object");
    String user = idField(e, "user", path + ".user"), item = idField(e, "item", path + ".item");
    String t = e.path("type").asText("");
    Event.Type type;
    try {
      type = Event.Type.valueOf(t.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException x) {
      throw ApiException.badRequest(
          path + ".type", "expected one of impression, click, rating, purchase; got '" + t + "'");
    }
    JsonNode v = e.get("value");
    if (v == null && type == Event.Type.RATING)
      throw ApiException.badRequest(path + ".value", "a rating needs a value");
    double value = v == null ? 1 : finiteNumber(v, path + ".value");
    JsonNode ts = e.get("timestamp");
    long timestamp =
        ts == null
            ? now
            : integer(
                ts,
                path + ".timestamp",
                0,
                MAX_TIMESTAMP,
                "integer epoch milliseconds between 0 (1970-01-01) and "
                    + MAX_TIMESTAMP
                    + " (9999-12-31T23:59:59.999Z)");
    return new Event(user, item, type, value, timestamp);
  }

  /**
   * The integer in {@code v}, which must be a JSON integer within {@code min..max}; anything else
   * (a string, a fraction, a number outside the range or outside 64 bits) is a 400 naming {@code
   * field} and {@code what} was expected (an integer and its range, in words).
   */
  static long integer(JsonNode v, String field, long min, long max, String what) {
    if (!v.isIntegralNumber())
      throw ApiException.badRequest(field, "expected " + what + "; got " + describe(v));
    if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      throw ApiException.badRequest(
          field, "out of range: expected " + what + "; got " + v.asText());
    }
    return v.longValue();
  }

  /**
   * The number in {@code v}, which must be a JSON number that is finite as a double; else a 400
   * naming {@code field}.
   */
  static double finiteNumber(JsonNode v, String field) {
    if (!v.isNumber())
      throw ApiException.badRequest(field, "expected a number; got " + describe(v));
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw ApiException.badRequest(
          field,
          "out of range: expected a finite number between "
              + -Double.MAX_VALUE
              + " and "
              + Double.MAX_VALUE
              + "; got "
              + v.asText());
    }
    return d;
  }

  /**
   * A short description of a JSON value for error messages: the number or a string value, else its
   * JSON type.
   */
  private static String describe(JsonNode v) {
    if (v.isNumber()) return v.asText();
    if (v.isTextual())
      return "the string '"
          + (v.asText().length() > 40 ? v.asText().substring(0, 40) + "…" : v.asText())
          + "'";
    return v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String idField(JsonNode o, String name, String path) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) throw ApiException.badRequest(path, "missing");
    return id(v, path);
  }

  private static String id(JsonNode v, String path) {
    if (!v.isTextual() && !v.isIntegralNumber())
      throw ApiException.badRequest(path, "expected an id (string or integer)");
    if (v.asText().isBlank()) throw ApiException.badRequest(path, "expected a non-empty id");
    return v.asText();
  }

  /**
   * The item ids of body field {@code name}, or null when it is absent: a non-empty array of at
   * most {@link #maxIds} ids, a mistake naming {@code name} or {@code name[i]}.
   */
  private List<String> idArray(JsonNode body, String name) {
    JsonNode a = body.get(name);
    if (a == null || a.isNull()) return null;
    if (!a.isArray() || a.isEmpty())
      throw ApiException.badRequest(name, "expected a non-empty array of item ids");
    checkIdCount(name, a.size());
    List<String> ids = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) ids.add(id(a.get(i), name + "[" + i + "]"));
    return ids;
  }

  /**
   * The item ids of query parameter {@code name}, in the order given: comma-separated, the
   * parameter possibly repeated ({@code name[i]} counts over all of them); at most {@link #maxIds}.
   */
  private List<String> idList(Context ctx, String name) {
    List<String> ids = new ArrayList<>();
    for (String v : ctx.queryParams(name)) ids.addAll(Arrays.asList(v.split(",", -1)));
    if (ids.isEmpty() || ids.size() == 1 && ids.get(0).isBlank())
      throw ApiException.badRequest(
          name, "missing query parameter '" + name + "': expected comma-separated item ids");
    checkIdCount(name, ids.size());
    for (int i = 0; i < ids.size(); i++)
      if (ids.get(i).isBlank())
        throw ApiException.badRequest(name + "[" + i + "]", "expected a non-empty item id");
    return ids;
  }

  /**
   * The most item ids one request may list: 100 × maxBatch, as many as pairs in POST /v1/scores.
   */
  private long maxIds() {
    return config.maxBatch() * 100L;
  }

  private void checkIdCount(String name, int n) {
    if (n > maxIds())
      throw ApiException.badRequest(name, n + " item ids exceed the limit of " + maxIds());
  }

  /** Dense ids of the raw items {@code ids}; an unknown one is a 404 naming {@code field[i]}. */
  private static int[] itemIds(ServedModel m, List<String> ids, String field) {
    int[] out = new int[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.itemId(ids.get(i));
      if (out[i] < 0)
        throw ApiException.notFound(
            field + "[" + i + "]", "item '" + ids.get(i) + "' is unknown to " + m.key());
    }
    return out;
  }

  private static JsonNode body(Context ctx) {
    byte[] b = ctx.bodyAsBytes();
    if (b.length == 0)
      throw ApiException.badRequest("body", "the request body is empty; expected JSON");
    JsonNode n;
    try {
      n = JSON.readTree(b);
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest("body", "request body: " + limitExceeded(e));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "body", "malformed JSON: " + firstLine(e.getOriginalMessage()) + where(e.getLocation()));
    } catch (IOException | RuntimeException e) {
      throw ApiException.badRequest("body", "unreadable JSON body: " + firstLine(e.getMessage()));
    }
    if (n == null || n.isMissingNode())
      throw ApiException.badRequest("body", "the request body is empty; expected JSON");
    return n;
  }

  /**
   * Which of the parser's limits a body broke, in words (the parser's own message names its
   * internal setting).
   */
  private static String limitExceeded(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("nesting depth")) return "JSON nested deeper than " + MAX_JSON_DEPTH + " levels";
    if (m.contains("Number value length"))
      return "a JSON number longer than " + MAX_NUMBER_LENGTH + " characters";
    return "JSON exceeds a parser limit: " + firstLine(m);
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) return "";
    return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String firstLine(String m) {
    if (m == null || m.isBlank()) return "no details";
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank())
      throw ApiException.badRequest(name, "missing query parameter '" + name + "'");
    return v;
  }

  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    return checkInt(name, ctx.queryParam(name), dflt, min, max);
  }

  private static int checkInt(String name, String v, int dflt, int min, int max) {
    if (v == null) return dflt;
    String t = v.trim();
    if (!t.matches("[+-]?[0-9]+"))
      throw ApiException.badRequest(
          name,
          "expected an integer, got '" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'");
    java.math.BigInteger k = new java.math.BigInteger(t);
    if (k.compareTo(java.math.BigInteger.valueOf(min)) < 0
        || k.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw ApiException.badRequest(
          name,
          "must be between "
              + min
              + " and "
              + max
              + ", got "
              + (t.length() > 40 ? t.substring(0, 40) + "…" : k));
    }
    return k.intValue();
  }

  private static boolean boolParam(Context ctx, String name, boolean dflt) {
    String v = ctx.queryParam(name);
    if (v == null) return dflt;
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.badRequest(name, "expected true or false, got '" + v + "'");
    };
  }

  private static int intField(JsonNode body, String name, int dflt, int min, int max) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return dflt;
    return (int) integer(v, name, min, max, "an integer between " + min + " and " + max);
  }

  private static boolean boolField(JsonNode body, String name, boolean dflt) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return dflt;
    if (!v.isBoolean()) throw ApiException.badRequest(name, "expected true or false");
    return v.asBoolean();
  }

  private static String textField(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiException.badRequest(name, "expected a string");
    return v.asText();
  }

  /** A JSON object with its keys in the given order (Map.of would shuffle them). */
  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static byte[] bytes(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a response", e);
    }
  }
}
