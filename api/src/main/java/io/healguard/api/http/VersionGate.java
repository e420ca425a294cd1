package io.healguard.api.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;

/**
 * The HTTP version of a request, settled before Vert.x sees it. Vert.x answers any version other
 * than 1.0 and 1.1 with a bare {@code 501} before a handler of ours runs. RFC 9112 section 2.3
 * asks a server to treat a later HTTP/1 minor version (HTTP/1.2) as the 1.1 it speaks; any other
 * version (HTTP/2.0 over cleartext, which is off, HTTP/3.0) becomes a decoding failure that the
 * invalid-request handler answers with a 400 problem naming the version.
 *
 * <p>It sits in the Netty pipeline right after Vert.x's decoder, reached through Vert.x's internal
 * {@code ConnectionBase}: Vert.x has no public hook for this. Without that class (another Vert.x
 * version), {@link #install} does nothing and the 501 comes back.
 */
@ChannelHandler.Sharable
final class VersionGate extends ChannelInboundHandlerAdapter {
  static final VersionGate INSTANCE = new VersionGate();
  private static final String NAME = "healguard-version";

  /** Thrown into the request's decoder result: the invalid-request handler names the version. */
  static final class UnsupportedVersion extends DecoderException {
    UnsupportedVersion(String version) {
      super(version + " is not supported; send HTTP/1.1");
    }
  }

  static void install(HttpConnection c) {
    if (c instanceof io.vertx.core.net.impl.ConnectionBase base) {
      ChannelPipeline p = base.channelHandlerContext().pipeline();
      if (p.get("httpDecoder") != null && p.get(NAME) == null) {
        p.addAfter("httpDecoder", NAME, INSTANCE);
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest r && r.decoderResult().isSuccess()) {
      HttpVersion v = r.protocolVersion();
      if (v.majorVersion() == 1 && v.minorVersion() > 1) {
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
      } else if (!HttpVersion.HTTP_1_1.equals(v) && !HttpVersion.HTTP_1_0.equals(v)) {
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
        r.setDecoderResult(DecoderResult.failure(new UnsupportedVersion(v.text())));
      }
    }
    ctx.fireChannelRead(msg);
  }
}
