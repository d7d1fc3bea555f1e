package no.samarbeidsportal.isolation;

import io.quarkus.arc.Arc;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Every route of the running app: the plain Vert.x routes from the application router (token endpoint, demo login,
 * metadata, operations) and every JAX-RS resource method from the CDI container (pages and admin API, the latter under
 * all three bases of admin-api.md 1.2). Nothing is listed by hand, so a new route is in the isolation matrix the day it
 * is written.
 */
@ApplicationScoped
public class RouteTable {

    /** A route and what it reads: path template ({@code {name}} placeholders), query and form fields by name. */
    public record Endpoint(String method, String template, String source, Set<String> query, Set<String> form,
            boolean multipart) {

        public Set<String> pathParams() {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        public boolean api() {
            return Paths.isApi(template.replaceAll("\\{[^}]*}", "x"));
        }

        public String key() {
            return method + " " + template;
        }
    }

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)(?::[^}]*)?}");
    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "DELETE");

    private volatile Router router;

    void keep(@Observes Router router) {
        this.router = router;
    }

    /** All routes, sorted, without duplicates; a Vert.x route that answers any method is listed once per method. */
    public List<Endpoint> endpoints() {
        TreeMap<String, Endpoint> all = new TreeMap<>();
        for (Endpoint e : jaxrs()) {
            all.putIfAbsent(e.key(), e);
        }
        for (Endpoint e : vertx()) {
            all.putIfAbsent(e.key(), e);
        }
        List<Endpoint> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return list;
    }

    /** Vert.x routes without a plain path (regular expressions, catch-alls) that the matrix cannot address. */
    public int unaddressableVertxRoutes() {
        return (int) router.getRoutes().stream().filter(r -> r.getPath() == null).count();
    }

    private List<Endpoint> vertx() {
        if (router == null) {
            throw new IllegalStateException("the application router was never observed");
        }
        List<Endpoint> out = new ArrayList<>();
        collect(router, "", out, 0);
        return out;
    }

    /**
     * The routes of a router. Routers mounted on it (Quarkus's /q/ operations endpoints, /webjars/) are tried at their
     * mount point only: Vert.x keeps no public link from a mount point to the router behind it.
     */
    private static void collect(Router r, String prefix, List<Endpoint> out, int depth) {
        for (Route route : r.getRoutes()) {
            String path = route.getPath();
            if (path == null) {
                continue;
            }
            String full = prefix.isEmpty() ? path : join(prefix, path);
            String template = full.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            Set<HttpMethod> methods = route.methods();
            List<String> names = methods == null || methods.isEmpty() ? ALL_METHODS
                    : methods.stream().map(HttpMethod::name).toList();
            for (String m : names) {
                out.add(new Endpoint(m, template, "vertx", Set.of(), Set.of(), false));
            }
        }
    }

    private List<Endpoint> jaxrs() {
        List<Endpoint> out = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = join(root.value(), sub == null ? "" : sub.value());
                Set<String> query = new LinkedHashSet<>();
                Set<String> form = new LinkedHashSet<>();
                boolean multipart = false;
                for (Parameter p : method.getParameters()) {
                    multipart |= readParameter(p, query, form);
                }
                Endpoint e = new Endpoint(http, template, "jaxrs " + type.getSimpleName() + "." + method.getName(),
                        Set.copyOf(query), Set.copyOf(form), multipart);
                out.add(e);
                if (template.startsWith(Paths.API + "/")) {
                    String rest = template.substring(Paths.API.length());
                    out.add(new Endpoint(http, rest, e.source(), e.query(), e.form(), multipart));
                    out.add(new Endpoint(http, Paths.API_EXTERNAL + rest, e.source(), e.query(), e.form(), multipart));
                }
            }
        }
        return out;
    }

    private static boolean readParameter(Parameter p, Set<String> query, Set<String> form) {
        RestQuery rq = p.getAnnotation(RestQuery.class);
        QueryParam qp = p.getAnnotation(QueryParam.class);
        RestForm rf = p.getAnnotation(RestForm.class);
        FormParam fp = p.getAnnotation(FormParam.class);
        if (rq != null) {
            query.add(rq.value().isEmpty() ? p.getName() : rq.value());
        } else if (qp != null) {
            query.add(qp.value());
        } else if (rf != null || fp != null) {
            form.add(rf != null ? (rf.value().isEmpty() ? p.getName() : rf.value()) : fp.value());
            return p.getType() == FileUpload.class;
        } else if (p.isAnnotationPresent(BeanParam.class)) {
            boolean multipart = false;
            for (Field f : p.getType().getFields()) {
                RestForm frf = f.getAnnotation(RestForm.class);
                FormParam ffp = f.getAnnotation(FormParam.class);
                RestQuery frq = f.getAnnotation(RestQuery.class);
                if (frf != null || ffp != null) {
                    form.add(frf != null ? (frf.value().isEmpty() ? f.getName() : frf.value()) : ffp.value());
                    multipart |= f.getType() == FileUpload.class;
                } else if (frq != null) {
                    query.add(frq.value().isEmpty() ? f.getName() : frq.value());
                }
            }
            return multipart;
        } else if (p.isAnnotationPresent(RestPath.class) || p.isAnnotationPresent(PathParam.class)) {
            return false;
        }
        return false;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            jakarta.ws.rs.HttpMethod h = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
