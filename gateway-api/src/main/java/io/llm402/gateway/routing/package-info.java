@NullMarked
package io.llm402.gateway.routing;

import org.jspecify.annotations.NullMarked;
