package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            mysql://root:@127.0.0.1:13306       | root  | ''        | 127.0.0.1   | 13306
            mysql://127.0.0.1                    | root  | ''        | 127.0.0.1   | 3306
            mariadb://app:s3cret@db.example:3307 | app   | s3cret    | db.example  | 3307
            MySQL://app@db_1                     | app   | ''        | db_1        | 3306
            mysql://:pw@h:1                      | root  | pw        | h           | 1
            mysql://u%40x:p%3Aw%25+@h/           | u@x   | p:w%+     | h           | 3306
            mysql://u:p@ss@h                     | u     | p@ss      | h           | 3306
            mysql://u:%C3%A9t%C3%A9@h            | u     | été       | h           | 3306
            mysql://root@[::1]:3310              | root  | ''        | ::1         | 3310
            mysql://[fe80::1]                    | root  | ''        | fe80::1     | 3306
            """)
    void parses(String uri, String user, String password, String host, int port) {
        BackendAddress a = BackendAddress.parse(uri);
        assertEquals(new BackendAddress(user, password, host, port, Map.of()), a);
    }

    @Test
    void parsesParametersInOrder() {
        BackendAddress a = BackendAddress.parse("mysql://h:1?useSSL=false&connectTimeout=500&x=a%26b&flag");
        assertEquals("[useSSL, connectTimeout, x, flag]", a.params().keySet().toString());
        assertEquals("a&b", a.params().get("x"));
        assertEquals("", a.params().get("flag"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgres://h                | it must start with mysql:// or mariadb://
            127.0.0.1:3306              | it must start with mysql:// or mariadb://
            mysql://                    | the host is missing
            mysql://u:p@:3306           | the host is missing
            mysql://h:0                 | the port '0' is not a number from 1 to 65535
            mysql://h:70000             | the port '70000' is not a number from 1 to 65535
            mysql://h:x                 | the port 'x' is not a number from 1 to 65535
            mysql://h/shop              | a database path ('/shop') is not used: the proxy opens the logical database of the same name on every backend; remove it
            mysql://u:p%4@h             | '%' must be followed by two hex digits (write a literal '%' as %25)
            mysql://[::1               | the IPv6 address has no closing ']'
            mysql://[::1]x             | expected ':port' after the IPv6 address
            mysql://h?a=1&a=2          | parameter 'a=2' is empty or repeated
            """)
    void rejects(String uri, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendAddress.parse(uri));
        String shown = uri.replaceFirst("//u:[^@]*@", "//u:***@");
        assertEquals("invalid backend address '" + shown + "': " + problem + " (expected mysql://user:password@host:port)",
                e.getMessage());
    }

    @Test
    void errorsAndToStringHideThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendAddress.parse("mysql://app:topsecret@h:99999"));
        assertEquals("invalid backend address 'mysql://app:***@h:99999': the port '99999' is not a number from 1 to 65535"
                + " (expected mysql://user:password@host:port)", e.getMessage());
        assertEquals("mysql://app:***@h:3306", BackendAddress.parse("mysql://app:topsecret@h").toString());
        assertEquals("mysql://root@[::1]:3306", BackendAddress.parse("mysql://[::1]").toString());
        assertEquals("UserConfig[name=app, password=***, admin=false, authPlugin=mysql_native_password, databases=[], readOnly=false, requireTls=false]",
                new UserConfig("app", "topsecret", false).toString());
    }
}
