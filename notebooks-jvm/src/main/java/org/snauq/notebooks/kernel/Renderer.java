package org.snauq.notebooks.kernel;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Turns a value into a MIME bundle the way IJava's and JJava's renderer does (jupyter-jvm-basekernel's
 * {@code Renderer} with its {@code Image} and {@code Text} registrations), for the value of a cell's last
 * expression and for {@code display(...)}:
 * <ul>
 *   <li>a {@link RenderedImage} (e.g. a {@code BufferedImage}) prefers {@code image/png} (base64) and also renders
 *       as {@code image/jpeg} or {@code image/gif} when asked;</li>
 *   <li>a {@link CharSequence} prefers {@code text/plain} and renders as any of the text types when asked (e.g.
 *       {@code display(svg, "image/svg+xml")});</li>
 *   <li>every bundle has {@code text/plain}, {@code String.valueOf(value)} unless rendered otherwise.</li>
 * </ul>
 * Values the kernels render in ways this runner does not reproduce (URLs, input streams) are refused, so a stored
 * output never differs from what the kernel would have shown.
 */
final class Renderer {

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif");
    private static final Set<String> TEXT_TYPES = Set.of("text/plain", "application/javascript", "text/markdown",
            "text/latex", "text/html", "text/css", "image/svg+xml", "application/json");

    private Renderer() {
    }

    /** The bundle for {@code value} in its preferred types; keys sorted, as Jupyter stores them. */
    static Map<String, String> render(Object value) {
        refuseUnsupported(value);
        if (value instanceof RenderedImage) {
            return renderAs(value, "image/png");
        }
        return renderAs(value);
    }

    /** The bundle for {@code value} in the requested types it supports, plus {@code text/plain}. */
    static Map<String, String> renderAs(Object value, String... types) {
        refuseUnsupported(value);
        Set<String> wanted = new LinkedHashSet<>(List.of(types));
        wanted.add("text/plain");
        Map<String, String> data = new TreeMap<>();
        for (String type : wanted) {
            if (value instanceof RenderedImage image && IMAGE_TYPES.contains(type)) {
                data.put(type, base64(image, type.substring("image/".length())));
            } else if (value instanceof CharSequence text && TEXT_TYPES.contains(type)) {
                data.put(type, text.toString());
            }
        }
        data.putIfAbsent("text/plain", String.valueOf(value));
        return data;
    }

    private static void refuseUnsupported(Object value) {
        Objects.requireNonNull(value, "display: value is null"); // the kernels fail on null too
        if (value instanceof URL || value instanceof URLConnection || value instanceof InputStream) {
            throw new IllegalArgumentException("the notebook runner does not render a " + value.getClass().getName()
                    + " as the Java kernels do; display a String or an image instead");
        }
    }

    private static String base64(RenderedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalArgumentException("no " + format + " writer for this image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
