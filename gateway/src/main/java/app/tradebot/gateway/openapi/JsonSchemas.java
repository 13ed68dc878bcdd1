package app.tradebot.gateway.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * JSON Schemas (OpenAPI 3.1, i.e. draft 2020-12) of the functions' body records, by reflection.
 * Each record becomes a named schema under components/schemas and is referenced with $ref;
 * jakarta.validation annotations on a component become {@code required} and constraints.
 *
 * <p>{@link BigDecimal} is described as a decimal string ({@value #DECIMAL_PATTERN}): money must
 * not pass through a binary floating point number in a browser, so the wire form is a string.
 */
final class JsonSchemas {

    static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

    private final Map<String, Object> components = new TreeMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();

    /** The named schemas met so far, for components/schemas. */
    Map<String, Object> components() {
        return components;
    }

    Map<String, Object> schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return array(schemaOf(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return object(schemaOf(args[1]));
            }
            if (Optional.class.equals(raw)) {
                return schemaOf(args[0]);
            }
            return schemaOf(raw);
        }
        if (type instanceof GenericArrayType array) {
            return array(schemaOf(array.getGenericComponentType()));
        }
        if (type instanceof WildcardType wildcard) {
            return schemaOf(wildcard.getUpperBounds()[0]);
        }
        if (!(type instanceof Class<?> c)) {
            return new LinkedHashMap<>();
        }
        if (c == byte[].class) {
            return typed("string", "contentEncoding", "base64");
        }
        if (c.isArray()) {
            return array(schemaOf(c.getComponentType()));
        }
        if (c == String.class || c == char.class || c == Character.class || CharSequence.class.isAssignableFrom(c)) {
            return typed("string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return typed("boolean");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return typed("integer", "format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return typed("integer", "format", "int64");
        }
        if (c == BigInteger.class) {
            return typed("integer");
        }
        if (c == float.class || c == Float.class) {
            return typed("number", "format", "float");
        }
        if (c == double.class || c == Double.class) {
            return typed("number", "format", "double");
        }
        if (c == BigDecimal.class) {
            Map<String, Object> schema = typed("string", "format", "decimal");
            schema.put("pattern", DECIMAL_PATTERN);
            return schema;
        }
        if (c == UUID.class) {
            return typed("string", "format", "uuid");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class || c == LocalDateTime.class) {
            return typed("string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return typed("string", "format", "date");
        }
        if (c == LocalTime.class) {
            return typed("string", "format", "time");
        }
        if (c == Duration.class) {
            return typed("string", "format", "duration");
        }
        if (c == URI.class || c == URL.class) {
            return typed("string", "format", "uri");
        }
        if (c.isEnum()) {
            Map<String, Object> schema = typed("string");
            schema.put("enum", Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
            return schema;
        }
        if (Collection.class.isAssignableFrom(c)) {
            return array(new LinkedHashMap<>());
        }
        if (Map.class.isAssignableFrom(c)) {
            return object(new LinkedHashMap<>());
        }
        if (c.isRecord()) {
            return ref(c);
        }
        if (c == Object.class) {
            return new LinkedHashMap<>();
        }
        return typed("object");
    }

    private Map<String, Object> ref(Class<?> record) {
        String name = names.get(record);
        if (name == null) {
            name = uniqueName(record);
            names.put(record, name);
            components.put(name, Map.of()); // placeholder: a record may refer to itself
            components.put(name, recordSchema(record));
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("$ref", "#/components/schemas/" + name);
        return ref;
    }

    private String uniqueName(Class<?> record) {
        String simple = record.getSimpleName();
        if (!components.containsKey(simple)) {
            return simple;
        }
        return record.getName().replace('.', '_').replace('$', '_');
    }

    private Map<String, Object> recordSchema(Class<?> record) {
        Map<String, Object> schema = typed("object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Map<String, Object> property = new LinkedHashMap<>(schemaOf(component.getGenericType()));
            List<AnnotatedElement> annotated = annotatedElements(record, component);
            if (has(annotated, NotNull.class) || has(annotated, NotBlank.class) || has(annotated, NotEmpty.class)) {
                required.add(component.getName());
            }
            constrain(property, annotated);
            properties.put(component.getName(), property);
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    /** jakarta.validation annotations sit on the field and accessor the compiler derives from a component. */
    private static List<AnnotatedElement> annotatedElements(Class<?> record, RecordComponent component) {
        List<AnnotatedElement> elements = new ArrayList<>();
        elements.add(component);
        elements.add(component.getAccessor());
        try {
            Field field = record.getDeclaredField(component.getName());
            elements.add(field);
        }
        catch (NoSuchFieldException e) {
            // Every component has its field; nothing to add otherwise.
        }
        return elements;
    }

    private static void constrain(Map<String, Object> property, List<AnnotatedElement> annotated) {
        boolean array = "array".equals(property.get("type"));
        boolean string = "string".equals(property.get("type"));
        find(annotated, NotBlank.class).ifPresent(a -> property.put("minLength", 1));
        find(annotated, NotEmpty.class).ifPresent(a -> property.put(array ? "minItems" : "minLength", 1));
        find(annotated, Size.class).ifPresent(size -> {
            if (size.min() > 0) {
                property.put(array ? "minItems" : "minLength", size.min());
            }
            if (size.max() < Integer.MAX_VALUE) {
                property.put(array ? "maxItems" : "maxLength", size.max());
            }
        });
        find(annotated, Email.class).ifPresent(a -> property.put("format", "email"));
        find(annotated, Pattern.class).ifPresent(p -> property.put("pattern", p.regexp()));
        find(annotated, Min.class).ifPresent(min -> property.put("minimum", min.value()));
        find(annotated, Max.class).ifPresent(max -> property.put("maximum", max.value()));
        find(annotated, DecimalMin.class).ifPresent(min -> {
            if (!string) {
                property.put(min.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(min.value()));
            }
        });
        find(annotated, DecimalMax.class).ifPresent(max -> {
            if (!string) {
                property.put(max.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(max.value()));
            }
        });
        if (!string) {
            find(annotated, Positive.class).ifPresent(a -> property.put("exclusiveMinimum", 0));
            find(annotated, PositiveOrZero.class).ifPresent(a -> property.put("minimum", 0));
            find(annotated, Negative.class).ifPresent(a -> property.put("exclusiveMaximum", 0));
        }
    }

    private static boolean has(List<AnnotatedElement> annotated, Class<? extends Annotation> type) {
        return find(annotated, type).isPresent();
    }

    private static <A extends Annotation> Optional<A> find(List<AnnotatedElement> annotated, Class<A> type) {
        for (AnnotatedElement element : annotated) {
            A annotation = element.getAnnotation(type);
            if (annotation != null) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> schema = typed("array");
        schema.put("items", items);
        return schema;
    }

    private static Map<String, Object> object(Map<String, Object> values) {
        Map<String, Object> schema = typed("object");
        schema.put("additionalProperties", values.isEmpty() ? true : values);
        return schema;
    }

    private static Map<String, Object> typed(String type, String... keyValues) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            schema.put(keyValues[i], keyValues[i + 1]);
        }
        return schema;
    }
}
