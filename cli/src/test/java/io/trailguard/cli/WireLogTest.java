package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code --debug} shows each call on the wire, and never a credential: a real SDK client against a loopback stub. */
class WireLogTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

    @Test
    void callsAreLoggedWithoutCredentials() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/u</Arn><UserId>U</UserId>"
                + "<Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>req-1"
                + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("x-amzn-RequestId", "req-1");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        StringWriter log = new StringWriter();
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN))).build()) {
            WireLog.enable(new PrintWriter(log, true));
            sts.getCallerIdentity();
        } finally {
            WireLog.enable(null);
            server.stop(0);
        }
        assertThat(log.toString()).contains("debug: → Sts.GetCallerIdentity us-east-1 POST http://127.0.0.1:")
                .contains("debug: ← Sts.GetCallerIdentity us-east-1 200").contains("req-1")
                .containsIgnoringCase("authorization: (redacted)").containsIgnoringCase("x-amz-security-token: (redacted)")
                .doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("Signature=");
    }
}
