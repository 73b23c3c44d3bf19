package com.bindflow;

import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingUndoProcess;
import com.bindflow.eligibility.EligibilityProcess;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ids Java uses (one constants class per process) name elements and messages that exist in the BPMN. */
class ProcessConstantsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "com.bindflow.binding.BindingProcess, processes/Binding.bpmn",
            "com.bindflow.eligibility.EligibilityProcess, processes/EligibilityCheck.bpmn",
            "com.bindflow.binding.otp.OtpVerificationProcess, processes/OtpVerification.bpmn",
            "com.bindflow.binding.BindingUndoProcess, processes/BindingUndo.bpmn",
            "com.bindflow.binding.UnbindingProcess, processes/Unbinding.bpmn",
            "com.bindflow.unfreeze.UnfreezeProcess, processes/Unfreeze.bpmn",
            "com.bindflow.overdue.OverdueProcess, processes/Overdue.bpmn",
    })
    void everyIdConstantIsInItsDiagram(String constants, String bpmn) throws Exception {
        String xml = Files.readString(Path.of(bpmn));
        List<String> missing = new ArrayList<>();
        for (Field field : Class.forName(constants).getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getName().startsWith("VAR_")
                    || field.getName().startsWith("GROUP_") || field.getName().equals("DECISION_ID")) {
                continue;
            }
            String value = (String) field.get(null);
            String pattern = field.getName().startsWith("MESSAGE_") ? "name=\"" + value + "\""
                    : field.getName().startsWith("ERROR_") ? "errorCode=\"" + value + "\"" : "id=\"" + value + "\"";
            if (!xml.contains(pattern)) {
                missing.add(field.getName() + "=" + value);
            }
        }
        Assertions.assertThat(missing).as("constants without an element in " + bpmn).isEmpty();
    }

    @SuppressWarnings("unused")
    private static final Class<?>[] KEEP = {BindingProcess.class, EligibilityProcess.class, BindingUndoProcess.class};
}
