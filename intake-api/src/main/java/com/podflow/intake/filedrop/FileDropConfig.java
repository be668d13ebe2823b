package com.podflow.intake.filedrop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The file drop (ADR 42): per-client inbox folders scanned on a schedule. */
@ConfigMapping(prefix = "filedrop")
public interface FileDropConfig {
    /** The root folder holding {@code <clientId>/inbox}; unset = the file drop is off. */
    Optional<Path> dir();

    /** How often the inboxes are scanned; a file is taken when its size and mtime did not change over one interval. */
    @WithDefault("PT5S")
    Duration scanInterval();

    /** The SFTP server in front of the folders. */
    Sftp sftp();

    interface Sftp {
        /** The port of the SFTP server (0: any free port); unset = no SFTP server. Needs {@code filedrop.dir}. */
        OptionalInt port();

        /** The file keeping the server's host key (made at first start); default {@code <dir>/.sftp-host-key}. */
        Optional<Path> hostKey();
    }
}
