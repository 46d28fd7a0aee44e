/**
 * The management API, compatible with new-api's: the {@code {success, message, data}} envelope, its paging, the
 * route table every role check comes from ({@link io.llm402.gateway.management.ManagementRoutes}), and the caller
 * behind each request. Sub-packages hold logins and sessions ({@code auth}), users and keys.
 */
@NullMarked
package io.llm402.gateway.management;

import org.jspecify.annotations.NullMarked;
