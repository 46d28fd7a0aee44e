/** One controller per console page; fragments for htmx swaps are answered by the same controllers. */
@NullMarked
package io.llm402.console.pages;

import org.jspecify.annotations.NullMarked;
