package cn.mediation.app.storage;

import cn.mediation.app.config.OwnerOnlyFile;
import com.mongodb.MongoClientSettings;
import com.mongodb.UnixServerAddress;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * mongo-java-server's wire protocol (its own Netty handlers, in its own order) served on a Unix domain socket instead
 * of a TCP port, so that no other user of the machine can connect: the socket lies in a folder only the server's user
 * may enter ({@code rwx------}) and is itself {@code rw-------}. Netty 4.2 serves domain sockets over NIO (JDK 16+);
 * the MongoDB driver connects with {@link UnixServerAddress} through jnr-unixsocket.
 */
public final class DomainSocketServer implements AutoCloseable {

    /** The longest path a Unix domain socket may have everywhere (Linux allows 107 bytes, macOS 103). */
    static final int MAX_PATH_BYTES = 103;

    private final Path socket;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup clients;
    private final Channel listening;

    private DomainSocketServer(Path socket, EventLoopGroup boss, EventLoopGroup workers, ChannelGroup clients,
                               Channel listening) {
        this.socket = socket;
        this.boss = boss;
        this.workers = workers;
        this.clients = clients;
        this.listening = listening;
    }

    /**
     * Serves {@code backend} on {@code socket}, creating its folder private to this user. A socket file left by a
     * process that died is replaced: the caller holds the store's lock, so no live server can own it.
     */
    public static DomainSocketServer bind(MongoBackend backend, Path socket) {
        Path path = socket.toAbsolutePath().normalize();
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("The socket path " + path + " is longer than the " + MAX_PATH_BYTES
                                               + " bytes a Unix domain socket may have");
        }
        if (!reachable(path)) {
            throw new IllegalArgumentException("The socket path " + path + " has capital letters, and the MongoDB "
                                               + "driver lower-cases a socket's path before it connects");
        }
        try {
            privateFolder(path.getParent());
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the socket " + path + ": " + e.getMessage(), e);
        }
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mongo-socket-boss"),
                                                              NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("mongo-socket-worker"),
                                                                 NioIoHandler.newFactory());
        ChannelGroup clients = new DefaultChannelGroup("mongo-socket-clients", GlobalEventExecutor.INSTANCE);
        try {
            Channel listening = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerDomainSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                                                       new MongoWireProtocolHandler(),
                                                       new MongoDatabaseHandler(backend, clients),
                                                       new MongoExceptionHandler());
                        }
                    })
                    .bind(UnixDomainSocketAddress.of(path)).syncUninterruptibly().channel();
            OwnerOnlyFile.restrict(path, "rw-------");
            return new DomainSocketServer(path, boss, workers, clients, listening);
        } catch (IOException | RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot restrict the socket " + path + " to this user", io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Whether the driver can connect to a socket at {@code path}: short enough for a socket, and in lower case, since
     * the driver lower-cases every host, a socket's path included.
     */
    static boolean reachable(Path path) {
        String text = path.toAbsolutePath().normalize().toString();
        return text.getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES
               && text.equals(text.toLowerCase(java.util.Locale.ROOT));
    }

    private static void privateFolder(Path folder) throws IOException {
        if (Files.isSymbolicLink(folder)) {
            throw new IOException(folder + " is a symbolic link, not a folder of this user's");
        }
        Files.createDirectories(folder);
        if (OwnerOnlyFile.posix()) {
            // a folder another user made first (the temporary folder's are guessable) is theirs to tamper with
            if (!Files.getOwner(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS).equals(OwnerOnlyFile.processOwner())) {
                throw new IOException(folder + " belongs to another user");
            }
        }
        OwnerOnlyFile.restrict(folder, "rwx------");
    }

    public Path socket() {
        return socket;
    }

    /** Driver settings that reach this server (and only through its socket). */
    public MongoClientSettings.Builder clientSettings() {
        return MongoClientSettings.builder()
                                  .applyToClusterSettings(c -> c.hosts(List.of(new UnixServerAddress(socket.toString()))));
    }

    /** Stops listening, closes the clients' connections and removes the socket file; the backend stays open. */
    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the socket " + socket, e);
        }
    }
}
