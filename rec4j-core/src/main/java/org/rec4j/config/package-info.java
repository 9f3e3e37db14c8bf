/**
 * Typed, self-describing settings: the one place a model (or any other configurable part) writes
 * its keys, types, defaults and allowed values, so that the command line ({@code --set KEY=VALUE}
 * and the dedicated flags), config files, {@code --help}, {@code rec4j config show} and the model
 * artifact all read them from there.
 *
 * <ul>
 *   <li>{@link org.rec4j.config.Setting}: one key with its kind (integer, number, switch, list of
 *       integers, text), a default that may depend on the {@link org.rec4j.config.Setting.Context}
 *       (the task, and settings declared before it), a check with its expectation in words, and a
 *       one-line description.
 *   <li>{@link org.rec4j.config.Settings}: the resolved values of a list of settings; unknown keys
 *       are rejected with the closest declared key ({@link org.rec4j.config.KeySuggester}) and the
 *       list of valid ones.
 * </ul>
 */
package org.rec4j.config;
