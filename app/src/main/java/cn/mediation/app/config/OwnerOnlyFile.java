package cn.mediation.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** A file of secrets the server generates at its first start: readable and writable by the server's user only. */
public final class OwnerOnlyFile {

    private OwnerOnlyFile() {
    }

    /**
     * Creates the file with this text unless it exists; false when another start created it first. The text is
     * written to a private temporary file first and linked into place, so a start that races this one finds either
     * no file or the whole text, never an empty one.
     */
    public static boolean createWith(Path file, String text, String what) {
        Path folder = file.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, "." + file.getFileName(), ".partial", ownerOnly());
            Files.writeString(partial, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.createLink(file, partial);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the " + what + " " + file, e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a leftover temporary file holds a key nobody uses; the folder is the owner's alone
                }
            }
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        if (!posix()) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    /**
     * The user this process runs as, as the file system names owners: the owner of a file it has just made (a
     * container's user may have no name to look up).
     */
    public static java.nio.file.attribute.UserPrincipal processOwner() throws IOException {
        Path probe = Files.createTempFile("mediation-owner", ".probe");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Whether files here have owner, group and other permissions (not so on Windows). */
    public static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Restricts an existing file or folder to its owner ({@code rw-------} or {@code rwx------}), where it can. */
    public static void restrict(Path path, String permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
