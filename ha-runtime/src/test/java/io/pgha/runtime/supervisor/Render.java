package io.pgha.runtime.supervisor;

import io.pgha.runtime.supervisor.SupervisorAction.AwaitPromotion;
import io.pgha.runtime.supervisor.SupervisorAction.ConfirmNotRunning;
import io.pgha.runtime.supervisor.SupervisorAction.DeleteLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.ForceHealth;
import io.pgha.runtime.supervisor.SupervisorAction.Log;
import io.pgha.runtime.supervisor.SupervisorAction.PublishHeartbeat;
import io.pgha.runtime.supervisor.SupervisorAction.ReadCluster;
import io.pgha.runtime.supervisor.SupervisorAction.ReadLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.RouterCommands;
import io.pgha.runtime.supervisor.SupervisorAction.ShutdownSessions;
import java.util.List;
import java.util.stream.Collectors;

/** Actions as one short line each, so that a table of them reads like the log of a run. */
final class Render {

    private Render() {}

    static List<String> all(List<SupervisorAction> actions) {
        return actions.stream().map(Render::action).toList();
    }

    static String action(SupervisorAction action) {
        return switch (action) {
            case ReadLeaderKey r -> "read key (" + r.deadMember() + " died)";
            case ReadCluster r -> "read key (leading)";
            case ConfirmNotRunning c -> "inspect " + c.member();
            case DeleteLeaderKey d -> "delete key if " + d.member() + "@" + d.modRevision();
            case SupervisorAction.ReadHolderRenewal r ->
                "read lease"
                        + r.after()
                                .map(a -> " (" + a.member() + " said "
                                        + a.writes().kind() + ")")
                                .orElse("");
            case SupervisorAction.AskHolderThroughEngine a ->
                "ask " + a.member() + "@" + a.modRevision() + " through its engine";
            case AwaitPromotion a -> "await writes on " + a.member();
            case RouterCommands r ->
                "router: "
                        + r.commands().stream()
                                .map(c -> switch (c) {
                                    case ForceHealth f -> f.listener() + "/" + f.member() + (f.up() ? " up" : " down");
                                    case ShutdownSessions s -> "shut " + s.listener() + "/" + s.member();
                                })
                                .collect(Collectors.joining(", "));
            case PublishHeartbeat p -> "heartbeat: " + p.heartbeat().lastAction();
            case Log l -> (l.level() == Log.Level.WARN ? "warn: " : "log: ") + l.message();
        };
    }
}
