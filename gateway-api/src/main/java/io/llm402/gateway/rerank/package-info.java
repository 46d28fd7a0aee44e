/** Rerank as clients call it: {@code /v1/rerank} (Cohere v1 and Jina) and {@code /v2/rerank} (Cohere v2). */
@NullMarked
package io.llm402.gateway.rerank;

import org.jspecify.annotations.NullMarked;
