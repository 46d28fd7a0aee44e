@NullMarked
package io.llm402.gateway.upstream;

import org.jspecify.annotations.NullMarked;
