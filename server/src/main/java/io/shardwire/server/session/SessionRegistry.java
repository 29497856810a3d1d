package io.shardwire.server.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The proxy's live client sessions by connection id, for SHOW PROCESSLIST, KILL and max_connections. */
public final class SessionRegistry {
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Registration> sessions = new ConcurrentHashMap<>();

    /** A session with a way to close its client connection from another thread. */
    public record Registration(Session session, Runnable closer) {
    }

    public long newConnectionId() {
        return nextId.getAndIncrement();
    }

    /**
     * Adds the session unless {@code max} are already there. Synchronised so that clients logging in at the
     * same moment cannot all pass the check (removal needs no lock: it only makes room).
     */
    public synchronized boolean tryAdd(Session session, Runnable closer, int max) {
        if (sessions.size() >= max) {
            return false;
        }
        sessions.put(session.id(), new Registration(session, closer));
        return true;
    }

    public void remove(long id) {
        sessions.remove(id);
    }

    public Registration find(long id) {
        return sessions.get(id);
    }

    public int size() {
        return sessions.size();
    }

    public List<Session> all() {
        Collection<Registration> values = sessions.values();
        List<Session> list = new ArrayList<>(values.size());
        for (Registration r : values) {
            list.add(r.session());
        }
        list.sort((a, b) -> Long.compare(a.id(), b.id()));
        return list;
    }
}
