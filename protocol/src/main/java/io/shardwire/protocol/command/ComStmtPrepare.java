package io.shardwire.protocol.command;

import java.nio.charset.Charset;

/**
 * COM_STMT_PREPARE (0x16): SQL text with {@code ?} placeholders, in the client's character set (MySQL
 * "COM_STMT_PREPARE"). Kept as bytes for the same reason as {@link ComQuery}.
 */
public record ComStmtPrepare(byte[] sql) implements Command {
    public String sql(Charset charset) {
        return new String(sql, charset);
    }
}
