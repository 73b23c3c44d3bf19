package com.bindflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Every model and form file is deployed: META-INF/processes.xml lists exactly the files of processes/ and forms/. */
class ProcessesXmlTest {

    @Test
    void processesXmlListsEveryModelAndForm() throws IOException {
        String xml = Files.readString(Path.of("src/main/resources/META-INF/processes.xml"));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("<resource>([^<]+)</resource>").matcher(xml);
        while (m.find()) {
            listed.add(m.group(1));
        }
        List<String> files = new ArrayList<>();
        for (String dir : new String[] {"processes", "forms"}) {
            try (Stream<Path> paths = Files.list(Path.of(dir))) {
                paths.map(p -> dir + "/" + p.getFileName())
                        .filter(name -> name.matches(".*\\.(bpmn|dmn|form)$"))
                        .forEach(files::add);
            }
        }
        Assertions.assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
    }
}
