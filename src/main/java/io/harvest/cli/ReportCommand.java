package io.harvest.cli;

import io.harvest.io.Storage;
import io.harvest.job.JobRunner;
import io.harvest.report.RunReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Makes <output>/report.html again from a run's output folder: its manifest,",
            "summary.json and timeline.json (for an older output, or after a --resume run).",
            "Every job writes its report at the end by itself."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<output>", description = "The output folder of a Harvest run.")
    String output;

    @Override
    public Integer call() {
        return JobRunner.run(RunReport.COMMAND, () -> Inputs.requireLocalExists(output),
                spark -> RunReport.rebuild(spark,
                        Storage.qualify(output, spark.sparkContext().hadoopConfiguration())),
                System.out, System.err);
    }
}
