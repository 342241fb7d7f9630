package org.example.onem2m.testsupport;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Component configurations as Declarative Services hands them over: an instance of the metatype annotation whose
 * methods answer the given properties, else the annotation's defaults.
 */
public final class Configs {
    private Configs() {}

    /** {@code Configs.of(MafServerConfiguration.class, "port", 8443, "pskEnabled", false)}. */
    public static <A> A of(Class<A> type, Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType": return type;
                case "toString": return type.getSimpleName() + values;
                case "hashCode": return values.hashCode();
                case "equals": return proxy == args[0];
                default:
                    if (values.containsKey(method.getName())) return values.get(method.getName());
                    if (method.getDefaultValue() != null) return method.getDefaultValue();
                    throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no default and was not given");
            }
        }));
    }
}
