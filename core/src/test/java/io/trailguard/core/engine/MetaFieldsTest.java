package io.trailguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.snapshot.ResourceNode;
import org.junit.jupiter.api.Test;

class MetaFieldsTest {
    private static ObjectNode copied(ResourceNode r) {
        ObjectNode o = r.configuration().deepCopy();
        o.put("id", r.id());
        o.put("type", r.type());
        o.put("accountId", r.accountId());
        o.put("region", r.region());
        return o;
    }

    @Test
    void readsAsTheConfigurationWithTheFourFieldsPutAfterIt() throws Exception {
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree("{\"Name\":\"logs\",\"type\":\"own\",\"Tags\":[1,2],\"id\":7}");
        ResourceNode r = new ResourceNode(new ResourceRef("AWS::S3::Bucket", "arn:aws:s3:::logs", "111122223333",
                "us-east-1"), config);
        ObjectNode view = MetaFields.of(r);
        ObjectNode copy = copied(r);
        assertThat(view.toString()).isEqualTo(copy.toString());
        assertThat(view).isEqualTo(copy);
        assertThat(view.size()).isEqualTo(copy.size());
        assertThat(view.get("type").asText()).isEqualTo("AWS::S3::Bucket");
        assertThat(view.get("Name").asText()).isEqualTo("logs");
        assertThat(view.get("absent")).isNull();
        assertThat(view.has("region")).isTrue();
        assertThatThrownBy(() -> view.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
