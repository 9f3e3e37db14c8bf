/**
 * Downloadable data sets: a catalog of names → official URLs, and a fetcher that downloads,
 * verifies, unpacks into a cache and loads.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  DatasetCatalog.get("ml-1m") → CatalogEntry(url, format, sha256 or null = unverified)
 *  DatasetFetcher(cache).fetch(entry, urlOverride, sha256Override)
 *     GET → CACHE/x.zip.part (SHA-256 while streaming) → verify → unzip to temp → atomic move → .complete
 *  DatasetFetcher.load(entry, folder?) → DataSpec(entry.format, folder).load()
 * </pre>
 */
package org.rec4j.data.catalog;
