/**
 * The web console: server-rendered pages (Thymeleaf, htmx, ECharts, Bootstrap, all from the jar) under
 * {@code /console}. Pages read projections through queries; every change a page offers is sent by the browser to the
 * management API ({@code /api/...}), so the console and the API share one set of routes, role checks and commands.
 * {@code support} holds who is viewing, formats and the language; {@code pages} one controller per page.
 */
@NullMarked
package io.llm402.console;

import org.jspecify.annotations.NullMarked;
