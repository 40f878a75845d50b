package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the Listrak SMS sandbox "sent": transactional messages and broadcasts, for tests to inspect. */
final class SmsMessages {

    /** One send; {@code recipients} is 1 for a transactional message, the audience size for a broadcast. */
    record Sent(long id, String kind, int senderCodeId, int phoneListId, Integer transactionalMessageId,
                String phoneNumber, String title, String content, Integer segmentationFieldId, long recipients,
                Instant at) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private long nextId = 880_001;

    Sent add(String kind, int senderCodeId, int listId, Integer transactionalMessageId, String phone, String title,
             String content, Integer segmentationFieldId, long recipients) {
        Sent s = new Sent(nextId++, kind, senderCodeId, listId, transactionalMessageId, phone, title, content,
                segmentationFieldId, recipients, Instant.now());
        sent.add(s);
        return s;
    }

    List<Sent> all() {
        return List.copyOf(sent);
    }
}
