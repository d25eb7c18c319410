package dev.computefabric.executor.testing;

import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** The function {@code gate}: each call runs until the test opens the gate, so tests decide when calls end. */
public final class Gate implements FabricFunction {

    public static final String NAME = "gate";

    private final CountDownLatch open = new CountDownLatch(1);
    private final List<String> entered = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object run(CallContext context) throws InterruptedException {
        entered.add(context.callId());
        open.await();
        return "passed";
    }

    public void open() {
        open.countDown();
    }

    /** Ids of the calls that started, in the order they did. */
    public List<String> entered() {
        return List.copyOf(entered);
    }
}
