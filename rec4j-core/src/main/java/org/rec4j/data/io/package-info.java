/**
 * Readers: each turns files into a {@link org.rec4j.data.Dataset} or throws a {@link
 * org.rec4j.data.DataFormatException} naming file and line — never a partial load.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  DataSpec "FORMAT:PATH" ──load()──▶ one reader per format
 *    ml-1m / ml-100k / ml-latest / ncf / sasrec ──▶ DelimitedRatingParser (bytes, no strings, IdIndex fast path)
 *    csv ──▶ CsvInteractionReader (FastCSV + ColumnMapping)      lightgcn, lastfm, libfm ──▶ line readers
 *    side features ──▶ MovieLensFeatures | CsvFeatureReader | DenseVectorReader
 *                  ──▶ FeatureTable keyed by the ratings' IdIndex
 *  PredefinedSplit: train/test files that already are a split (ml-100k u1..u5, ncf) read into one IdIndex pair
 *  DataFiles: strict decoding (bad byte → file:line), file discovery
 *  data.split may use this package (SplitSpec reads ml-100k folds); this package never uses data.split
 * </pre>
 */
package org.rec4j.data.io;
