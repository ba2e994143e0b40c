package io.liftoff.spring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Refuses keys under a producer's prefix that name no setting, e.g. a misspelt {@code
 * rocketmq.producer.send-msg-timeout}: the binder would ignore it, and the producer would run
 * without what the user wrote. The known keys are read from the properties classes themselves, so a
 * new setting needs no change here.
 */
final class UnknownProperties {

    /** Groups with this many keys or fewer are listed whole in the error. */
    private static final int LISTED_KEYS = 8;

    private static final String ROOT_PREFIX = "rocketmq";

    private static final String DEFAULT_PREFIX = ROOT_PREFIX + ".producer";

    /** The keys directly under {@code rocketmq}, which the default producer's own keys are not. */
    private static final Map<String, PropertyDescriptor> ROOT_KEYS =
            knownKeys(RocketMQProperties.class);

    private UnknownProperties() {}

    /**
     * Refuses the first key under {@code source}'s prefix, or under one of its groups (e.g. {@code
     * auto-batch}), that is no property of the producer's settings.
     *
     * @throws InvalidProducerPropertyException naming that key and the closest known one
     */
    static void check(Environment environment, ProducerSource source) {
        Class<?> settings =
                source.isNamed()
                        ? RocketMQProperties.NamedProducer.class
                        : RocketMQProperties.DefaultProducer.class;
        check(Binder.get(environment), source.prefix(), settings);
    }

    private static void check(Binder binder, String prefix, Class<?> settings) {
        Map<String, Object> keys =
                binder.bind(prefix, Bindable.mapOf(String.class, Object.class)).orElse(Map.of());
        Map<String, PropertyDescriptor> known = knownKeys(settings);
        for (String key : keys.keySet()) {
            PropertyDescriptor property = known.get(uniform(key));
            if (property == null) {
                throw unknown(prefix, key, known);
            }
            if (isGroup(property.getPropertyType())) {
                // the binder takes a group's key in its canonical, dashed form only
                check(
                        binder,
                        prefix + "." + dashed(property.getName()),
                        property.getPropertyType());
            }
        }
    }

    /** The readable properties of {@code settings}, by their uniform key. */
    private static Map<String, PropertyDescriptor> knownKeys(Class<?> settings) {
        Map<String, PropertyDescriptor> known = new LinkedHashMap<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(settings)) {
            if (property.getReadMethod() != null && !property.getName().equals("class")) {
                known.put(uniform(property.getName()), property);
            }
        }
        return known;
    }

    /** Whether a property is a group of settings of its own, e.g. {@code auto-batch}. */
    private static boolean isGroup(Class<?> type) {
        return type.getPackageName().equals(UnknownProperties.class.getPackageName())
                && !type.isEnum();
    }

    private static InvalidProducerPropertyException unknown(
            String prefix, String key, Map<String, PropertyDescriptor> known) {
        String property = prefix + "." + key;
        String suggestion = prefix + "." + closest(key, known);
        PropertyDescriptor shared = ROOT_KEYS.get(uniform(key));
        if (prefix.equals(DEFAULT_PREFIX) && shared != null) {
            // e.g. name-server, which is set for every producer at the root
            suggestion = ROOT_PREFIX + "." + dashed(shared.getName());
        }
        String reason =
                known.size() <= LISTED_KEYS
                        ? "'"
                                + prefix
                                + "' has the keys "
                                + known.values().stream()
                                        .map(
                                                (descriptor) ->
                                                        "'" + dashed(descriptor.getName()) + "'")
                                        .collect(Collectors.joining(", "))
                                + " only."
                        : "it is no setting of a Liftoff producer, nor a rocketmq-spring key"
                                + " Liftoff takes.";
        return InvalidProducerPropertyException.unsupported(
                property,
                reason,
                "Correct '" + property + "' (did you mean '" + suggestion + "'?), or remove it.");
    }

    /** The known key nearest to {@code key} in edit distance, in its dashed form. */
    private static String closest(String key, Map<String, PropertyDescriptor> known) {
        return known.values().stream()
                .map((descriptor) -> dashed(descriptor.getName()))
                .min(Comparator.comparingInt((name) -> distance(uniform(key), name)))
                .orElseThrow();
    }

    /** A key in the form with no dashes or underscores, lower case, as the binder compares it. */
    private static String uniform(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** A property name in the dashed form of the documentation, e.g. {@code max-bytes}. */
    private static String dashed(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** The edit distance between a uniform key and a dashed name, dashes left out. */
    private static int distance(String key, String name) {
        String other = uniform(name);
        int[] previous = new int[other.length() + 1];
        int[] current = new int[other.length() + 1];
        for (int j = 0; j <= other.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= key.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= other.length(); j++) {
                int substitution = key.charAt(i - 1) == other.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                previous[j - 1] + substitution,
                                Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[other.length()];
    }
}
