/**
 * The data model every model, evaluator, the CLI and the server read through.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  raw ids ──IdIndex──▶ dense ints        (stable, growable, serializable)
 *  Interactions: columns user[] item[] value[] timestamp[]? weight[]? context{name → int[]}
 *       ├─ byUser() / byItem(): Csr, built once, rows sorted → O(log d) membership
 *       ├─ subset(rows) → the building block of every split (same IdIndex pair)
 *       ├─ stats() → DatasetStats (counts, density, histogram, quantiles, time range)
 *       ├─ UserSequences.of(data, maxLen)  chronological per-user items
 *       └─ BipartiteGraph.of(data, norm)   (users+items)² CSR, D^-1/2 (A+I) D^-1/2 and variants
 *  FeatureSchema ─ FeatureSpec(kind: categorical | multi-categorical | numeric | text | dense)
 *  FeatureTable  ─ one FeatureColumn per spec, one row per dense id; missing values explicit
 *  Dataset = interactions + user/item FeatureTables + predefined Split + candidates + notes
 * </pre>
 *
 * Readers live in {@link org.rec4j.data.io}, splits in {@link org.rec4j.data.split}, negative
 * samplers and evaluation candidates in {@link org.rec4j.data.sample}, generators in {@link
 * org.rec4j.data.synth}, the download catalog in {@link org.rec4j.data.catalog}. Every random
 * choice takes an {@link org.rec4j.tensor.Rng}.
 */
package org.rec4j.data;
