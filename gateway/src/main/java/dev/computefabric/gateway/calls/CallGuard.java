package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.schemas.Capset;
import java.util.Map;

/**
 * Decides whether a call the catalog admitted may be queued for its caller: grants and quotas. Runs before
 * anything is stored or published, so a refused call leaves no trace.
 */
public interface CallGuard {

    /** Lets every call through: a gateway without authentication. */
    CallGuard OPEN = new CallGuard() {
        @Override
        public Pass admit(CallSubmission admitted) {
            return Pass.NONE;
        }

        @Override
        public void ended(FuncResult result) {}
    };

    /**
     * Lets {@code admitted} through, or throws.
     *
     * @throws CallForbiddenException  its caller may not call this function with these capabilities, or at its priority
     * @throws dev.computefabric.gateway.tables.TableNotFoundException it names a stored table its caller may not use
     * @throws QuotaExceededException  its caller has too many calls in flight or sent too many too fast
     */
    Pass admit(CallSubmission admitted);

    /**
     * Throws unless {@code caller} may call {@code function} with {@code capset} and use {@code tables}: the grants
     * alone, no quota. What each step of a pipeline is checked against before the pipeline is accepted.
     *
     * @throws CallForbiddenException  the policy grants no such call
     * @throws dev.computefabric.gateway.tables.TableNotFoundException a stored table its caller may not use
     */
    default void allow(Caller caller, String function, Capset capset, Map<String, CallSubmission.TableInput> tables) {}

    /**
     * Throws unless {@code caller} may ask for {@code priority}: what a pipeline is checked against ({@link #admit}
     * checks a call's own).
     *
     * @throws CallForbiddenException the policy limits the caller to a lower priority
     */
    default void allowPriority(Caller caller, Priority priority) {}

    /**
     * Takes {@code caller}'s quota for a pipeline that the grants allowed ({@link #allow} for each step), which will
     * run {@code calls} calls: one place in flight until the pipeline ends, and {@code calls} of the rate, paid at
     * once. A pipeline larger than the rate's one second's worth is let through and paid back before the caller's
     * next call or pipeline, so the rate holds over time whatever the size of each.
     *
     * @throws QuotaExceededException its caller has too many calls in flight or sent too many too fast
     */
    default Pass admitPipeline(Caller caller, int calls) {
        return Pass.NONE;
    }

    /** A call or pipeline this gateway accepted has ended: its terminal result arrived. */
    void ended(FuncResult result);

    /** What became of an admitted call: it holds a place in its caller's quota until then. */
    interface Pass {
        Pass NONE = new Pass() {
            @Override
            public void accepted(String callId) {}

            @Override
            public void abandoned() {}
        };

        /** The broker acknowledged it as {@code callId}; it counts as in flight until {@link #ended}. */
        void accepted(String callId);

        /** It was never queued. */
        void abandoned();
    }
}
