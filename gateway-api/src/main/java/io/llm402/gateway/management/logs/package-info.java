@NullMarked
package io.llm402.gateway.management.logs;

import org.jspecify.annotations.NullMarked;
