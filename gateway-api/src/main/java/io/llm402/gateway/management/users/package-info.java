@NullMarked
package io.llm402.gateway.management.users;

import org.jspecify.annotations.NullMarked;
