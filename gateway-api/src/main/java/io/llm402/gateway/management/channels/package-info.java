@NullMarked
package io.llm402.gateway.management.channels;

import org.jspecify.annotations.NullMarked;
