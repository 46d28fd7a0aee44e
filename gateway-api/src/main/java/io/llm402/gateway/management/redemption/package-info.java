@NullMarked
package io.llm402.gateway.management.redemption;

import org.jspecify.annotations.NullMarked;
