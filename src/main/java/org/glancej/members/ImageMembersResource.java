package org.glancej.members;

import static java.util.Objects.requireNonNull;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.images.ImageIds;

/**
 * {@code /v2/images/{id}/members} and {@code /v2/images/{id}/members/{member}} (API reference: Sharing —
 * create, list, show, update and delete image members).
 */
public final class ImageMembersResource implements HttpService {
    private final MemberService members;
    private final MemberView view;

    public ImageMembersResource(MemberService members, MemberView view) {
        this.members = requireNonNull(members, "members is null");
        this.view = requireNonNull(view, "view is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/members").get(this::list).post(this::add).register(rules);
        Endpoint.at("/v2/images/{id}/members/{member}")
                .get(this::show).put(this::update).delete(this::remove).register(rules);
    }

    private void add(ServerRequest req, ServerResponse res) {
        String memberId = MemberRequests.memberId(Json.readBody(req, res));
        Json.send(res, 200, view.render(members.add(RequestContexts.of(req), imageId(req), memberId)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, view.renderList(members.list(RequestContexts.of(req), imageId(req))));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, view.render(members.get(RequestContexts.of(req), imageId(req), memberId(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String status = MemberRequests.status(Json.readBody(req, res));
        Json.send(res, 200, view.render(
                members.setStatus(RequestContexts.of(req), imageId(req), memberId(req), status)));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        members.remove(RequestContexts.of(req), imageId(req), memberId(req));
        res.status(204).send();
    }

    private static String imageId(ServerRequest req) {
        return ImageIds.canonical(req.path().pathParameters().get("id"));
    }

    private static String memberId(ServerRequest req) {
        return req.path().pathParameters().get("member");
    }
}
