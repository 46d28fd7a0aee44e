/** What every console page needs: the viewer, read-model access, formats, language and the page model. */
@NullMarked
package io.llm402.console.support;

import org.jspecify.annotations.NullMarked;
