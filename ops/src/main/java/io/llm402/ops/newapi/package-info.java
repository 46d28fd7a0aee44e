/**
 * {@code import-new-api}: reads a new-api database (SQLite, MySQL or PostgreSQL) and brings its users, keys, balances,
 * channels, prices, options and redemption codes over as ordinary commands, hence events. The reader only reads, the
 * planner decides (and reports what it leaves behind), the runner sends.
 */
@NullMarked
package io.llm402.ops.newapi;

import org.jspecify.annotations.NullMarked;
