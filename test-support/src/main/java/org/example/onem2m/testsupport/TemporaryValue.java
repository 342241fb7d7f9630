package org.example.onem2m.testsupport;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.rules.ExternalResource;

/**
 * A JUnit rule that gives a static knob of the code under test (a part size, a step a test needs small) a value for
 * each test and puts back the one it had after it, also when the test fails:
 * {@code @Rule public final TemporaryValue<Integer> parts = TemporaryValue.of(() -> X.size, v -> X.size = v, 3);}.
 * A test may change the knob again; the value from before the test still comes back.
 */
public final class TemporaryValue<T> extends ExternalResource {
    private final Supplier<T> get;
    private final Consumer<T> set;
    private final T during;
    private T before;

    private TemporaryValue(Supplier<T> get, Consumer<T> set, T during) {
        this.get = get;
        this.set = set;
        this.during = during;
    }

    public static <T> TemporaryValue<T> of(Supplier<T> get, Consumer<T> set, T during) {
        return new TemporaryValue<>(get, set, during);
    }

    @Override
    protected void before() {
        before = get.get();
        set.accept(during);
    }

    @Override
    protected void after() { set.accept(before); }
}
