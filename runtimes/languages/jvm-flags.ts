/**
 * JVM flags for the languages that run on the JVM besides Java (Clojure, Groovy); the same
 * reasoning as runtimes/languages/java.ts: start-up is part of the program's time, so the
 * serial collector (no GC threads), C1 only (no C2 warm-up on short programs) and a heap
 * sized from the container's memory limit rather than a quarter of it.
 */
export const JVM_FLAGS: readonly string[] = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:MaxRAMPercentage=70', '-Xss64m'];
