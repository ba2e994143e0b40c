package io.liftoff.spring.autoconfigure;

import io.liftoff.spring.core.ProducerHeaderMapper;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * How auto-configured templates convert: headers with the application's {@link
 * ProducerHeaderMapper} bean if it has exactly one, else the standard mapping; payloads with the
 * application's {@link MessageConverter} bean if it has exactly one; otherwise {@code byte[]} as
 * is, {@code String} as UTF-8, and, when Jackson 3 is on the class path, any other object as JSON
 * written by the application's {@link JsonMapper} bean: the only or the primary one, otherwise a
 * default mapper.
 */
final class TemplateConversions {

    static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    private TemplateConversions() {}

    static ProducerHeaderMapper headers(BeanFactory beanFactory) {
        return beanFactory
                .getBeanProvider(ProducerHeaderMapper.class)
                .getIfUnique(ProducerHeaderMapper::standard);
    }

    static MessageConverter payloads(BeanFactory beanFactory) {
        MessageConverter unique = beanFactory.getBeanProvider(MessageConverter.class).getIfUnique();
        if (unique != null) {
            return unique;
        }
        List<MessageConverter> converters = new ArrayList<>();
        converters.add(new ByteArrayMessageConverter());
        converters.add(new StringMessageConverter());
        if (ClassUtils.isPresent(JSON_MAPPER, classLoader(beanFactory))) {
            converters.add(Json.converter(beanFactory));
        }
        return new CompositeMessageConverter(converters);
    }

    private static ClassLoader classLoader(BeanFactory beanFactory) {
        ClassLoader classLoader =
                beanFactory instanceof ConfigurableBeanFactory configurable
                        ? configurable.getBeanClassLoader()
                        : null;
        return classLoader != null ? classLoader : TemplateConversions.class.getClassLoader();
    }

    /** Kept apart so that Jackson's classes are loaded only when Jackson is present. */
    private static final class Json {

        static MessageConverter converter(BeanFactory beanFactory) {
            JsonMapper jsonMapper = beanFactory.getBeanProvider(JsonMapper.class).getIfUnique();
            return jsonMapper != null
                    ? new JacksonJsonMessageConverter(jsonMapper)
                    : new JacksonJsonMessageConverter();
        }
    }
}
