package io.vieweratlas.runners.analysis;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.in.AnalyzeUseCase;
import io.vieweratlas.core.port.out.AnalysisOutputPort;
import io.vieweratlas.core.service.AnalysisService;
import io.vieweratlas.export.AnalysisOutputWriter;
import io.vieweratlas.lake.LakeProcessedStore;

/**
 * Wires the analysis use case of a role: the service, writing its outputs through the export
 * adapter into the lake of the role's object store and the requested directory. Needs the
 * {@code BaseModule}'s bindings.
 */
public final class AnalysisModule extends AbstractModule {

    @Provides
    @Singleton
    AnalysisOutputPort outputs(ObjectStore store) {
        return new AnalysisOutputWriter(new LakeProcessedStore(store));
    }

    @Provides
    @Singleton
    AnalyzeUseCase analysis(AnalysisOutputPort outputs) {
        // runners analyse in short-lived processes (or once a day in the collector): warm detection up
        return new AnalysisService(outputs, true);
    }
}
