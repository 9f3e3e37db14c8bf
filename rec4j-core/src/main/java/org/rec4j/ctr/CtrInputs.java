package org.rec4j.ctr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link org.rec4j.model.ModelInput#FEATURES} input of a CTR model: the fields of its examples,
 * the entity features that turn a (user, item) pair into an example when every field belongs to the
 * user or the item (null otherwise, e.g. Frappe's context fields), and the field pairs the task
 * suggests for Wide&amp;Deep crosses.
 *
 * @param schema the fields
 * @param entities per-user and per-item field values, or null
 * @param crosses suggested field pairs
 */
public record CtrInputs(FieldSchema schema, EntityFeatures entities, List<List<String>> crosses) {
  /** Copies the list and checks the schemas agree. */
  public CtrInputs {
    crosses = List.copyOf(crosses);
    if (entities != null && !entities.schema().equals(schema))
      throw new IllegalArgumentException(
          "entity features "
              + entities.schema().fields()
              + " differ from the fields "
              + schema.fields());
  }

  /** The inputs recorded in {@code model.json}. */
  public Map<String, Object> describe() {
    if (entities == null)
      throw new IllegalArgumentException(
          "this CTR model's fields are not all user or item fields (e.g. Frappe's context fields), so a "
              + "(user, item) request cannot fill them; it can be trained and evaluated but not saved for serving");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fields", entities.describe());
    return m;
  }

  /** The inputs of a saved model, with placeholder values until its state is loaded. */
  public static CtrInputs restore(Map<String, Object> recorded) {
    Object fields = recorded.get("fields");
    if (!(fields instanceof List<?> l))
      throw new IllegalArgumentException(
          "model.json: inputs.fields is missing (a CTR model needs its fields)");
    EntityFeatures e = EntityFeatures.placeholder(l);
    return new CtrInputs(e.schema(), e, List.of());
  }
}
