package io.shardwire.protocol.binary;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The parameters of one COM_STMT_EXECUTE (MySQL "COM_STMT_EXECUTE", after the iteration count):
 * a NULL bitmap of (n + 7) / 8 bytes, the new-params-bound flag, when it is 1 two type bytes per parameter,
 * then the values of the parameters that are neither NULL nor sent as long data.
 *
 * @param types  the types in force for this execution (sent now, or remembered from an earlier one; NULL
 *               for all when none were ever sent and every parameter is NULL)
 * @param newTypes whether this packet carried the types (new-params-bound = 1)
 * @param values one per parameter
 */
public record ExecuteParameters(List<ParameterType> types, boolean newTypes, List<BinaryValue> values) {
    private static final NullValue NULL = new NullValue();
    /** The type of a parameter no execution has bound yet (compared by identity). */
    private static final ParameterType UNBOUND = new ParameterType(io.shardwire.protocol.ColumnType.NULL, false);

    public ExecuteParameters {
        types = List.copyOf(types);
        values = List.copyOf(values);
    }

    public static ExecuteParameters parse(byte[] body, int count, List<ParameterType> previousTypes,
                                          IntFunction<byte[]> longData) {
        return parse(Unpooled.wrappedBuffer(body), count, previousTypes, longData);
    }

    /**
     * @param count         the statement's parameter count, known from its prepare
     * @param previousTypes the types of the last execution that sent them, or null if none did
     * @param longData      the bytes COM_STMT_SEND_LONG_DATA sent for a parameter, or null: such a parameter
     *                      has no value in this packet and its NULL bit is not looked at (as in mysqld)
     */
    public static ExecuteParameters parse(ByteBuf in, int count, List<ParameterType> previousTypes,
                                          IntFunction<byte[]> longData) {
        if (count == 0) {
            return new ExecuteParameters(List.of(), false, List.of());
        }
        int bitmapBytes = (count + 7) / 8;
        Wire.need(in, bitmapBytes + 1L, "COM_STMT_EXECUTE NULL bitmap and new-params-bound flag");
        byte[] nullBitmap = new byte[bitmapBytes];
        in.readBytes(nullBitmap);
        boolean newTypes = in.readByte() != 0;
        List<ParameterType> types;
        if (newTypes) {
            Wire.need(in, 2L * count, "COM_STMT_EXECUTE parameter types");
            types = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ParameterType type = ParameterType.read(in);
                BinaryCodec.checkType(type.type());
                types.add(type);
            }
        } else if (previousTypes == null || previousTypes.size() != count) {
            // mysqld accepts this as long as no value needs a type: every parameter NULL or sent as long data
            types = java.util.Collections.nCopies(count, UNBOUND);
        } else {
            types = previousTypes;
        }
        List<BinaryValue> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = longData.apply(i);
            if (data != null) {
                values.add(new BytesValue(data));
            } else if ((nullBitmap[i >> 3] & (1 << (i & 7))) != 0) {
                values.add(NULL);
            } else if (types.get(i) == UNBOUND) {
                throw new MalformedPacketException("COM_STMT_EXECUTE: parameter " + i + " has a value but no type: "
                        + "new-params-bound is 0 and no earlier execution of the statement sent the types");
            } else {
                values.add(BinaryCodec.read(in, types.get(i)));
            }
        }
        return new ExecuteParameters(types, newTypes, values);
    }

    /** Writes the same layout, for tests and tools that act as a client. */
    public void writeTo(ByteBuf out) {
        int count = values.size();
        if (count == 0) {
            return;
        }
        byte[] nullBitmap = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            if (values.get(i) instanceof NullValue) {
                nullBitmap[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        out.writeBytes(nullBitmap);
        out.writeByte(newTypes ? 1 : 0);
        if (newTypes) {
            types.forEach(t -> t.writeTo(out));
        }
        for (int i = 0; i < count; i++) {
            if (!(values.get(i) instanceof NullValue)) {
                BinaryCodec.write(out, types.get(i).type(), values.get(i));
            }
        }
    }
}
