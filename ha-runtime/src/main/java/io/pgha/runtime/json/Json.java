package io.pgha.runtime.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The runtime's JSON and YAML mappers, configured once (thread-safe, shared). */
public final class Json {

    private Json() {}

    /** Compact JSON: one object per line in journals, API bodies, `--json` output. */
    public static ObjectMapper mapper() {
        return Holder.JSON;
    }

    /** Indented JSON, for files people read (cluster.json, credentials.json) and `--json` documents. */
    public static ObjectWriter pretty() {
        return Holder.PRETTY;
    }

    /** YAML, for stack spec files. */
    public static ObjectMapper yaml() {
        return YamlHolder.YAML;
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static final class Holder {
        static final ObjectMapper JSON = configure(new ObjectMapper());
        static final ObjectWriter PRETTY = JSON.writer().with(SerializationFeature.INDENT_OUTPUT);
    }

    private static final class YamlHolder {
        static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    }
}
