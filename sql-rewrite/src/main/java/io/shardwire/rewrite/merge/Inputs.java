package io.shardwire.rewrite.merge;

import java.util.List;

/** Closing several inputs so that one failing close does not leave the others open. */
final class Inputs {

    private Inputs() {
    }

    static void closeAll(List<? extends RowStream> inputs) {
        RuntimeException first = null;
        for (RowStream input : inputs) {
            try {
                input.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
