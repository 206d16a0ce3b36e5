package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Validator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The list filters, parsed from the query string (the same for pages and API). */
public record MachineFilter(MachineState state, MachineType type, String site, Grade grade, Long donation,
                            String q, int page) {

    public static final int PAGE_SIZE = 25;

    public static MachineFilter parse(Map<String, String> query) {
        Validator v = new Validator();
        MachineState state = v.optionalEnum("state", query.get("state"), MachineState.class, MachineState::label);
        MachineType type = v.optionalEnum("type", query.get("type"), MachineType.class, MachineType::label);
        String site = v.optional("site", query.get("site"), 30);
        Grade grade = v.optionalEnum("grade", query.get("grade"), Grade.class, Grade::name);
        Integer donation = v.integer("donation", query.get("donation"), false, 1, Integer.MAX_VALUE);
        String q = v.optional("q", query.get("q"), 120);
        Integer page = v.integer("page", query.get("page"), false, 1, 100_000);
        v.throwIfInvalid();
        return new MachineFilter(state, type, site, grade, donation == null ? null : donation.longValue(), q,
                page == null ? 1 : page);
    }

    /** The free-text search as an ILIKE pattern (its own %, _ and backslash escaped), or null without one. */
    public String pattern() {
        return q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** A search and nothing else: when it finds one machine, the page opens that machine rather than a list of one. */
    public boolean searchOnly() {
        return q != null && state == null && type == null && site == null && grade == null && donation == null && page == 1;
    }

    /** The query string of this filter at another page, for pagination links. */
    public String queryAt(int otherPage) {
        Map<String, String> params = new LinkedHashMap<>();
        if (state != null) params.put("state", state.name());
        if (type != null) params.put("type", type.name());
        if (site != null) params.put("site", site);
        if (grade != null) params.put("grade", grade.name());
        if (donation != null) params.put("donation", donation.toString());
        if (q != null) params.put("q", q);
        params.put("page", Integer.toString(otherPage));
        StringBuilder sb = new StringBuilder();
        params.forEach((k, val) -> sb.append(sb.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(val, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
