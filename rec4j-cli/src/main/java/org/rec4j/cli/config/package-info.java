/**
 * Config files of {@code rec4j train --config FILE} and {@code rec4j config show}: typed records
 * per section ({@link org.rec4j.cli.config.RunConfig}), a strict reader whose errors name file,
 * line and key and suggest the closest valid key ({@link org.rec4j.cli.config.ConfigReader}, {@link
 * org.rec4j.config.KeySuggester}), and a writer of the same form ({@link
 * org.rec4j.cli.config.ConfigWriter}).
 *
 * <p>Layering: built-in task-dependent defaults &lt; file &lt; command-line flags. The file fills
 * only the {@link org.rec4j.cli.TrainOptions} fields whose flag was not given; {@code
 * TrainOptions.resolve} then applies the defaults as without a file.
 */
package org.rec4j.cli.config;
