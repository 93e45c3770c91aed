package facet.health;

import facet.health.RootsView.Phase;
import facet.health.RootsView.RootView;
import java.util.List;

/** Roots as a test sets them, in place of the engine's. */
final class FakeRoots implements RootsView {

    private volatile List<RootView> roots = List.of();

    void set(RootView... roots) {
        this.roots = List.of(roots);
    }

    @Override
    public List<RootView> now() {
        return roots;
    }

    static RootView root(String name, Phase phase) {
        return new RootView(name, phase, false);
    }

    static RootView crashed(String name) {
        return new RootView(name, Phase.RUNNING, true);
    }
}
