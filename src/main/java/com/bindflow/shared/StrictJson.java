package com.bindflow.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Strict JSON for the bodies of {@code /api} and {@code /sandbox} (Spring MVC's JSON converter; the application's
 * ObjectMapper bean, Camunda's REST API and the webapps keep their own handling). A value of the wrong JSON type is a
 * 400 naming the field instead of being coerced into something the client did not mean:
 * <ul>
 *   <li>enums by name only ({@code "JD_APP"}; not {@code 1}, not {@code "1"}, not {@code ""});</li>
 *   <li>dates only as ISO-8601 strings of the right kind: {@code LocalDate} {@code "2026-03-10"} (4-digit year),
 *       {@code Instant} {@code "2026-03-10T02:00:00Z"} or with an offset {@code "…T10:00:00+08:00"}; no numbers (days or
 *       seconds since 1970), arrays, or date-times where a date is expected;</li>
 *   <li>text only from JSON strings, of at most {@value #MAX_TEXT_LENGTH} characters and without control characters
 *       (U+0000–U+001F, U+007F–U+009F; so no NUL, which PostgreSQL refuses in text, and no line break: every text
 *       field of the API is one line — a city, a purpose, a reason, a reference);</li>
 *   <li>enums by their exact name (no spaces around it, no other case);</li>
 *   <li>whole numbers only from JSON integers in range (no {@code 1.5}, no
 *       {@code "12"}); other numbers only from finite JSON numbers; booleans only {@code true}/{@code false};</li>
 *   <li>decimals ({@code BigDecimal}: amounts, and the fee quotes' periods and days) from a JSON number or a string of
 *       plain decimal digits ({@code "1000.00"}, no exponent), with at most {@value #MAX_DECIMAL_DIGITS} digits before
 *       and after the decimal point;</li>
 *   <li>a repeated key, or anything after the JSON value, is refused.</li>
 * </ul>
 * Unknown fields are ignored (a client may send more than this version reads).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    static final int MAX_DECIMAL_DIGITS = 20;

    /** The longest text any field of a request body may have (fields have their own, shorter limits as well). */
    public static final int MAX_TEXT_LENGTH = 4000;

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern INSTANT = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

    /** Spring MVC's JSON converter, reading strictly; it replaces Spring Boot's default one. */
    @Bean
    public MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper) {
        return new MappingJackson2HttpMessageConverter(strict(objectMapper.copy()));
    }

    /** The given mapper (a copy: it is changed) made strict for reading. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.READ_ENUMS_USING_TO_STRING,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("bindflow-strict-json");
        module.addDeserializer(String.class, new StrictString());
        module.addDeserializer(Integer.class, new StrictWhole<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE) {
            @Override
            Integer of(long value) {
                return (int) value;
            }
        });
        module.addDeserializer(Long.class, new StrictWhole<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE) {
            @Override
            Long of(long value) {
                return value;
            }
        });
        module.addDeserializer(Double.class, new StrictDouble());
        module.addDeserializer(Boolean.class, new StrictBoolean());
        module.addDeserializer(BigDecimal.class, new StrictDecimal());
        module.addDeserializer(LocalDate.class, new StrictText<>(LocalDate.class, DATE, LocalDate::parse,
                "an ISO-8601 date (YYYY-MM-DD)"));
        module.addDeserializer(Instant.class, new StrictText<>(Instant.class, INSTANT, t -> OffsetDateTime.parse(t).toInstant(),
                "an ISO-8601 instant with an offset (2026-03-10T02:00:00Z)"));
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactEnum(type.getRawClass(), deserializer);
            }
        });
        mapper.registerModule(module);
        return mapper;
    }

    static final String TOO_LONG = "longer than " + MAX_TEXT_LENGTH + " characters";
    static final String CONTROL = "contains a control character";

    private static final class StrictString extends StdScalarDeserializer<String> {

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                if (text.length() > MAX_TEXT_LENGTH) {
                    return (String) ctxt.handleWeirdStringValue(String.class, Texts.abbreviate(text), TOO_LONG);
                }
                if (Texts.firstControl(text) >= 0) {
                    return (String) ctxt.handleWeirdStringValue(String.class, Texts.abbreviate(text), CONTROL);
                }
                return text;
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /**
     * An enum from its exact name only: Jackson's own deserializer also takes the name with spaces around it
     * ({@code "WECHAT "}); anything else it refuses already.
     */
    private static final class ExactEnum extends StdScalarDeserializer<Object> {

        private final Class<?> type;
        private final JsonDeserializer<?> names;
        private final java.util.Set<String> constants = new java.util.HashSet<>();

        ExactEnum(Class<?> type, JsonDeserializer<?> names) {
            super(type);
            this.type = type;
            this.names = names;
            for (Object constant : type.getEnumConstants()) {
                constants.add(((Enum<?>) constant).name());
            }
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING) && !constants.contains(p.getText())) {
                return ctxt.handleWeirdStringValue(type, Texts.abbreviate(p.getText()), "not one of the names");
            }
            return names.deserialize(p, ctxt);
        }
    }

    private abstract static class StrictWhole<T extends Number> extends StdScalarDeserializer<T> {

        private final Class<T> type;
        private final long min;
        private final long max;

        StrictWhole(Class<T> type, long min, long max) {
            super(type);
            this.type = type;
            this.min = min;
            this.max = max;
        }

        abstract T of(long value);

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                @SuppressWarnings("unchecked")
                T refused = (T) ctxt.handleUnexpectedToken(type, p);
                return refused;
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < min || p.getLongValue() > max) {
                @SuppressWarnings("unchecked")
                T refused = (T) ctxt.handleWeirdNumberValue(type, p.getNumberValue(), "out of range");
                return refused;
            }
            return of(p.getLongValue());
        }
    }

    private static final class StrictDouble extends StdScalarDeserializer<Double> {

        StrictDouble() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                return (Double) ctxt.handleWeirdNumberValue(Double.class, p.getNumberValue(), "out of range");
            }
            return value;
        }
    }

    private static final class StrictBoolean extends StdScalarDeserializer<Boolean> {

        StrictBoolean() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE)) {
                return Boolean.TRUE;
            }
            if (p.hasToken(JsonToken.VALUE_FALSE)) {
                return Boolean.FALSE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }

    private static final class StrictDecimal extends StdScalarDeserializer<BigDecimal> {

        StrictDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value;
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                value = p.getDecimalValue();
            } else if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                if (!PLAIN_DECIMAL.matcher(text).matches()) {
                    return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, text, "not a plain decimal number");
                }
                value = new BigDecimal(text);
            } else {
                return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
            }
            if (value.scale() > MAX_DECIMAL_DIGITS || value.precision() - value.scale() > MAX_DECIMAL_DIGITS) {
                return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, value, "out of range");
            }
            return value;
        }
    }

    /** A value only from a JSON string of the given form, parsed by {@code parse} (which may refuse it too). */
    private static final class StrictText<T> extends StdScalarDeserializer<T> {

        private final Class<T> type;
        private final Pattern form;
        private final java.util.function.Function<String, T> parse;
        private final String expected;

        StrictText(Class<T> type, Pattern form, java.util.function.Function<String, T> parse, String expected) {
            super(type);
            this.type = type;
            this.form = form;
            this.parse = parse;
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            if (form.matcher(text).matches()) {
                try {
                    return parse.apply(text);
                } catch (DateTimeException impossible) {
                    // e.g. 2026-02-30, or an offset beyond 18 hours: refused below
                }
            }
            return type.cast(ctxt.handleWeirdStringValue(type, text, "not " + expected));
        }
    }
}
