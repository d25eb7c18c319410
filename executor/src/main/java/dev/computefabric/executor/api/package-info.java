/**
 * The public way to run a compute node inside an application: {@link dev.computefabric.executor.api.FabricNode}.
 * Functions are written against {@code dev.computefabric.executor.function} ({@code FabricFunction},
 * {@code TypedFunction}, {@code CallContext}); every other package of the executor is internal and may change.
 */
package dev.computefabric.executor.api;
