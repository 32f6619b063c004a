package io.pgha.runtime.supervisor;

import java.util.List;

/** HAProxy's runtime API: the two commands the supervisor sends. */
public interface RouterPort {

    void forceHealth(String listener, String member, boolean up);

    void shutdownSessions(String listener, String member);

    /**
     * The routers this port stands for, each driven on its own: a stack with two routers (docs/decisions/0030) gives
     * one port per router, so a dead router never keeps the other from its commands.
     */
    default List<RouterPort> each() {
        return List.of(this);
    }

    /** A port of several routers: {@link #each()} gives them; the commands themselves go to every one in turn. */
    static RouterPort of(List<RouterPort> routers) {
        List<RouterPort> all = List.copyOf(routers);
        if (all.size() == 1) {
            return all.getFirst();
        }
        return new RouterPort() {
            @Override
            public void forceHealth(String listener, String member, boolean up) {
                all.forEach(r -> r.forceHealth(listener, member, up));
            }

            @Override
            public void shutdownSessions(String listener, String member) {
                all.forEach(r -> r.shutdownSessions(listener, member));
            }

            @Override
            public List<RouterPort> each() {
                return all;
            }
        };
    }
}
