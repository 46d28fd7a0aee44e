/** The Gemini API as clients call it ({@code /v1beta/models/{model}:{action}} and the Gemini-shaped model list). */
@NullMarked
package io.llm402.gateway.gemini;

import org.jspecify.annotations.NullMarked;
