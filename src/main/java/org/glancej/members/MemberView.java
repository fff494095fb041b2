package org.glancej.members;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.glancej.http.Json;
import org.glancej.images.ImageView;

/** Members as the API shows them: upstream's key order, its whole-second {@code Z} timestamps. */
public final class MemberView {

    public ObjectNode render(ImageMember member) {
        ObjectNode node = Json.object();
        node.put("member_id", member.memberId());
        node.put("image_id", member.imageId());
        node.put("status", member.status().wire());
        node.put("created_at", ImageView.timestamp(member.createdAt()));
        node.put("updated_at", ImageView.timestamp(member.updatedAt()));
        node.put("schema", "/v2/schemas/member");
        return node;
    }

    public ObjectNode renderList(List<ImageMember> members) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("members");
        members.forEach(member -> items.add(render(member)));
        body.put("schema", "/v2/schemas/members");
        return body;
    }
}
