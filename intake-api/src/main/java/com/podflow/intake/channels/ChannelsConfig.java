package com.podflow.intake.channels;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of intake's other channels: connector templates and storefront webhooks. */
@ConfigMapping(prefix = "channels")
public interface ChannelsConfig {
    /** Base64 of 32 random bytes: encrypts storefront signing secrets at rest. Without it no store can be connected. */
    Optional<String> secretEncryptionKey();

    /** Connector templates. */
    Templates templates();

    interface Templates {
        /** A template's output is cut off (and the render fails) beyond this many characters. */
        @WithDefault("262144")
        long maxOutputChars();

        /** A render that runs longer is stopped and fails with render_timeout. */
        @WithDefault("1000")
        long maxRenderMs();

        /** The largest template text accepted. */
        @WithDefault("65536")
        int maxTemplateChars();
    }
}
