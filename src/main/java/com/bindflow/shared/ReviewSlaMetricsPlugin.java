package com.bindflow.shared;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Gives each {@link ReviewSlaMetrics} its activities when a process is parsed (deployment, or a cache miss). */
@Component
public class ReviewSlaMetricsPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ReviewSlaMetrics> reviews;

    public ReviewSlaMetricsPlugin(ObjectProvider<ReviewSlaMetrics> reviews) {
        this.reviews = reviews;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
                reviews.orderedStream().forEach(review -> review.attachTo(process));
            }
        });
    }
}
