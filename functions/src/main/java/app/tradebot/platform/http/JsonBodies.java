package app.tradebot.platform.http;

import java.lang.reflect.RecordComponent;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads a request body into its record the strict way and reports every offending field at once:
 * unknown fields, wrong-typed fields and missing required primitives from the JSON, then the
 * record's jakarta.validation constraints. Before any of that, every string of the body is checked
 * for control characters (PostgreSQL refuses NUL; the others only corrupt logs and pages) and every
 * number against {@link DecimalStrings}' limits, whatever field it sits in, typed or not. Whatever
 * goes wrong is the caller's mistake: a 400.
 */
final class JsonBodies {

    static final String INVALID_FIELDS = "The request has invalid fields.";
    static final String CONTROL_CHARACTERS = "must not contain control characters";

    /**
     * Top-level fields holding multi-line text (a strategy's rules): line feeds, carriage returns and
     * tabs are allowed there, every other control character is not.
     */
    static final java.util.Set<String> MULTI_LINE_FIELDS = java.util.Set.of("source");

    private final JsonMapper strict;
    private final Validator validator;

    JsonBodies(JsonMapper base, Validator validator) {
        this.strict = base.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // "1" is not a number, 1 is not a string and neither is true: no silent coercion.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> fail(config,
                        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, config -> fail(config,
                        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String))
                .withCoercionConfig(LogicalType.Integer, config -> fail(config,
                        CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, config -> fail(config,
                        CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfigDefaults(config -> fail(config, CoercionInputShape.EmptyString))
                // The tree keeps a number's digits, so that a BigDecimal read from it is exact;
                // DecimalStrings reads BigDecimal from a number or a plain decimal string.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        this.validator = validator;
    }

    private static void fail(MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** The body as {@code type}; throws {@link Invalid} with every offending field. */
    <T> T read(byte[] body, Class<T> type) {
        JsonNode tree = parse(body);
        if (tree == null || tree.isMissingNode()) {
            throw new Invalid("A JSON request body is required.");
        }
        throwIfAny(inspect(tree));
        if (!type.isRecord()) {
            T value = convert(tree, type);
            throwIfAny(validate(value, Set.of()));
            return value;
        }
        if (!tree.isObject()) {
            throw new Invalid("The request body must be a JSON object.");
        }
        // Fields that cannot be read are reported and left out, so the rest can still be
        // validated and the caller hears about every field in one answer.
        ObjectNode readable = (ObjectNode) tree.deepCopy();
        List<FieldError> errors = new ArrayList<>();
        Set<String> rejected = new HashSet<>();
        Set<String> known = new HashSet<>();
        RecordComponent[] components = type.getRecordComponents();
        Arrays.stream(components).forEach(component -> known.add(component.getName()));
        for (String name : List.copyOf(readable.propertyNames())) {
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a known field"));
                readable.remove(name);
            }
        }
        for (RecordComponent component : components) {
            String name = component.getName();
            JsonNode value = readable.get(name);
            boolean primitive = component.getType().isPrimitive();
            if (value == null || (primitive && value.isNull())) {
                if (primitive) {
                    errors.add(new FieldError(name, value == null ? "is required" : "must not be null"));
                    rejected.add(name);
                    readable.set(name, placeholder(component.getType()));
                }
                continue;
            }
            JavaType javaType = strict.getTypeFactory().constructType(component.getGenericType());
            try {
                strict.readerFor(javaType).readValue(value);
            }
            catch (JacksonException e) {
                errors.add(fieldError(name, e));
                rejected.add(name);
                if (primitive) {
                    readable.set(name, placeholder(component.getType()));
                }
                else {
                    readable.remove(name);
                }
            }
        }
        T value;
        try {
            value = strict.treeToValue(readable, type);
        }
        catch (JacksonException e) {
            if (errors.isEmpty()) {
                errors.add(fieldError("", e));
            }
            throw new Invalid(INVALID_FIELDS, sorted(errors));
        }
        errors.addAll(validate(value, rejected));
        throwIfAny(errors);
        return value;
    }

    /** For routes that take no body: nothing, or an empty JSON object. */
    void requireEmpty(byte[] body) {
        if (body.length == 0) {
            return; // nearly every GET: no parser to set up for nothing
        }
        JsonNode tree = parse(body);
        if (tree == null || tree.isMissingNode() || (tree.isObject() && tree.isEmpty())) {
            return;
        }
        if (tree.isObject()) {
            List<FieldError> errors = new ArrayList<>();
            List<FieldError> unsafe = inspect(tree);
            if (!unsafe.isEmpty()) {
                errors.addAll(unsafe);
            }
            tree.propertyNames().forEach(name -> errors.add(new FieldError(name, "is not a known field")));
            throw new Invalid(INVALID_FIELDS, errors);
        }
        throw new Invalid("This route takes no request body.");
    }

    private JsonNode parse(byte[] body) {
        try {
            return strict.readTree(body);
        }
        catch (JacksonException e) {
            throw new Invalid("The request body is not valid JSON.");
        }
    }

    /** Strings with control characters and numbers outside the decimal limits, anywhere in the tree. */
    static List<FieldError> inspect(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        inspect(tree, "", errors);
        return errors;
    }

    private static void inspect(JsonNode node, String path, List<FieldError> errors) {
        if (node.isString()) {
            String text = node.asString();
            if (MULTI_LINE_FIELDS.contains(path) ? hasControlCharacters(text.replace('\n', ' ').replace('\r', ' ')
                    .replace('\t', ' ')) : hasControlCharacters(text)) {
                errors.add(new FieldError(path.isEmpty() ? "body" : path, CONTROL_CHARACTERS));
            }
        }
        else if (node.isNumber()) {
            if (!node.isIntegralNumber() || node.isBigInteger()) {
                if (!DecimalStrings.withinLimits(node.decimalValue())) {
                    errors.add(new FieldError(path.isEmpty() ? "body" : path, DecimalStrings.LIMITS));
                }
            }
        }
        else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                if (hasControlCharacters(name)) {
                    errors.add(new FieldError(path.isEmpty() ? "body" : path, "has a field name with control characters"));
                    continue;
                }
                inspect(member.getValue(), path.isEmpty() ? name : path + "." + name, errors);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                inspect(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /**
     * Whether a text holds a control character (Unicode's Cc: NUL to U+001F, DEL to U+009F, tabs and
     * line breaks included) or half of a surrogate pair, neither of which belongs in a name, an
     * email, a symbol or a password.
     */
    static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
            else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Stands in for an unreadable primitive, which cannot be left null, so the rest can be validated. */
    private static JsonNode placeholder(Class<?> primitive) {
        if (primitive == boolean.class) {
            return BooleanNode.FALSE;
        }
        if (primitive == char.class) {
            return StringNode.valueOf(" ");
        }
        if (primitive == float.class || primitive == double.class) {
            return DoubleNode.valueOf(0);
        }
        return IntNode.valueOf(0);
    }

    private <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return strict.treeToValue(tree, type);
        }
        catch (JacksonException e) {
            throw new Invalid(INVALID_FIELDS, List.of(fieldError("", e)));
        }
    }

    /** Violations, except on fields already reported as unreadable. */
    private List<FieldError> validate(Object value, Set<String> rejected) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(value)) {
            String field = violation.getPropertyPath().toString();
            String top = field.split("[.\\[]", 2)[0];
            if (!rejected.contains(top)) {
                errors.add(new FieldError(field.isEmpty() ? "body" : field, violation.getMessage()));
            }
        }
        return errors;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID_FIELDS, sorted(errors));
        }
    }

    private static List<FieldError> sorted(List<FieldError> errors) {
        return errors.stream()
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    private static FieldError fieldError(String prefix, JacksonException e) {
        StringBuilder field = new StringBuilder(prefix);
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return new FieldError(field.isEmpty() ? "body" : field.toString(), message(e));
    }

    private static String message(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof DecimalStrings.OutOfLimits) {
            return DecimalStrings.LIMITS;
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch.getTargetType());
        }
        if (e instanceof DatabindException) {
            return "has an invalid value";
        }
        return "is not valid";
    }

    private static String expected(Class<?> type) {
        if (type == String.class || CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "must be an integer";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date-time";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
