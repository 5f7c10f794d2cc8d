package io.harvest.thumbnails;

import io.harvest.image.OutputFormat;
import io.harvest.io.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names each source's thumbnails: the source's own relative path when the thumbnail keeps its
 * format, else that path with the new extension appended ({@code a/photo.png} becomes
 * {@code a/photo.png.jpg}), so {@code a/photo.png} and {@code a/photo.jpg} never collide. In
 * the rare case an appended name equals a real source's name, a {@code ~N} is added.
 */
final class OutputPlan {
    private OutputPlan() {}

    static List<PlannedItem> plan(List<SourceFile> files, OutputFormat requested) {
        Set<String> taken = new HashSet<>();
        for (SourceFile f : files) {
            if (requested.forSource(f.relative()).matchesName(f.relative())) {
                taken.add(f.relative());
            }
        }
        List<PlannedItem> items = new ArrayList<>(files.size());
        for (SourceFile f : files) {
            OutputFormat format = requested.forSource(f.relative());
            String name = f.relative();
            if (!format.matchesName(name)) {
                String ext = "." + format.extension();
                name = f.relative() + ext;
                for (int n = 2; taken.contains(name); n++) {
                    name = f.relative() + "~" + n + ext;
                }
                taken.add(name);
            }
            items.add(new PlannedItem(f, name, format));
        }
        return items;
    }
}
