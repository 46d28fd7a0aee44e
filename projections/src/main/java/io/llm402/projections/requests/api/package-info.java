@NullMarked
package io.llm402.projections.requests.api;

import org.jspecify.annotations.NullMarked;
