package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sharing API over HTTP without authentication (every caller is admin), answers as upstream Zed gives them. */
class ImageMembersApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("[DEFAULT]\nimage_member_quota = 3\n");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    static String createImage(String visibility) throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"m\", \"visibility\": \"" + visibility + "\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = server.request(path);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return server.send(request);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String message(HttpResponse<String> response) throws Exception {
        String message = json(response).get("message").asText();
        return message.substring(0, message.indexOf("<br />"));
    }

    @Test
    void addListShowAcceptAndRemoveAMember() throws Exception {
        String id = createImage("shared");
        String members = "/v2/images/" + id + "/members";

        HttpResponse<String> added = send("POST", members, "{\"member\": \"alt\"}");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode member = json(added);
        List<String> keys = new ArrayList<>();
        member.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("member_id", "image_id", "status", "created_at", "updated_at", "schema");
        assertThat(member.get("member_id").asText()).isEqualTo("alt");
        assertThat(member.get("image_id").asText()).isEqualTo(id);
        assertThat(member.get("status").asText()).isEqualTo("pending");
        assertThat(member.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(member.get("updated_at").asText()).matches(TIMESTAMP);
        assertThat(member.get("schema").asText()).isEqualTo("/v2/schemas/member");

        JsonNode list = json(send("GET", members, null));
        assertThat(list.get("schema").asText()).isEqualTo("/v2/schemas/members");
        assertThat(list.get("members")).hasSize(1);
        assertThat(list.get("members").get(0)).isEqualTo(member);
        assertThat(json(send("GET", members + "/alt", null))).isEqualTo(member);

        HttpResponse<String> accepted = send("PUT", members + "/alt", "{\"status\": \"accepted\"}");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).get("status").asText()).isEqualTo("accepted");
        assertThat(json(accepted).get("created_at")).isEqualTo(member.get("created_at"));

        HttpResponse<String> removed = send("DELETE", members + "/alt", null);
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        HttpResponse<String> gone = send("GET", members + "/alt", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(message(gone)).isEqualTo("alt not found in the member list of the image " + id + ".");
        assertThat(json(send("GET", members, null)).get("members")).isEmpty();
    }

    @Test
    void addingARemovedMemberAgainMakesItPendingAgain() throws Exception {
        String members = "/v2/images/" + createImage("shared") + "/members";
        send("POST", members, "{\"member\": \"alt\"}");
        send("PUT", members + "/alt", "{\"status\": \"accepted\"}");
        send("DELETE", members + "/alt", null);

        HttpResponse<String> again = send("POST", members, "{\"member\": \"alt\"}");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void imagesThatAreNotSharedHaveNoMembers() throws Exception {
        String id = createImage("private");
        String members = "/v2/images/" + id + "/members";

        HttpResponse<String> add = send("POST", members, "{\"member\": \"alt\"}");
        HttpResponse<String> list = send("GET", members, null);
        HttpResponse<String> show = send("GET", members + "/alt", null);
        HttpResponse<String> update = send("PUT", members + "/alt", "{\"status\": \"accepted\"}");
        HttpResponse<String> delete = send("DELETE", members + "/alt", null);

        assertThat(add.statusCode()).isEqualTo(403);
        assertThat(message(add)).isEqualTo("Not allowed to create members for image " + id + ".");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(message(list)).isEqualTo("Not allowed to list members for image " + id
                + ": Only shared images have members.");
        assertThat(show.statusCode()).isEqualTo(404);
        assertThat(message(show)).isEqualTo("Only shared images have members.");
        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(message(update)).isEqualTo("Not allowed to update members for image " + id + ".");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(message(delete)).isEqualTo("Not allowed to delete members for image " + id + ".");
    }

    @Test
    void membersOutliveAVisibilityChangeButNotTheImage() throws Exception {
        String id = createImage("shared");
        String members = "/v2/images/" + id + "/members";
        send("POST", members, "{\"member\": \"alt\"}");

        assertThat(patchVisibility(id, "private").statusCode()).isEqualTo(200);
        assertThat(send("GET", members, null).statusCode()).isEqualTo(403);
        assertThat(patchVisibility(id, "shared").statusCode()).isEqualTo(200);
        assertThat(json(send("GET", members, null)).get("members").get(0).get("member_id").asText())
                .isEqualTo("alt");

        assertThat(send("DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> afterDelete = send("GET", members, null);
        assertThat(afterDelete.statusCode()).isEqualTo(404);
        assertThat(message(afterDelete)).isEqualTo("Image " + id + " not found.");
    }

    private static HttpResponse<String> patchVisibility(String id, String visibility) throws Exception {
        return server.send(server.request("/v2/images/" + id)
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", BodyPublishers.ofString(
                        "[{\"op\": \"replace\", \"path\": \"/visibility\", \"value\": \"" + visibility + "\"}]")));
    }

    @Test
    void refusalsCarryUpstreamsStatusAndMessage() throws Exception {
        String id = createImage("shared");
        String members = "/v2/images/" + id + "/members";
        String missing = "/v2/images/00000000-0000-0000-0000-000000000000/members";
        send("POST", members, "{\"member\": \"p1\"}");

        assertRefused(send("POST", members, "{\"member\": \"p1\"}"), 409, "Member p1 is duplicated for image " + id);
        assertRefused(send("POST", members, "{\"member\": 5}"), 400,
                "Expected a member in the form: {\"member\": \"image_id\"}");
        assertRefused(send("POST", members, "{\"member\": \"\"}"), 400, "Member can't be empty");
        assertRefused(send("POST", members, "{}"), 400, "Member to be added not specified");
        assertRefused(send("POST", members, ""), 400, "Body expected in request.");
        assertRefused(send("POST", members, "{bad"), 400, "Malformed JSON in request body.");
        assertRefused(send("PUT", members + "/p1", "{\"status\": \"bogus\"}"), 400,
                "Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".");
        assertRefused(send("PUT", members + "/p1", "{}"), 400, "Status not specified");
        assertRefused(send("PUT", members + "/nobody", "{\"status\": \"accepted\"}"), 404,
                "nobody not found in the member list of the image " + id + ".");
        assertRefused(send("DELETE", members + "/nobody", null), 404,
                "nobody not found in the member list of the image " + id + ".");
        assertRefused(send("GET", missing, null), 404, "Image 00000000-0000-0000-0000-000000000000 not found.");
        assertRefused(send("POST", missing, "{\"member\": \"p1\"}"), 404,
                "Image 00000000-0000-0000-0000-000000000000 not found.");

        send("POST", members, "{\"member\": \"p2\"}");
        send("POST", members, "{\"member\": \"p3\"}");
        assertRefused(send("POST", members, "{\"member\": \"p4\"}"), 413, "Image member limit exceeded for image "
                + id + ": The limit has been exceeded on the number of allowed image members for this image."
                + " Attempted: 4, Maximum: 3:");
    }

    @Test
    void memberIdsArePathSegmentsDecodedAsUtf8() throws Exception {
        String members = "/v2/images/" + createImage("shared") + "/members";
        send("POST", members, "{\"member\": \"a b\u00e9\"}");

        HttpResponse<String> shown = send("GET", members + "/a%20b%C3%A9", null);

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(json(shown).get("member_id").asText()).isEqualTo("a b\u00e9");
    }

    @Test
    void routesAnswerOtherMethodsWith405AndRefuseBodiesWhereUpstreamDoes() throws Exception {
        String members = "/v2/images/" + createImage("shared") + "/members";

        HttpResponse<String> putList = send("PUT", members, "{}");
        HttpResponse<String> patchOne = send("PATCH", members + "/alt", "{}");

        assertThat(putList.statusCode()).isEqualTo(405);
        assertThat(putList.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(patchOne.statusCode()).isEqualTo(405);
        assertThat(patchOne.headers().firstValue("Allow")).contains("GET, PUT, DELETE");
        assertThat(send("HEAD", members, null).statusCode()).isEqualTo(405);
        assertRefused(send("GET", members, "{}"), 400, "A body is not expected with this request.");
        assertRefused(send("DELETE", members + "/alt", "{}"), 400, "A body is not expected with this request.");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(message(response)).isEqualTo(message);
    }
}
