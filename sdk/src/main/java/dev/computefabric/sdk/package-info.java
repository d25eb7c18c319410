/** The Java SDK: submit calls over HTTP ({@code FabricClient}) or straight to Kafka, and read their results. */
package dev.computefabric.sdk;
