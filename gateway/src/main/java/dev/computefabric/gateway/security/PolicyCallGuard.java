package dev.computefabric.gateway.security;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.calls.CallForbiddenException;
import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.CallSubmission;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.tables.TableGrants;
import dev.computefabric.schemas.Capset;
import java.util.Map;

/**
 * The policy's grants, the stored tables the call names, then the caller's quotas; remembers who submitted each call
 * it lets through, and gives them its stored outputs.
 */
final class PolicyCallGuard implements CallGuard {

    private final PolicyFile policyFile;
    private final Quotas quotas;
    private final CallOwners owners;
    private final TableGrants tables;

    PolicyCallGuard(PolicyFile policyFile, Quotas quotas, CallOwners owners, TableGrants tables) {
        this.policyFile = policyFile;
        this.quotas = quotas;
        this.owners = owners;
        this.tables = tables;
    }

    @Override
    public Pass admit(CallSubmission admitted) {
        Caller caller = admitted.caller();
        allow(caller, admitted.function(), admitted.capset(), admitted.tables());
        allowPriority(caller, admitted.priority());
        Policy policy = policyFile.current();
        return owned(caller, quotas.reserve(caller.name(), policy.limitsOf(caller.name())));
    }

    /**
     * {@code quota}, and once accepted, {@code caller} known as the owner here: its result's stored tables (a
     * pipeline's: every step's) become the caller's to name in later calls.
     */
    private Pass owned(Caller caller, Pass quota) {
        return new Pass() {
            @Override
            public void accepted(String callId) {
                owners.accepted(callId, caller.name());
                quota.accepted(callId);
            }

            @Override
            public void abandoned() {
                quota.abandoned();
            }
        };
    }

    @Override
    public Pass admitPipeline(Caller caller, int calls) {
        return owned(caller, quotas.reserve(caller.name(), policyFile.current().limitsOf(caller.name()), calls));
    }

    @Override
    public void allow(Caller caller, String function, Capset capset, Map<String, TableInput> inputs) {
        if (caller == null) {
            // Authentication runs before every /v1 request; a submission without a caller is a wiring mistake.
            throw new CallForbiddenException("the call has no authenticated caller");
        }
        Policy policy = policyFile.current();
        policy.refusal(caller, function, capset.tags()).ifPresent(reason -> {
            throw new CallForbiddenException(reason);
        });
        if (!policy.isAdmin(caller)) {
            inputs.forEach((name, table) -> {
                if (table.sha256() != null) {
                    tables.requireUsable("table '" + name + "'", table.sha256(), caller);
                }
            });
        }
    }

    @Override
    public void allowPriority(Caller caller, Priority priority) {
        policyFile.current().priorityRefusal(caller, priority).ifPresent(reason -> {
            throw new CallForbiddenException(reason);
        });
    }

    @Override
    public void ended(FuncResult result) {
        quotas.ended(result.getCallId());
        owners.acceptedHere(result.getCallId()).ifPresent(owner -> tables.produced(result, owner));
    }
}
