package io.shardwire.protocol.command;

import java.nio.charset.Charset;

/**
 * COM_QUERY: SQL text in the client's character set. Kept as bytes because only the session knows that
 * charset (it may change with SET NAMES).
 */
public record ComQuery(byte[] sql) implements Command {
    public String sql(Charset charset) {
        return new String(sql, charset);
    }
}
