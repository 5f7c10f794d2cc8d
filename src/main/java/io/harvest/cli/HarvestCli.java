package io.harvest.cli;

import io.harvest.Version;
import io.harvest.image.ThumbnailSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code harvest <job> [options]}: the entry point of spark-submit and scripts/harvest. Every
 * job also reads its options from files: {@code harvest thumbnails @jobs/thumbnails.args}.
 */
@Command(name = "harvest", mixinStandardHelpOptions = true,
        versionProvider = HarvestCli.VersionProvider.class,
        description = {"Batch fetching and thumbnailing on Apache Spark.", "",
            "Options can also come from a file, one per line: harvest <job> @jobs/<job>.args",
            "Spark settings come from spark-submit or conf/spark-defaults.conf."},
        subcommands = {ThumbnailsCommand.class, FetchCommand.class, ImagesCommand.class, ReportCommand.class,
            SamplesCommand.class,
            CommandLine.HelpCommand.class})
public final class HarvestCli implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 job failed, 2 usage). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HarvestCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // An option given again after an @file overrides the file's value.
        cli.setOverwrittenOptionsAllowed(true);
        cli.registerConverter(ThumbnailSize.class, ThumbnailSize::parse);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a job: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Prints the version the build stamped into the jar. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"harvest " + Version.get()};
        }
    }
}
