package dev.smskamelets.sandbox.textrequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small per-dashboard lookup entities: tags, groups, custom fields and keywords. */
final class TrCatalog {

    private TrCatalog() {
    }

    /** A contact tag (GUID id). */
    static final class Tag {
        final String id;
        String name;
        String color;

        Tag(String id, String name, String color) {
            this.id = id;
            this.name = name;
            this.color = color;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("tag_color", color);
            m.put("tag", name);
            return m;
        }
    }

    /** A contact group (integer id); keyword groups are created with their keyword. */
    static final class Group {
        final int id;
        final boolean keyword;
        String name;
        String notes;
        Instant lastMessageSent;

        Group(int id, String name, String notes, boolean keyword) {
            this.id = id;
            this.name = name;
            this.notes = notes;
            this.keyword = keyword;
        }

        Map<String, Object> toJson(long memberCount) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("group_member_count", memberCount);
            m.put("is_keyword", keyword);
            m.put("name", name);
            m.put("notes", notes);
            m.put("last_message_sent_utc", TrContact.str(lastMessageSent));
            return m;
        }
    }

    /** A custom field definition (GUID id); values live on contacts. */
    static final class Field {
        final String id;
        String name;

        Field(String id, String name) {
            this.id = id;
            this.name = name;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            return m;
        }
    }

    /** A keyword; contacts who text it join its group. */
    static final class Keyword {
        final int id;
        final int groupId;
        final Instant created;
        String value;
        String response;

        Keyword(int id, int groupId, Instant created, String value, String response) {
            this.id = id;
            this.groupId = groupId;
            this.created = created;
            this.value = value;
            this.response = response;
        }

        Map<String, Object> toJson(long subscribers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("subscribers_count", subscribers);
            m.put("keyword_value", value);
            m.put("date_created", created.toString());
            m.put("response", response);
            m.put("group_id", groupId);
            return m;
        }
    }
}
