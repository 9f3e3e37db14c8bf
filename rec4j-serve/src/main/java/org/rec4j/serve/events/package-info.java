/**
 * Durable storage of logged user events. {@link org.rec4j.serve.events.EventStore} is the contract
 * the HTTP layer writes against; {@link org.rec4j.serve.events.JdbcEventStore} implements it on a
 * SQLite file (the default) or a PostgreSQL database, with group commit so that concurrent appends
 * share one transaction and one sync to disk.
 */
package org.rec4j.serve.events;
