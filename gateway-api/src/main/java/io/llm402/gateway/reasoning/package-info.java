/** Reasoning chosen by model-name suffix (api-formats §13): parsing, and the controls each upstream format takes. */
@NullMarked
package io.llm402.gateway.reasoning;

import org.jspecify.annotations.NullMarked;
