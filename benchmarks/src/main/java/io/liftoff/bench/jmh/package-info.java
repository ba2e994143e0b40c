/**
 * JMH microbenchmarks of the send hot path, through public API. Run them with {@code mvn -q -pl
 * benchmarks -am -Pjmh -DskipTests verify}; the request encoders, which are package-private, are
 * measured from {@code io.liftoff.producer.remoting}.
 */
package io.liftoff.bench.jmh;
