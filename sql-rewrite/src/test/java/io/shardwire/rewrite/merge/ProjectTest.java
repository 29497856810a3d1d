package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectTest {

    @Test
    void stripsTheDerivedColumnsTheRewriterAppended() {
        FixtureStream a = Rows.stream("name:VAR_STRING|created:DATE", "x|2024-01-01", "z|2024-03-01");
        FixtureStream b = Rows.stream("name:VAR_STRING|created:DATE", "y|2024-02-01");
        Project project = new Project(new MergeSort(List.of(a, b), List.of(SortKey.ascending(1))), 1);
        assertEquals(Rows.columns("name:VAR_STRING"), project.columns());
        assertEquals(List.of("x", "y", "z"), Rows.drain(project));
        assertTrue(a.closed() && b.closed());
    }

    @Test
    void keepingAllColumnsPassesRowsThrough() {
        assertEquals(List.of("1|a"), Rows.drain(new Project(Rows.stream("k:LONG|s:VAR_STRING", "1|a"), 2)));
    }

    @Test
    void keepingMoreColumnsThanThereAreIsAMergeError() {
        Project project = new Project(Rows.stream("k:LONG", "1"), 2);
        assertEquals("cannot keep 2 columns of rows that have 1", assertThrows(MergeException.class, project::columns).getMessage());
    }
}
