package dev.smskamelets.jobs.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.csv.CsvLine;
import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Shapes mapped contacts ({@link ContactRowMapper}) for each vendor of the contact import and sync: a Text Request
 * bulk-update array, a Textable batch, rows of the Listrak import file; and reads the numbers that must never be
 * written (opt-out and suppression lists) into the file's do-not-contact set. No body carries an opt-out or
 * suppression field, so a vendor's own opt-out state is never overwritten.
 */
public class ContactTargets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PhoneNormalizer phones = new PhoneNormalizer();
    /** The reject reason of a number Listrak SMS cannot take (its imports answer this per row). */
    static final String LISTRAK_US_ONLY = "listrak-sms: 10-digit US number expected (Listrak SMS imports take US numbers"
            + " only; not sent there)";
    private final List<String> listrakFields = new ArrayList<>();
    private String phoneColumn = "phone";
    private ContactImport counts = new ContactImport();

    public ContactTargets() {
        phones.setTarget("E164");
    }

    /** Adds the numbers of a page of vendor records (JSON strings) to the file's do-not-contact set. */
    public void doNotContact(Exchange exchange, List<?> records, String field) throws IOException {
        ContactImportRun run = ContactImport.run(exchange);
        for (Object record : records) {
            String raw = JSON.readTree(String.valueOf(record)).path(field).asText("");
            try {
                run.doNotContact.add(phones.normalize(field, raw));
            } catch (InvalidPhoneNumberException e) {
                // a number no row can match: nothing to protect
            }
        }
    }

    /** Text Request bulk-update items ({@code +1} numbers only; the others are counted skipped.textrequest). */
    public List<Map<String, Object>> textRequest(Exchange exchange, List<Map<String, Object>> contacts) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> c : contacts) {
            String phone = (String) c.get("phone");
            if (!phone.startsWith("+1")) {
                counts.count(exchange, "skipped.textrequest", 1);
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("phone_number", phone.substring(1));
            put(item, "first_name", c.get("firstName"));
            put(item, "last_name", c.get("lastName"));
            List<Map<String, Object>> fields = new ArrayList<>();
            c.forEach((k, v) -> {
                if (k.startsWith("textrequest.field.")) {
                    fields.add(Map.of("id", k.substring("textrequest.field.".length()), "value", v));
                }
            });
            if (!fields.isEmpty()) {
                item.put("custom_fields", fields);
            }
            if (c.get("textrequest.tags") != null) {
                item.put("contact_tags", List.of(c.get("textrequest.tags").toString().split("\\s*[;|]\\s*")));
            }
            if (c.get("textrequest.groups") != null) {
                item.put("groups", List.of(c.get("textrequest.groups").toString().split("\\s*[;|]\\s*")).stream()
                        .map(Integer::valueOf).toList());
            }
            items.add(item);
        }
        return items;
    }

    /**
     * A Listrak {@code SMSContact} document (contact source) as a mapped contact: phone (E.164), e-mail, names and
     * profile field values ({@code listrak.profile.<id>}); the opt-out flag is deliberately not carried over.
     */
    public List<Map<String, Object>> fromListrak(String json) throws IOException {
        JsonNode c = JSON.readTree(json);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("phone", phones.normalize("phoneNumber", c.path("phoneNumber").asText("")));
        put(contact, "email", text(c, "emailAddress"));
        put(contact, "firstName", text(c, "firstName"));
        put(contact, "lastName", text(c, "lastName"));
        for (JsonNode f : c.path("segmentationFieldValues")) {
            put(contact, "listrak.profile." + f.path("segmentationFieldId").asText(), text(f, "value"));
        }
        return List.of(contact);
    }

    /** {@code <phone>:<SHA-256 of the fields>} of the first contact: equal while the contact is unchanged. */
    public String syncKey(List<Map<String, Object>> contacts) {
        Map<String, Object> contact = new java.util.TreeMap<>(contacts.get(0));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(contact.toString().getBytes(StandardCharsets.UTF_8));
            return contact.get("phone") + ":" + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts Text Request's bulk-update answer (the contacts as written): applied.textrequest, or
     * kept-optout.textrequest for a contact that is still opted out or suppressed there (its opt-out was kept).
     */
    public void textRequestResult(Exchange exchange, String answer) throws IOException {
        long applied = 0;
        long kept = 0;
        for (JsonNode c : JSON.readTree(answer)) {
            if (c.path("is_suppressed").asBoolean(false) || c.hasNonNull("opted_out_utc")) {
                kept++;
            } else {
                applied++;
            }
        }
        counts.count(exchange, "applied.textrequest", applied);
        counts.count(exchange, "kept-optout.textrequest", kept);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** Textable batch entries: phoneNumber, fullName, email (never optedOut). */
    public List<Map<String, Object>> textable(List<Map<String, Object>> contacts) {
        List<Map<String, Object>> items = new ArrayList<>(contacts.size());
        for (Map<String, Object> c : contacts) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("phoneNumber", c.get("phone"));
            String name = (String.valueOf(c.getOrDefault("firstName", "")) + " "
                    + c.getOrDefault("lastName", "")).strip();
            put(item, "fullName", name.isEmpty() ? null : name);
            put(item, "email", c.get("email"));
            items.add(item);
        }
        return items;
    }

    /** Appends the contacts to the file's Listrak import file (phone, then one column per mapped profile field). */
    public void stageListrak(Exchange exchange, List<Map<String, Object>> contacts) throws IOException {
        ContactImportRun run = ContactImport.run(exchange);
        List<Map<String, Object>> us = new ArrayList<>(contacts.size());
        for (Map<String, Object> c : contacts) {
            if (((String) c.get("phone")).startsWith("+1")) {
                us.add(c);
            } else { // Listrak SMS refuses it row by row, and its import status would not say so
                ContactImport.rejectRow(run, String.valueOf(c.get("row")), String.valueOf(c.getOrDefault("line", c.get("row"))),
                        phoneColumn, String.valueOf(c.get("phoneRaw")), LISTRAK_US_ONLY);
                counts.count(exchange, "failed.listrak-sms", 1);
            }
        }
        contacts = us;
        if (run.listrak == null) {
            Files.createDirectories(run.reportDir);
            run.listrak = Files.newBufferedWriter(run.listrakFile(), StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>(List.of("phone"));
            listrakFields.forEach(id -> header.add("f" + id));
            run.listrak.write(CsvLine.of(header.toArray(String[]::new)));
        }
        for (Map<String, Object> c : contacts) {
            String[] values = new String[listrakFields.size() + 1];
            values[0] = (String) c.get("phone");
            for (int i = 0; i < listrakFields.size(); i++) {
                Object v = c.get("listrak.profile." + listrakFields.get(i));
                values[i + 1] = v == null ? "" : v.toString();
            }
            run.listrak.write(CsvLine.of(values));
        }
        run.listrakRows += contacts.size();
    }

    /** The finished Listrak import file, or null when no row goes to Listrak. */
    public File listrakFile(Exchange exchange) throws IOException {
        ContactImportRun run = ContactImport.run(exchange);
        if (run.listrak == null) {
            return null;
        }
        run.listrak.close();
        run.listrak = null;
        return run.listrakRows == 0 ? null : run.listrakFile().toFile();
    }

    /** Counts the Listrak import sink's result: rows of completed imports applied, of failed ones failed. */
    public void listrakResult(Exchange exchange, String result) throws IOException {
        JsonNode answer = JSON.readTree(result);
        for (JsonNode i : answer.path("imports")) {
            boolean ok = "completed".equalsIgnoreCase(i.path("status").asText());
            counts.count(exchange, ok ? "applied.listrak-sms" : "failed.listrak-sms", i.path("rows").asLong());
        }
        counts.count(exchange, "failed.listrak-sms", answer.path("rejectedRows").asLong());
        ContactImport.run(exchange).listrakResult = (com.fasterxml.jackson.databind.node.ObjectNode) answer;
    }

    /** Listrak profile field columns of the staged file, {@code f301=301,...} (the sink's fieldColumns). */
    public String getFieldColumns() {
        return String.join(",", listrakFields.stream().map(id -> "f" + id + "=" + id).toList());
    }

    /** The import's mapping ({@code field=Column,...}): its {@code listrak.profile.<id>} fields become columns. */
    public void setMapping(String mapping) {
        listrakFields.clear();
        for (String pair : mapping.split(",")) {
            String field = pair.split("=", 2)[0].strip();
            if (field.equals("phone") && pair.contains("=")) {
                phoneColumn = pair.split("=", 2)[1].strip();
            }
            if (field.startsWith("listrak.profile.")) {
                listrakFields.add(field.substring("listrak.profile.".length()));
            }
        }
    }

    public void setDefaultRegion(String region) {
        phones.setDefaultRegion(region);
    }

    /** The import bean that counts outcomes (the same registry bean the route uses). */
    public void setCounts(ContactImport counts) {
        this.counts = counts;
    }

    private static void put(Map<String, Object> item, String key, Object value) {
        if (value != null) {
            item.put(key, value);
        }
    }
}
