package com.bindflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * After the whole test run: sequence-flow and flow-node coverage per process, summed over the
 * camunda-process-test-coverage reports this run wrote (the library reports per test class). Printed, and written to
 * target/process-test-coverage/summary.txt with the flows no test took.
 */
public class ProcessCoverageSummary implements TestExecutionListener {

    private static final Path REPORTS = Path.of("target", "process-test-coverage");
    private static final Path PROCESSES = Path.of("processes");
    private static final Pattern FLOW = Pattern.compile("<bpmn:sequenceFlow id=\"([^\"]+)\"");
    private static final Pattern NODE = Pattern.compile(
            "<bpmn:(startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|\\w*[tT]ask"
                    + "|callActivity|subProcess|\\w*Gateway) id=\"([^\"]+)\"");

    /** Reports written before this run (e.g. by a renamed test class, without `clean`) do not count. */
    private long runStartedMillis;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        runStartedMillis = System.currentTimeMillis();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!Files.isDirectory(REPORTS) || !Files.isDirectory(PROCESSES)) {
            return;
        }
        Map<String, Set<String>> taken = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> reports = Files.walk(REPORTS, 2)) {
            for (Path report : reports.filter(p -> p.getFileName().toString().equals("report.json"))
                    .filter(p -> p.toFile().lastModified() >= runStartedMillis - 1000).toList()) {
                for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
                    for (JsonNode run : suite.path("runs")) {
                        for (JsonNode event : run.path("events")) {
                            taken.computeIfAbsent(event.path("modelKey").asText(), k -> new TreeSet<>())
                                    .add(event.path("definitionKey").asText());
                        }
                    }
                }
            }
            if (taken.isEmpty()) {
                return; // this run wrote no coverage reports (e.g. the *IT run): keep the summary of the test run
            }
            List<String> lines = new ArrayList<>();
            lines.add("Process test coverage (all test classes):");
            try (Stream<Path> models = Files.list(PROCESSES)) {
                for (Path bpmn : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                    String xml = Files.readString(bpmn);
                    String key = bpmn.getFileName().toString().replace(".bpmn", "");
                    Set<String> seen = taken.getOrDefault(key, Set.of());
                    List<String> flows = ids(FLOW, xml, 1);
                    List<String> nodes = ids(NODE, xml, 2);
                    List<String> missed = flows.stream().filter(f -> !seen.contains(f)).toList();
                    long nodesSeen = nodes.stream().filter(seen::contains).count();
                    lines.add(String.format("  %-20s sequence flows %3d/%-3d (%5.1f%%)  flow nodes %3d/%-3d%s", key,
                            flows.size() - missed.size(), flows.size(), percent(flows.size() - missed.size(), flows.size()),
                            nodesSeen, nodes.size(), missed.isEmpty() ? "" : "  not taken: " + String.join(", ", missed)));
                }
            }
            Files.write(REPORTS.resolve("summary.txt"), lines);
            lines.forEach(System.out::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(Pattern pattern, String xml, int group) {
        List<String> ids = new ArrayList<>();
        Matcher m = pattern.matcher(xml);
        while (m.find()) {
            ids.add(m.group(group));
        }
        return ids;
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }
}
