/**
 * The rec4j HTTP recommendation service (issue 7). Depends on models and artifacts (rec4j-core), never on training
 * code. Sub-package {@code events} holds the durable event store.
 */
package org.rec4j.serve;
