package fr.parcsolidaire.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON of a report, an import and a refusal (schemas ImportReport, ImportCreated, ImportRejected). */
final class ImportJson {

    private ImportJson() {
    }

    static Map<String, Object> report(ImportReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileName", r.fileName());
        m.put("source", r.source());
        m.put("headerLine", r.mapping().headerLine());
        Map<String, String> columns = new LinkedHashMap<>();
        r.mapping().columns().forEach((field, column) -> columns.put(MappingForm.parameter(field), ImportPlanner.columnName(column)));
        m.put("columns", columns);
        m.put("rows", r.rows());
        m.put("machines", r.machines());
        m.put("importable", r.importable());
        m.put("errors", r.errors());
        m.put("rowsWithErrors", r.rowsWithErrors());
        m.put("warnings", r.warnings());
        List<Map<String, Object>> issues = new ArrayList<>();
        for (RowIssue i : r.issues()) {
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("line", i.line());
            if (i.field() != null) {
                issue.put("field", MappingForm.parameter(i.field()));
                if (r.mapping().has(i.field())) {
                    issue.put("column", ImportPlanner.columnName(r.mapping().column(i.field())));
                }
            }
            issue.put("severity", i.severity().name());
            issue.put("message", i.message());
            issues.add(issue);
        }
        m.put("issues", issues);
        m.put("issuesCut", r.issuesCut());
        Map<String, Integer> byType = new LinkedHashMap<>();
        r.byType().forEach((k, v) -> byType.put(k.name(), v));
        m.put("byType", byType);
        Map<String, Integer> byState = new LinkedHashMap<>();
        r.byState().forEach((k, v) -> byState.put(k.name(), v));
        m.put("byState", byState);
        m.put("bySite", r.bySite());
        m.put("byDonor", r.byDonor());
        m.put("donorsToCreate", r.donorsToCreate());
        m.put("donations", r.donations());
        m.put("tagsKept", r.tagsKept());
        m.put("tagsAllocated", r.tagsAllocated());
        m.put("heldBack", r.heldBack());
        return m;
    }

    static Map<String, Object> created(ImportOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importId", o.importId());
        m.put("machines", o.tags().size());
        m.put("tags", o.tags());
        m.put("report", report(o.report()));
        return m;
    }

    static Map<String, Object> rejected(ImportRejected e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.code());
        m.put("message", e.getMessage());
        m.put("report", report(e.report()));
        return m;
    }
}
