package com.podflow.intake.filedrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The file drop's SFTP server (Apache MINA SSHD), when {@code filedrop.sftp.port} is set: user name = client id,
 * password as set by {@code PUT /admin/v1/clients/{clientId}/filedrop}; each client sees only
 * {@code <filedrop.dir>/<clientId>} as its root (with {@code inbox/}, {@code archive/}, {@code error/}).
 */
@ApplicationScoped
public class FileDropSftpServer {
    private static final Logger LOG = Logger.getLogger(FileDropSftpServer.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final FileDropConfig config;
    private final FileDropCredentials credentials;
    private SshServer server;

    public FileDropSftpServer(FileDropConfig config, FileDropCredentials credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (config.sftp().port().isEmpty()) {
            return;
        }
        Path root = config.dir().orElseThrow(() -> new IllegalStateException(
                "filedrop.sftp.port is set but filedrop.dir is not: the SFTP server needs the folders"))
                .toAbsolutePath();
        Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("0.0.0.0");
        server.setPort(config.sftp().port().getAsInt());
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(
                config.sftp().hostKey().orElse(root.resolve(".sftp-host-key"))));
        server.setPasswordAuthenticator((user, password, session) -> CLIENT_ID.matcher(user).matches()
                && credentials.matches(user, password));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) {
                Path home = root.resolve(session.getUsername());
                try {
                    Files.createDirectories(home.resolve("inbox"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return home;
            }
        });
        server.start();
        LOG.infof("file drop: SFTP server on port %d, clients chrooted to %s/<clientId>", server.getPort(), root);
    }

    /** The port the server listens on (the real one when configured as 0); -1 when there is no server. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }
}
