package com.podflow.notification.messaging;

import java.nio.charset.StandardCharsets;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Reads a response body as text but keeps only its first {@code maxBytes}: a target that answers with a huge body
 * cannot fill the heap, and the log wants only an excerpt anyway.
 */
final class ExcerptBodyCodec implements BodyCodec<String> {
    private final int maxBytes;

    ExcerptBodyCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<String>>> handler) {
        handler.handle(Future.succeededFuture(new Excerpt(maxBytes)));
    }

    private static final class Excerpt implements BodyStream<String> {
        private final int maxBytes;
        private final Buffer kept = Buffer.buffer();
        private final Promise<String> result = Promise.promise();

        Excerpt(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public Future<String> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            int room = maxBytes - kept.length();
            if (room > 0) {
                kept.appendBuffer(data, 0, Math.min(room, data.length()));
            }
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            // a multi-byte character cut at the limit decodes as U+FFFD, which is fine for an excerpt
            result.tryComplete(new String(kept.getBytes(), StandardCharsets.UTF_8));
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
