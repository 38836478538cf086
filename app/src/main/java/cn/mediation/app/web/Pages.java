package cn.mediation.app.web;

import cn.mediation.core.access.Caller;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages: the mediators' workbench ({@code /}, where every role lands and is sent on to its own page), the
 * administrators' page ({@code /admin}), the county dashboard ({@code /dashboard}) and the auditors'
 * view ({@code /audit}). Each is a small server-rendered shell (labels in the user's language, who is logged in);
 * its script reads and writes through the same JSON API every other client uses, with the login's session.
 */
@Controller
public class Pages {

    private final RegionDirectory regions;

    public Pages(RegionDirectory regions) {
        this.regions = regions;
    }

    /** Everyone lands where their role works: the workbench is the mediators'. */
    @GetMapping("/")
    public String workbench(Caller caller, Model model) {
        return switch (caller.role()) {
            case MEDIATOR -> page("workbench", caller, model);
            case ANALYST -> "redirect:/dashboard?region=" + caller.scope().value();
            case AUDITOR -> "redirect:/audit";
            case ADMIN -> "redirect:/admin";
        };
    }

    @GetMapping("/dashboard")
    public String dashboard(Caller caller, Model model) {
        return page("dashboard", caller, model);
    }

    /** The administrators': users of their area, the read models' progress, rebuilds and verifications. */
    @GetMapping("/admin")
    public String admin(Caller caller, Model model) {
        caller.requireRole(cn.mediation.core.access.Role.ADMIN);
        return page("admin", caller, model);
    }

    /**
     * The auditors' page; anyone else is told which role it needs (403), rather than given a page whose every
     * lookup the API refuses.
     */
    @GetMapping("/audit")
    public String audit(Caller caller, Model model, jakarta.servlet.http.HttpServletResponse response) {
        if (!caller.is(cn.mediation.core.access.Role.AUDITOR)) {
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN);
            page("audit", caller, model);
            model.addAttribute("neededRole", cn.mediation.core.access.Role.AUDITOR.name());
            return "denied";
        }
        return page("audit", caller, model);
    }

    /** A case's file (卷宗) to print; the script reads {@code /api/disputes/{id}/file}, which checks the reader. */
    @GetMapping("/cases/{id}/file")
    public String caseFile(@org.springframework.web.bind.annotation.PathVariable String id, Caller caller,
                           Model model) {
        model.addAttribute("caseId", id);
        return page("casefile", caller, model);
    }

    private String page(String name, Caller caller, Model model) {
        model.addAttribute("page", name);
        model.addAttribute("username", caller.username());
        model.addAttribute("role", caller.role().name());
        model.addAttribute("scope", caller.scope().value());
        model.addAttribute("scopeName", regions.find(caller.scope()).map(Region::name).orElse(caller.scope().value()));
        return name;
    }
}
