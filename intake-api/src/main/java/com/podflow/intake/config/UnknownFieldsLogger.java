package com.podflow.intake.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.jackson.ObjectMapperCustomizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Unknown fields in a request are ignored, so that clients can send fields of newer API versions, but logged, so that
 * a misspelled field ("shipingAddress") can be found when an integrator asks why it had no effect.
 */
@Singleton
public class UnknownFieldsLogger implements ObjectMapperCustomizer {
    private static final Logger LOG = Logger.getLogger(UnknownFieldsLogger.class);

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                    JsonDeserializer<?> deserializer, Object bean, String name) throws IOException {
                LOG.infof("unknown field '%s' in %s ignored", name,
                        bean == null ? "request" : bean.getClass().getSimpleName());
                parser.skipChildren();
                return true;
            }
        });
    }
}
