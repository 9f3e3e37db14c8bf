package org.rec4j.ctr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rec4j.data.Dataset;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.Interactions;
import org.rec4j.data.io.LibFmData;
import org.rec4j.data.io.LibFmReader;
import org.rec4j.data.io.MovieLens100kReader;
import org.rec4j.data.io.MovieLens1mReader;

/**
 * Builds the CTR tasks of rec4j from the shared data sets.
 *
 * <ul>
 *   <li><b>MovieLens 1M / 100K</b>: every rating is an impression, label 1 when the rating is ≥ 4;
 *       fields {@code user_id, item_id, gender, age, occupation, zip} (first 3 characters), {@code
 *       genres} (multi-hot, mean pooling), {@code year} (bucketized by decade, finer after 1990);
 *       ML-100K ages (years) are bucketized at the ML-1M age-group boundaries. Seeded random 8:1:1
 *       split of the ratings; gAUC groups by user.
 *   <li><b>Frappe</b> (NFM/AFN libFM files, 10 one-hot fields): only the validation and test files
 *       are shared, so the validation file is split 8:1 (seeded) into train and validation and the
 *       test file is the test set; each field's ids are numbered over the validation file, unseen
 *       test ids map to the field's unknown id; labels −1/1 become 0/1; gAUC groups by the user
 *       field.
 * </ul>
 */
public final class CtrTasks {
  /** Year boundaries: decades to 1990, then 5-year buckets. */
  static final double[] YEAR_BOUNDARIES = {1930, 1940, 1950, 1960, 1970, 1980, 1990, 1995, 2000};

  /** ML-1M age-group lower bounds (under 18, 18–24, 25–34, 35–44, 45–49, 50–55, 56+). */
  static final double[] AGE_BOUNDARIES = {18, 25, 35, 45, 50, 56};

  private static final int ZIP_PREFIX = 3;

  private CtrTasks() {}

  /**
   * Task {@code kind} ({@code ml-1m}, {@code ml-100k} or {@code frappe}) from {@code path} split
   * with {@code seed}.
   */
  public static CtrTask load(String kind, Path path, long seed) {
    return switch (kind.toLowerCase(java.util.Locale.ROOT)) {
      case "ml-1m" -> movieLens("ml-1m", MovieLens1mReader.read(path), seed);
      case "ml-100k" -> movieLens("ml-100k", MovieLens100kReader.read(path), seed);
      case "frappe" -> frappe(path, seed);
      default ->
          throw new IllegalArgumentException(
              "unknown CTR dataset '" + kind + "'; expected one of ml-1m, ml-100k, frappe");
    };
  }

  /**
   * The CTR task of a rated dataset with user or item features (MovieLens with its user and item
   * files; a side without a feature table contributes its id field only).
   */
  public static CtrTask movieLens(String name, Dataset data, long seed) {
    FeatureTable users = data.users().orElse(null), items = data.items().orElse(null);
    if (users == null && items == null)
      throw new IllegalArgumentException(
          name + ": no user or item features (e.g. users.dat / movies.dat, u.user / u.item)");
    Interactions in = data.interactions();
    int n = in.size();
    int[] u = in.userColumn(), i = in.itemColumn();
    float[] labels = new float[n];
    for (int r = 0; r < n; r++) labels[r] = in.value(r) >= 4f ? 1f : 0f;
    EntityFeatures entities = entityFeatures(users, items, in.numUsers(), in.numItems());
    FieldDataset all = entities.examples(u, i, labels, u, in.valueColumn());
    int[][] split = FieldDataset.randomSplitRows(n, seed, 0.8, 0.1, 0.1);
    List<FieldDataset> parts = new ArrayList<>();
    for (int[] r : split) parts.add(all.subset(r));
    if (all.positiveRate() == 0 || all.positiveRate() == 1)
      throw new IllegalArgumentException(
          name
              + ": every example has label "
              + (int) all.positiveRate()
              + " (label = rating >= 4); the CTR task needs ratings on a 1-5 scale with both kinds");
    List<List<String>> crosses = suggestedCrosses(entities);
    List<String> notes =
        List.of(
            String.format(
                "%s: %,d ratings, label rating >= 4 (positive rate %.3f), seeded 8:1:1 random split (seed %d)",
                name, n, all.positiveRate(), seed));
    return new CtrTask(
        name,
        parts.get(0),
        parts.get(1),
        parts.get(2),
        crosses,
        notes,
        entities,
        in.subset(split[0]),
        in.subset(split[2]));
  }

  /**
   * Wide&amp;Deep crosses: the MovieLens pairs (user id, gender, age, occupation × genres; item id
   * × gender, age) whose fields exist, else every user feature × item feature, else user id × item
   * id.
   */
  static List<List<String>> suggestedCrosses(EntityFeatures e) {
    FieldSchema schema = e.schema();
    List<List<String>> ml =
        List.of(
            List.of("user_id", "genres"),
            List.of("gender", "genres"),
            List.of("age", "genres"),
            List.of("occupation", "genres"),
            List.of("item_id", "gender"),
            List.of("item_id", "age"));
    List<List<String>> out = new ArrayList<>();
    for (List<String> p : ml) if (has(schema, p.get(0)) && has(schema, p.get(1))) out.add(p);
    if (!out.isEmpty()) return out;
    for (int a = 2; a < e.fields().size(); a++) {
      for (int b = 2; b < e.fields().size(); b++) {
        if (e.keys().get(a) == EntityFeatures.Entity.USER
            && e.keys().get(b) == EntityFeatures.Entity.ITEM
            && !schema.field(a).isDense()
            && !schema.field(b).isDense())
          out.add(List.of(schema.field(a).name(), schema.field(b).name()));
      }
    }
    return out.isEmpty() ? List.of(List.of("user_id", "item_id")) : out;
  }

  private static boolean has(FieldSchema schema, String field) {
    return schema.fields().stream().anyMatch(f -> f.name().equals(field));
  }

  /**
   * The fields of (user, item) examples over {@code numUsers} × {@code numItems} ids: {@code
   * user_id}, {@code item_id}, then every user feature and every item feature (either table may be
   * null: that side has its id field only) encoded by {@link FeatureFields} ({@code zip} cut to 3
   * characters, {@code age} and {@code year} bucketized at the MovieLens boundaries when present,
   * multi-hot fields mean-pooled, titles and tags left out).
   */
  public static EntityFeatures entityFeatures(
      FeatureTable users, FeatureTable items, int numUsers, int numItems) {
    List<FieldValues> fields = new ArrayList<>();
    List<EntityFeatures.Entity> keys = new ArrayList<>();
    fields.add(FieldValues.ids("user_id", numUsers));
    keys.add(EntityFeatures.Entity.USER);
    fields.add(FieldValues.ids("item_id", numItems));
    keys.add(EntityFeatures.Entity.ITEM);
    FieldOptions userOpts =
        new FieldOptions(
            Set.of(),
            Map.of(),
            Map.of("zip", ZIP_PREFIX),
            Map.of("age", AGE_BOUNDARIES),
            Field.Pooling.MEAN);
    if (users != null) {
      for (FieldValues v : FeatureFields.of(users, "", userOpts)) {
        fields.add(v);
        keys.add(EntityFeatures.Entity.USER);
      }
    }
    FieldOptions itemOpts =
        new FieldOptions(
            Set.of("title", "tags"),
            Map.of(),
            Map.of(),
            Map.of("year", YEAR_BOUNDARIES),
            Field.Pooling.MEAN);
    if (items != null) {
      for (FieldValues v : FeatureFields.of(items, "", itemOpts)) {
        fields.add(v);
        keys.add(EntityFeatures.Entity.ITEM);
      }
    }
    return new EntityFeatures(fields, keys);
  }

  /**
   * The Frappe task from a folder holding {@code frappe.validation.libfm} and {@code
   * frappe.test.libfm}.
   */
  public static CtrTask frappe(Path dir, long seed) {
    Path validFile = dir.resolve("frappe.validation.libfm"),
        testFile = dir.resolve("frappe.test.libfm");
    for (Path p : List.of(validFile, testFile)) {
      if (!Files.isRegularFile(p))
        throw new IllegalArgumentException("frappe: " + p + " not found");
    }
    LibFmData valid = LibFmReader.readSparse(validFile), test = LibFmReader.readSparse(testFile);
    int nf = valid.length(0);
    List<Map<Integer, Integer>> vocab = new ArrayList<>();
    for (int f = 0; f < nf; f++) vocab.add(new HashMap<>());
    for (int r = 0; r < valid.size(); r++) {
      if (valid.length(r) != nf)
        throw new IllegalArgumentException(
            "frappe: line "
                + (r + 1)
                + " of "
                + validFile
                + " has "
                + valid.length(r)
                + " features, expected "
                + nf);
      for (int f = 0; f < nf; f++)
        vocab.get(f).putIfAbsent(valid.features()[valid.offsets()[r] + f], vocab.get(f).size() + 1);
    }
    String[] names = {
      "user",
      "item",
      "daytime",
      "weekday",
      "isweekend",
      "homework",
      "cost",
      "weather",
      "country",
      "city"
    };
    FieldDataset trainValid = frappeExamples(valid, validFile, vocab, names);
    FieldDataset testSet = frappeExamples(test, testFile, vocab, names);
    List<FieldDataset> parts = trainValid.randomSplit(seed, 8.0 / 9, 1.0 / 9);
    List<String> notes =
        List.of(
            "frappe: the shared copy has no train file; frappe.validation.libfm is split 8:1 (seed "
                + seed
                + ") into train and validation, frappe.test.libfm is the test set");
    return new CtrTask(
        "frappe",
        parts.get(0),
        parts.get(1),
        testSet,
        List.of(
            List.of("user", "item"),
            List.of("item", "daytime"),
            List.of("item", "weekday"),
            List.of("item", "weather")),
        notes);
  }

  private static FieldDataset frappeExamples(
      LibFmData d, Path file, List<Map<Integer, Integer>> vocab, String[] names) {
    int nf = vocab.size(), n = d.size();
    List<FieldValues> fields = new ArrayList<>();
    List<int[]> rows = new ArrayList<>();
    int[] identity = new int[n];
    for (int r = 0; r < n; r++) identity[r] = r;
    int[] groups = null;
    for (int f = 0; f < nf; f++) {
      int[] codes = new int[n];
      for (int r = 0; r < n; r++) {
        if (d.length(r) != nf)
          throw new IllegalArgumentException(
              "frappe: line "
                  + (r + 1)
                  + " of "
                  + file
                  + " has "
                  + d.length(r)
                  + " features, expected "
                  + nf);
        codes[r] = vocab.get(f).getOrDefault(d.features()[d.offsets()[r] + f], 0) - 1;
      }
      fields.add(
          FieldValues.categorical(
              f < names.length ? names[f] : "field" + f, codes, vocab.get(f).size()));
      rows.add(identity);
      if (f == 0) groups = codes.clone();
    }
    float[] labels = new float[n];
    for (int r = 0; r < n; r++) labels[r] = d.labels()[r] > 0 ? 1f : 0f;
    return FieldDataset.join(fields, rows, labels, groups);
  }
}
