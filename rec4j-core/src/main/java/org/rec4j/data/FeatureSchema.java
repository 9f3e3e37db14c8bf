package org.rec4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of {@link FeatureSpec}s describing the side features of one entity type (users,
 * items or interaction context). Names are unique; {@link #indexOf} names the closest valid feature
 * when asked for an unknown one.
 *
 * @param features the declared features in column order
 */
public record FeatureSchema(List<FeatureSpec> features) {

  /** Copies the list and checks that names are unique. */
  public FeatureSchema {
    features = Collections.unmodifiableList(new ArrayList<>(features));
    for (int a = 0; a < features.size(); a++) {
      for (int b = 0; b < a; b++) {
        if (features.get(a).name().equals(features.get(b).name())) {
          throw new IllegalArgumentException("duplicate feature name: " + features.get(a).name());
        }
      }
    }
  }

  /** A schema of the given features. */
  public static FeatureSchema of(FeatureSpec... specs) {
    return new FeatureSchema(List.of(specs));
  }

  /** Number of features. */
  public int size() {
    return features.size();
  }

  /** The column of feature {@code name}; throws naming the valid names if absent. */
  public int indexOf(String name) {
    for (int k = 0; k < features.size(); k++) {
      if (features.get(k).name().equals(name)) {
        return k;
      }
    }
    List<String> names = features.stream().map(FeatureSpec::name).toList();
    throw new IllegalArgumentException("unknown feature '" + name + "'; expected one of " + names);
  }
}
